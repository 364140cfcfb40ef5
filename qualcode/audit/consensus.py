"""Merge coders' codings of a document into a consensus coder: strategies, passage resolutions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.audit import spans
from qualcode.errors import QualcodeError
from qualcode.numbering import passage_number
from qualcode.store.audit import known_coder, record
from qualcode.store.coder_name import check_coder_name
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding, find_codings, remove_coding
from qualcode.store.documents import passage_at
from qualcode.store.models import AuditEvent, Code, Coding, Document

DEFAULT_CONSENSUS = "consensus"
STRATEGIES = ("union", "intersection", "take:CODER")

Target = dict[tuple[str, int, int], str | None]
"""Wanted consensus codings: (code key, start, end) → memo."""


@dataclass(frozen=True)
class MergeResult:
    """What a merge or a resolution changed in the consensus coder's codings."""

    document_id: int
    into: str
    action: str
    codes: tuple[str, ...]
    added: int
    removed: int

    def as_json(self) -> dict[str, Any]:
        return {
            "document": self.document_id,
            "into": self.into,
            "action": self.action,
            "codes": list(self.codes),
            "added": self.added,
            "removed": self.removed,
        }


def _check_names(coders: Sequence[str], into: str) -> tuple[list[str], str]:
    names = [check_coder_name(c) for c in coders]
    target = check_coder_name(into)
    if not names or len(set(names)) != len(names):
        raise QualcodeError("give the coders to merge, each once, e.g. --coders ana,ben")
    if target in names:
        raise QualcodeError(f"the consensus coder {target!r} cannot also be merged from")
    return names, target


def _by_code(codings: list[Coding]) -> dict[str, list[Coding]]:
    grouped: dict[str, list[Coding]] = {}
    for coding in codings:
        grouped.setdefault(coding.code.key, []).append(coding)
    return grouped


def _target(
    strategy: str, sources: dict[str, list[Coding]], names: list[str]
) -> dict[tuple[int, int], str | None]:
    """The consensus codings a strategy asks for, from the source coders' codings of one code."""
    by_coder = {name: sources.get(name, []) for name in names}
    memos = {(c.start, c.end): c.memo for cs in by_coder.values() for c in cs if c.memo}
    if strategy.startswith("take:"):
        chosen = strategy.removeprefix("take:").strip()
        if chosen not in names:
            raise QualcodeError(f"take:{chosen}: {chosen!r} is not one of --coders")
        memos = {(c.start, c.end): c.memo for c in by_coder[chosen] if c.memo}
        wanted = sorted({(c.start, c.end) for c in by_coder[chosen]})
    elif strategy == "union":
        wanted = spans.union((c.start, c.end) for cs in by_coder.values() for c in cs)
    elif strategy == "intersection":
        wanted = spans.union((c.start, c.end) for c in by_coder[names[0]])
        for name in names[1:]:
            wanted = spans.intersect(wanted, [(c.start, c.end) for c in by_coder[name]])
    else:
        raise QualcodeError(f"strategy must be one of {', '.join(STRATEGIES)}, not {strategy!r}")
    return {(s, e): memos.get((s, e)) for s, e in wanted}


def _apply(
    session: Session,
    document: Document,
    into: str,
    wanted: Target,
    existing: list[Coding],
    *,
    supervisor: str,
) -> tuple[int, int]:
    """Make the consensus codings `existing` (of the codes in `wanted`'s scope) equal `wanted`."""
    have = {(c.code.key, c.start, c.end): c for c in existing}
    removed = 0
    for key, coding in have.items():
        if key not in wanted:
            remove_coding(session, coding, coder=supervisor)
            removed += 1
    codes = {
        c.key: c for c in session.scalars(select(Code).where(Code.key.in_({k[0] for k in wanted})))
    }
    added = 0
    for key, memo in sorted(wanted.items(), key=lambda item: item[0]):
        if key not in have:
            code, start, end = key
            add_coding(session, document, codes[code], into, start, end, memo=memo)
            added += 1
    return added, removed


