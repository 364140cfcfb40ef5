"""Which coded spans an export holds: code, participant and coder filters, and consensus."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, defer, joinedload

from qualcode.store.codes import all_codes, find_code
from qualcode.store.models import Code, Coder, Coding, Document, Participant
from qualcode.tables.columns import is_private_attribute

Interval = tuple[int, int]


@dataclass(frozen=True)
class CodedSpan:
    """A span of one document coded with one code, and the coders who coded it."""

    document_id: int
    code_id: int
    start: int
    end: int
    coders: frozenset[str]


def selected_codes(session: Session, keys: list[str]) -> list[Code]:
    """The codes named (with everything below them), or every code; parents first."""
    ordered = all_codes(session)
    if not keys:
        return ordered
    chosen = {find_code(session, key).id for key in keys}
    result = []
    for code in ordered:
        node: Code | None = code
        while node is not None and node.id not in chosen:
            node = node.parent
        if node is not None:
            result.append(code)
    return result


def _all_attributes(document: Document) -> dict[str, str]:
    # Attributes given at import stay the document's when a participant sheet links it later;
    # the participant's own win where both name one (as `docs` shows them).
    person = document.participant.attributes if document.participant is not None else {}
    return {**document.attributes, **person}


def public_attributes(document: Document) -> dict[str, str]:
    """The document's attributes with its participant's over them, minus any whose name says it
    holds a name, contact detail or the like (never public, whatever an old import did)."""
    return {k: v for k, v in _all_attributes(document).items() if not is_private_attribute(k)}


def public_attribute_names(session: Session) -> set[str]:
    """Every public attribute name any document or participant of the project has."""
    names: set[str] = set()
    for table in (Document, Participant):
        for attributes in session.scalars(select(table.attributes)):
            names.update(attributes or {})
    return {name for name in names if not is_private_attribute(name)}


def hidden_attributes(documents: Iterable[Document]) -> list[str]:
    """Participant attributes that public_attributes leaves out because they look private (a
    document's own header keys such as "interviewer" are left out silently, as always)."""
    return sorted(
        {
            k
            for d in documents
            if d.participant is not None
            for k in d.participant.attributes
            if is_private_attribute(k)
        }
    )


def _matches(document: Document, where: dict[str, list[str]]) -> bool:
    values = {k.casefold(): v for k, v in public_attributes(document).items()}
    if document.participant is not None:
        values["participant"] = values["label"] = document.participant.label
    values["document"] = str(document.id)
    for name, wanted in where.items():
        actual = values.get(name.casefold())
        if actual is None or actual.strip().casefold() not in {w.casefold() for w in wanted}:
            return False
    return True


def matching_documents(
    session: Session, where: dict[str, list[str]], *, text: bool = True
) -> list[Document]:
    """Documents whose participant attributes match every ATTR=VALUE filter (their text loaded
    only when asked: counting needs none)."""
    query = select(Document).options(joinedload(Document.participant)).order_by(Document.id)
    if not text:
        query = query.options(defer(Document.text))
    else:  # quoting reads each participant's names (speaker labels): one query, not one each
        query = query.options(
            joinedload(Document.participant).selectinload(Participant.identifiers)
        )
    documents = session.scalars(query)
    return [d for d in documents.unique() if _matches(d, where)]


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    """Overlapping intervals joined; touching ones kept apart."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def intersect(a: list[Interval], b: list[Interval]) -> list[Interval]:
    """Where two sorted, disjoint interval lists overlap."""
    out: list[Interval] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < end:
            out.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def coded_spans(
    session: Session,
    documents: list[Document],
    codes: list[Code],
    *,
    coder: str | None = None,
    consensus: bool = False,
) -> list[CodedSpan]:
    """One span per passage coded with a code: overlapping codings merge (any coder), or, with
    consensus, only the text every coder of the document coded with it."""
    doc_ids = [d.id for d in documents]
    code_ids = [c.id for c in codes]
    if not doc_ids or not code_ids:
        return []
    query = (
        select(Coding.document_id, Coding.code_id, Coding.start, Coding.end, Coder.name)
        .join(Coder, Coding.coder_id == Coder.id)
        .where(Coding.document_id.in_(doc_ids), Coding.code_id.in_(code_ids))
    )
    if coder is not None:
        query = query.where(Coder.name == coder)
    by_code: dict[tuple[int, int], dict[str, list[Interval]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for doc_id, code_id, start, end, name in session.execute(query):
        by_code[(doc_id, code_id)][name].append((start, end))
    coders_of = _coders_by_document(session, doc_ids) if consensus else {}
    spans: list[CodedSpan] = []
    for (doc_id, code_id), per_coder in by_code.items():
        if consensus:
            needed = coders_of.get(doc_id, set())
            if len(needed) < 2 or not needed <= set(per_coder):
                continue
            agreed = merge_intervals(per_coder[next(iter(needed))])
            for name in needed:
                agreed = intersect(agreed, merge_intervals(per_coder[name]))
            spans += [CodedSpan(doc_id, code_id, s, e, frozenset(needed)) for s, e in agreed]
            continue
        for start, end in merge_intervals(i for ivs in per_coder.values() for i in ivs):
            who = frozenset(
                n for n, ivs in per_coder.items() if any(s < end and start < e for s, e in ivs)
            )
            spans.append(CodedSpan(doc_id, code_id, start, end, who))
    return sorted(spans, key=lambda s: (s.document_id, s.start, s.end, s.code_id))


def _coders_by_document(session: Session, doc_ids: list[int]) -> dict[int, set[str]]:
    rows = session.execute(
        select(Coding.document_id, Coder.name)
        .join(Coder, Coding.coder_id == Coder.id)
        .where(Coding.document_id.in_(doc_ids))
        .distinct()
    )
    coders: dict[int, set[str]] = defaultdict(set)
    for doc_id, name in rows:
        coders[doc_id].add(name)
    return coders
