"""Quotes into groups: by theme along the code tree, by participant, or by an attribute."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Protocol

from qualcode.errors import QualcodeError
from qualcode.export.model import Quote, QuoteGroup, QuoteOptions
from qualcode.export.selection import CodedSpan, public_attributes
from qualcode.store.models import Code, Document

Redact = Callable[[str], str]
NOT_RECORDED = "(not recorded)"


class QuoteSource(Protocol):
    """Makes anonymised quotes from coded spans, and shows code keys as exports may."""

    def make(self, document: Document, span: CodedSpan, codes: list[Code]) -> Quote | None: ...

    def code_key(self, code: Code) -> str: ...

    def code_path(self, code: Code) -> list[str]: ...


def natural_order(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key reading numbers as numbers: "Interviewee 2" before "Interviewee 10"."""
    return tuple(
        (0, int(p)) if p.isdigit() else (1, p.casefold()) for p in re.split(r"(\d+)", text)
    )


def quote_order(quote: Quote) -> tuple[object, ...]:
    """Stable reading order: participant (2 before 10), document, position."""
    return (natural_order(quote.participant), quote.document_id, quote.start, quote.end)


def group_quotes(
    options: QuoteOptions,
    codes: list[Code],
    spans: list[CodedSpan],
    documents: dict[int, Document],
    source: QuoteSource,
    redact: Redact,
) -> list[QuoteGroup]:
    """The top-level groups for the chosen --group-by."""
    if options.group_by == "code":
        return _by_code(codes, spans, documents, source, redact)
    quotes = _merged_quotes(codes, spans, documents, source)
    if options.group_by == "participant":
        return _by_value(quotes, lambda q: q.participant, redact, participant=True)
    names = {n for d in documents.values() for n in public_attributes(d)}
    attribute = next((n for n in names if n.casefold() == options.group_by.casefold()), None)
    if attribute is None:
        known = ", ".join(sorted(names)) or "none"
        raise QualcodeError(
            f"--group-by {options.group_by!r}: use code, participant or an attribute ({known})"
        )
    return _by_value(quotes, lambda q: q.attributes.get(attribute) or NOT_RECORDED, redact)


def _by_code(
    codes: list[Code],
    spans: list[CodedSpan],
    documents: dict[int, Document],
    source: QuoteSource,
    redact: Redact,
) -> list[QuoteGroup]:
    by_id = {c.id: c for c in codes}
    quotes: dict[int, dict[tuple[int, int, int], Quote]] = defaultdict(dict)
    for span in spans:
        quote = source.make(documents[span.document_id], span, [by_id[span.code_id]])
        if quote is not None:
            # Two spans trimmed to the same words are one quote, never two in a group.
            quotes[span.code_id].setdefault(quote.identity, quote)
    children: dict[int | None, list[Code]] = defaultdict(list)
    for code in codes:
        parent = code.parent_id if code.parent_id in by_id else None
        children[parent].append(code)

    def build(code: Code, level: int) -> QuoteGroup | None:
        group = QuoteGroup(
            key=source.code_key(code),
            title=redact(code.name),
            description=redact(code.description),
            level=level,
            path=tuple(source.code_path(code)),
            quotes=sorted(quotes[code.id].values(), key=quote_order),
        )
        group.children = [
            g for g in (build(c, level + 1) for c in children[code.id]) if g is not None
        ]
        return group if group.quotes or group.children else None

    return [g for g in (build(c, 1) for c in children[None]) if g is not None]


def _merged_quotes(
    codes: list[Code], spans: list[CodedSpan], documents: dict[int, Document], source: QuoteSource
) -> list[Quote]:
    """Overlapping spans of any codes in one document become one quote carrying all codes."""
    order = {c.id: i for i, c in enumerate(codes)}
    by_id = {c.id: c for c in codes}
    merged: list[tuple[CodedSpan, set[int]]] = []
    for span in sorted(spans, key=lambda s: (s.document_id, s.start, s.end)):
        last = merged[-1] if merged else None
        if last and last[0].document_id == span.document_id and span.start < last[0].end:
            joined = CodedSpan(
                span.document_id,
                last[0].code_id,
                last[0].start,
                max(last[0].end, span.end),
                last[0].coders | span.coders,
            )
            merged[-1] = (joined, last[1] | {span.code_id})
        else:
            merged.append((span, {span.code_id}))
    quotes: dict[tuple[int, int, int], Quote] = {}
    for span, code_ids in merged:
        chosen = [by_id[i] for i in sorted(code_ids, key=order.__getitem__)]
        quote = source.make(documents[span.document_id], span, chosen)
        if quote is not None:
            quotes.setdefault(quote.identity, quote)
    return list(quotes.values())


def _by_value(
    quotes: list[Quote],
    value_of: Callable[[Quote], str],
    redact: Redact,
    *,
    participant: bool = False,
) -> list[QuoteGroup]:
    groups: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        groups[value_of(quote)].append(quote)
    described: dict[str, str] = {}
    if participant:
        for quote in quotes:
            pairs = sorted(quote.attributes.items())
            described[quote.participant] = "; ".join(f"{k}: {v}" for k, v in pairs)
    return [
        QuoteGroup(
            key=value,
            title=redact(value),
            description=described.get(value, ""),
            level=1,
            path=(value,),
            quotes=sorted(members, key=quote_order),
            show_codes=True,
        )
        for value, members in sorted(groups.items(), key=lambda item: natural_order(item[0]))
    ]