def merge_document(
    session: Session,
    document: Document,
    coders: Sequence[str],
    *,
    strategy: str,
    into: str = DEFAULT_CONSENSUS,
    codes: Sequence[str] | None = None,
    supervisor: str,
) -> MergeResult:
    """Set the consensus coder's codings of a document to what the strategy makes of the coders'.

    take:CODER copies that coder's codings; union joins every coder's spans per code;
    intersection keeps the characters every coder coded with the code. Codes in scope: those
    given, else every code a source coder or the consensus coder used in the document.
    Running it again changes nothing.
    """
    names, target = _check_names(coders, into)
    _target(strategy, {}, names)  # refuse an unknown strategy before anything is read
    for name in names:
        known_coder(session, name)
    sources = {
        name: _by_code(find_codings(session, document=document, coder=name)) for name in names
    }
    existing = _by_code(find_codings(session, document=document, coder=target))
    scope = (
        list(codes)
        if codes is not None
        else sorted({k for per in sources.values() for k in per} | set(existing))
    )
    for key in scope:
        find_code(session, key)
    wanted: Target = {}
    for key in scope:
        per_code = {name: sources[name].get(key, []) for name in names}
        for (start, end), memo in _target(strategy, per_code, names).items():
            wanted[(key, start, end)] = memo
    current = [c for key in scope for c in existing.get(key, [])]
    added, removed = _apply(session, document, target, wanted, current, supervisor=supervisor)
    result = MergeResult(document.id, target, strategy, tuple(scope), added, removed)
    if added or removed:
        after = {**result.as_json(), "coders": names, "strategy": strategy}
        record(session, "consensus.merge", "document", document.id, coder=supervisor, after=after)
    return result


def decisions(session: Session, document_id: int, into: str) -> dict[tuple[int, str], str]:
    """(passage, code) → "keep" or "drop": resolutions since the document's last merge."""
    found: dict[tuple[int, str], str] = {}
    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action.in_(("consensus.merge", "consensus.resolve")))
        .order_by(AuditEvent.id)
    )
    for event in events:
        after = event.after or {}
        if after.get("document") != document_id or after.get("into") != into:
            continue
        if event.action == "consensus.merge":
            found.clear()
        else:
            found[(int(after["passage"]), str(after["code"]))] = str(after["decision"])
    return found


def resolve_passage(
    session: Session,
    document: Document,
    code_key: str,
    passage_index: int,
    *,
    keep: bool,
    into: str = DEFAULT_CONSENSUS,
    coders: Sequence[str] | None = None,
    supervisor: str,
) -> MergeResult:
    """Settle one disagreement: the consensus coder applies the code to the passage, or not.

    keep: unless the consensus already codes the passage with it, it gets the spans the coders
    (those given, else any) coded with the code, cut to the passage. drop: consensus codings
    of the code lose their part inside the passage. Repeating a decision changes nothing.
    """
    target = check_coder_name(into)
    passage = passage_at(session, document, passage_index)
    code = find_code(session, code_key)
    window = (passage.start, passage.end)
    overlapping = [
        c
        for c in find_codings(session, document=document, code=code)
        if spans.clip((c.start, c.end), window)
    ]
    mine = [c for c in overlapping if c.coder.name == target]
    added = removed = 0
    if keep and not mine:
        chosen = [
            c
            for c in overlapping
            if c.coder.name != target and (coders is None or c.coder.name in coders)
        ]
        if not chosen:
            number = passage_number(passage_index)
            raise QualcodeError(
                f"no coder applied '{code.key}' to passage {number} of document "
                f"{document.id}: nothing to keep (add it with qualcode code add)"
            )
        pieces = spans.union(spans.clip((c.start, c.end), window) or window for c in chosen)
        for start, end in pieces:
            add_coding(session, document, code, target, start, end)
            added += 1
    elif not keep:
        taken = {
            (c.start, c.end)
            for c in find_codings(session, document=document, code=code, coder=target)
        }
        for coding in mine:
            memo, parts = coding.memo, spans.outside((coding.start, coding.end), window)
            taken.discard((coding.start, coding.end))
            remove_coding(session, coding, coder=supervisor)
            removed += 1
            for start, end in parts:
                if (start, end) not in taken:
                    add_coding(session, document, code, target, start, end, memo=memo)
                    taken.add((start, end))
                    added += 1
    decision = "keep" if keep else "drop"
    result = MergeResult(document.id, target, decision, (code.key,), added, removed)
    if (
        added
        or removed
        or decisions(session, document.id, target).get((passage_index, code.key)) != decision
    ):
        after = {
            **result.as_json(),
            "passage": passage_index,
            "code": code.key,
            "decision": decision,
        }
        record(session, "consensus.resolve", "passage", passage.id, coder=supervisor, after=after)
    return result
