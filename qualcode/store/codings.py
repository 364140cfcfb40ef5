"""Codings in the store: apply a code to a span, remove it, list codings."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, joinedload

from qualcode.ingest.interviewer import is_interviewer_turn
from qualcode.numbering import passage_number
from qualcode.store import coding_rows as rows
from qualcode.store.audit import record
from qualcode.store.models import Code, Coder, Coding, Document, Passage

ORIGINS = rows.ORIGINS


@dataclass(frozen=True)
class CodingRecord:
    """A coding as plain data with stable field names, for reports and JSON."""

    id: int
    document_id: int
    document: str
    start: int
    end: int
    text: str
    code: str
    coder: str
    origin: str
    memo: str | None
    passage: int | None = None  # stored index of the passage the coding starts in
    interviewer: bool = False  # it codes nothing but interviewer turns (a question)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document": {"id": self.document_id, "title": self.document},
            "passage": None if self.passage is None else passage_number(self.passage),
            "interviewer": self.interviewer,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "code": self.code,
            "coder": self.coder,
            "origin": self.origin,
            "memo": self.memo,
        }


def coding_state(coding: Coding) -> dict[str, Any]:
    """A coding as plain data for the audit trail."""
    return rows.coding_state(
        coding.document_id,
        coding.code.key,
        coding.coder.name,
        coding.start,
        coding.end,
        coding.origin,
        coding.memo,
    )


def check_span(document: Document, start: int, end: int) -> None:
    """Refuse a span that is empty, reversed, or outside the document's text."""
    rows.check_span(document.id, len(document.text), start, end)


def add_coding(
    session: Session,
    document: Document,
    code: Code,
    coder_name: str,
    start: int,
    end: int,
    *,
    origin: str = "manual",
    memo: str | None = None,
) -> Coding:
    """Apply a code to a span for a coder; the same coding twice is refused, not duplicated."""
    if session.autoflush:
        session.flush()  # a document or code made in this transaction gets its id
    coding_id = rows.insert_coding(
        session,
        (document.id, len(document.text)),
        (code.id, code.key),
        coder_name,
        start,
        end,
        origin=origin,
        memo=memo,
    )
    coding = session.get(Coding, coding_id)
    assert coding is not None  # written a moment ago, in this transaction
    return coding


def remove_coding(session: Session, coding: Coding, *, coder: str) -> None:
    """Remove a coding, keeping its last state in the audit trail."""
    state = coding_state(coding)
    session.delete(coding)
    session.flush()
    record(session, "coding.remove", "coding", coding.id, coder=coder, before=state)


def find_codings(
    session: Session,
    *,
    document: Document | None = None,
    code: Code | None = None,
    coder: str | None = None,
    start: int | None = None,
    end: int | None = None,
) -> list[Coding]:
    """Codings matching every filter given."""
    query = _coding_query(document=document, code=code, coder=coder)
    if start is not None:
        query = query.where(Coding.start == start)
    if end is not None:
        query = query.where(Coding.end == end)
    return list(session.scalars(query))


def _coding_query(
    *, document: Document | None, code: Code | None, coder: str | None
) -> Select[Coding]:
    query = (
        select(Coding)
        .options(joinedload(Coding.code), joinedload(Coding.coder), joinedload(Coding.document))
        .order_by(Coding.document_id, Coding.start, Coding.end, Coding.id)
    )
    if document is not None:
        query = query.where(Coding.document_id == document.id)
    if code is not None:
        query = query.where(Coding.code_id == code.id)
    if coder is not None:
        query = query.join(Coder, Coding.coder_id == Coder.id).where(Coder.name == coder)
    return query


def coding_records(
    session: Session,
    *,
    document: Document | None = None,
    code: Code | None = None,
    coder: str | None = None,
) -> list[CodingRecord]:
    """Codings as plain records, in document and text order."""
    codings = list(session.scalars(_coding_query(document=document, code=code, coder=coder)))
    where = _passages_of(session, {c.document_id for c in codings})
    no_passages = _Passages([], [], [], [])
    return [
        CodingRecord(
            id=c.id,
            document_id=c.document_id,
            document=c.document.title,
            start=c.start,
            end=c.end,
            text=c.document.text[c.start : c.end],
            code=c.code.key,
            coder=c.coder.name,
            origin=c.origin,
            memo=c.memo,
            passage=where.get(c.document_id, no_passages).index_at(c.start),
            interviewer=where.get(c.document_id, no_passages).interviewer_only(c.start, c.end),
        )
        for c in codings
    ]


@dataclass(frozen=True)
class _Passages:
    """One document's passages in text order, to find the one a coding starts in."""

    starts: list[int]
    ends: list[int]
    indexes: list[int]
    interviewer: list[bool]

    def index_at(self, position: int) -> int | None:
        found = bisect_right(self.starts, position) - 1
        if found < 0 or position >= self.ends[found]:
            return None
        return self.indexes[found]

    def interviewer_only(self, start: int, end: int) -> bool:
        """True when every passage the span touches is an interviewer's turn."""
        first = max(0, bisect_right(self.starts, start) - 1)
        last = bisect_left(self.starts, end)
        touched = [self.interviewer[i] for i in range(first, last) if self.ends[i] > start]
        return bool(touched) and all(touched)


def interviewer_only(session: Session, document_id: int, start: int, end: int) -> bool:
    """True when a span of a document covers nothing but interviewer turns (a question)."""
    passages = _passages_of(session, {document_id}).get(document_id)
    return passages is not None and passages.interviewer_only(start, end)


def _passages_of(session: Session, document_ids: set[int]) -> dict[int, _Passages]:
    found: dict[int, _Passages] = {}
    if not document_ids:
        return found
    rows = session.execute(
        select(
            Passage.document_id,
            Passage.start,
            Passage.end,
            Passage.index,
            Passage.speaker,
            func.substr(Passage.text, 1, 60),  # enough to read an opening label
            Passage.meta,
        )
        .where(Passage.document_id.in_(document_ids))
        .order_by(Passage.document_id, Passage.start)
    )
    for document_id, start, end, index, speaker, opening, meta in rows:
        passages = found.setdefault(document_id, _Passages([], [], [], []))
        passages.starts.append(start)
        passages.ends.append(end)
        passages.indexes.append(index)
        passages.interviewer.append(is_interviewer_turn(speaker, opening, meta))
    return found
