"""A document's codings through an edit: moved with their words, resized, merged or set aside."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from qualcode.revise.anchor import MOVED, ORPHANED, RESIZED, UNCHANGED, Outcome, Realignment
from qualcode.revise.anchor import reanchor as reanchor_spans
from qualcode.store.audit import record
from qualcode.store.models import Base, Code, Coder, Coding, OrphanedCoding, utcnow

# Moved codings are first parked this far out, so that no half-done move collides with the
# unique (document, code, coder, start, end) of a coding not yet moved.
PARK = 2**30
CHUNK = 500


@dataclass
class CodingChanges:
    """What an edit did to a document's codings (ids where few, counts where many)."""

    unchanged: int = 0
    moved: int = 0
    resized: list[int] = field(default_factory=list)
    orphaned: list[int] = field(default_factory=list)
    merged: dict[int, int] = field(default_factory=dict)  # removed duplicate → the one kept

    def as_json(self) -> dict[str, Any]:
        return {
            "unchanged": self.unchanged,
            "moved": self.moved,
            "resized": self.resized,
            "orphaned": self.orphaned,
            "merged": {str(k): v for k, v in self.merged.items()},
        }


@dataclass(frozen=True)
class _Row:
    id: int
    code_id: int
    code_key: str
    coder_id: int
    coder: str
    start: int
    end: int
    origin: str
    memo: str | None
    created_at: datetime


def _rows(session: Session, document_id: int) -> list[_Row]:
    query = (
        select(Coding.id, Coding.code_id, Code.key, Coding.coder_id, Coder.name)
        .add_columns(Coding.start, Coding.end, Coding.origin, Coding.memo, Coding.created_at)
        .join(Code, Code.id == Coding.code_id)
        .join(Coder, Coder.id == Coding.coder_id)
        .where(Coding.document_id == document_id)
        .order_by(Coding.id)
    )
    return [_Row(*row) for row in session.execute(query)]


def reanchor_codings(
    session: Session,
    document_id: int,
    realignment: Realignment,
    old_text: str,
    new_text: str,
    *,
    version: int,
    coder: str,
) -> CodingChanges:
    """Re-anchor every coding of the document from old_text (version `version`) to new_text."""
    rows = {row.id: row for row in _rows(session, document_id)}
    outcomes = reanchor_spans(
        realignment, old_text, new_text, ((r.id, r.start, r.end) for r in rows.values())
    )
    changes = CodingChanges()
    memos = {row.id: row.memo for row in rows.values()}
    kept: dict[tuple[int, int, int, int], int] = {}
    moves: list[Outcome] = []
    for outcome in outcomes:
        row = rows[outcome.id]
        if outcome.status == ORPHANED:
            _orphan(session, document_id, row, old_text, version, coder)
            changes.orphaned.append(row.id)
            continue
        key = (row.code_id, row.coder_id, outcome.start, outcome.end)
        if key in kept:
            _merge(session, row, rows[kept[key]], memos, coder)
            changes.merged[row.id] = kept[key]
            continue
        kept[key] = row.id
        if outcome.status == UNCHANGED:
            changes.unchanged += 1
            continue
        moves.append(outcome)
        if outcome.status == MOVED:
            changes.moved += 1
        else:
            assert outcome.status == RESIZED
            changes.resized.append(row.id)
            _resize(session, row, outcome, old_text, new_text, coder)
    _delete(session, [*changes.orphaned, *changes.merged])
    _move(session, moves)
    return changes


def _orphan(
    session: Session, document_id: int, row: _Row, old_text: str, version: int, coder: str
) -> None:
    words = old_text[row.start : row.end]
    session.add(
        OrphanedCoding(
            document_id=document_id,
            coding_id=row.id,
            code_id=row.code_id,
            code_key=row.code_key,
            coder_id=row.coder_id,
            origin=row.origin,
            memo=row.memo,
            version=version,
            start=row.start,
            end=row.end,
            text=words,
            coded_at=row.created_at,
            orphaned_by=coder,
        )
    )
    state = {
        "document": document_id,
        "code": row.code_key,
        "coder": row.coder,
        "start": row.start,
        "end": row.end,
        "text": words,
        "version": version,
        "origin": row.origin,
        "memo": row.memo,
    }
    record(session, "coding.orphan", "coding", row.id, coder=coder, before=state)


def _resize(
    session: Session, row: _Row, outcome: Outcome, old_text: str, new_text: str, coder: str
) -> None:
    before = {"start": row.start, "end": row.end, "text": old_text[row.start : row.end]}
    after = {
        "start": outcome.start,
        "end": outcome.end,
        "text": new_text[outcome.start : outcome.end],
    }
    record(session, "coding.resize", "coding", row.id, coder=coder, before=before, after=after)


def _merge(
    session: Session, duplicate: _Row, keeper: _Row, memos: dict[int, str | None], coder: str
) -> None:
    """An edit made two codings of one code by one coder identical: keep the older one."""
    kept_memo = memos[keeper.id]
    if duplicate.memo and duplicate.memo != kept_memo:
        merged = "\n\n".join(m for m in (kept_memo, duplicate.memo) if m)
        memos[keeper.id] = merged
        session.execute(update(Coding).where(Coding.id == keeper.id).values(memo=merged))
    state = {"code": duplicate.code_key, "coder": duplicate.coder, "memo": duplicate.memo}
    after = {"kept": keeper.id}
    record(session, "coding.merge", "coding", duplicate.id, coder=coder, before=state, after=after)


def _delete(session: Session, ids: list[int]) -> None:
    for first in range(0, len(ids), CHUNK):
        session.execute(delete(Coding).where(Coding.id.in_(ids[first : first + CHUNK])))


_TABLE = Base.metadata.tables["coding"]
_MOVE = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("row"))
    .values(start=bindparam("new_start"), end=bindparam("new_end"), updated_at=bindparam("now"))
)


def _move(session: Session, moves: list[Outcome]) -> None:
    if not moves:
        return
    ids = [m.id for m in moves]
    for first in range(0, len(ids), CHUNK):
        session.execute(
            update(Coding)
            .where(Coding.id.in_(ids[first : first + CHUNK]))
            .values(start=Coding.start + PARK, end=Coding.end + PARK)
            .execution_options(synchronize_session=False)
        )
    now = utcnow()
    session.execute(
        _MOVE, [{"row": m.id, "new_start": m.start, "new_end": m.end, "now": now} for m in moves]
    )
