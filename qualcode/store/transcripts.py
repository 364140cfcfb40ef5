"""The transcript as the workbench shows it: a document's header, passages and marks.

Plain-data reads (no UI imports) for opening a document: its header (from the documents
list's module), its passages (loaded in one or two goes for long transcripts), and the
marks layered over them — every coder's codings plus this coder's passage memos and reviews.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.store.audit import find_coder
from qualcode.store.document_list import DocumentRow, document_header
from qualcode.store.models import Coder, Coding, Memo, Passage, Review


@dataclass(frozen=True, slots=True)
class PassageRow:
    """One passage (speaker turn) with its offsets in the document text."""

    id: int
    index: int
    start: int
    end: int
    speaker: str | None
    text: str
    meta: dict[str, str] | None = None  # read by passages_of only: the workbench needs none


CHUNK = 500
COLUMNS = (Passage.id, Passage.index, Passage.start, Passage.end, Passage.speaker, Passage.text)


@dataclass(frozen=True, slots=True)
class CodingView:
    """A coding as plain data: enough to draw it, and to restore it after a removal."""

    id: int
    document_id: int
    code_id: int
    coder: str
    start: int
    end: int
    origin: str = "manual"
    memo: str | None = None


@dataclass(frozen=True)
class Marks:
    """What is layered on a transcript: codings (all coders), and this coder's memos/reviews."""

    codings: list[CodingView]
    memos: dict[int, str] = field(default_factory=dict)
    reviewed: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class TranscriptData:
    """A document opened for coding: its header, passages and marks."""

    document: DocumentRow
    passages: list[PassageRow]
    marks: Marks


def load_transcript(
    session: Session, document_id: int, coder: str, *, first: int | None = None
) -> TranscriptData:
    """A document's passages (only the first `first` when given) and marks, ready to draw."""
    header = document_header(session, document_id)
    if header is None:
        raise QualcodeError(f"document {document_id} is no longer in the project")
    passages = load_passages(session, document_id, stop=first)
    return TranscriptData(header, passages, load_marks(session, document_id, coder))


def load_passages(
    session: Session, document_id: int, *, start: int = 0, stop: int | None = None
) -> list[PassageRow]:
    """Passages with start <= index < stop, in order (a long transcript loads in two goes)."""
    query = (
        select(*COLUMNS)
        .where(Passage.document_id == document_id, Passage.index >= start)
        .order_by(Passage.index)
    )
    if stop is not None:
        query = query.where(Passage.index < stop)
    # Core rather than ORM rows: 20,000 passages load twice as fast
    return [PassageRow(*row) for row in session.connection().execute(query)]


def passages_of(session: Session, document_ids: Iterable[int]) -> dict[int, list[PassageRow]]:
    """Every passage of these documents, with its meta, in order: one query for them all."""
    found: dict[int, list[PassageRow]] = {}
    ids = sorted(set(document_ids))
    for chunk in range(0, len(ids), CHUNK):  # SQLite caps the parameters of one statement
        query = (
            select(Passage.document_id, *COLUMNS, type_coerce(Passage.meta, String))
            .where(Passage.document_id.in_(ids[chunk : chunk + CHUNK]))
            .order_by(Passage.document_id, Passage.index)
        )
        rows = session.connection().execute(query)
        for document_id, id_, index, start, end, speaker, text, meta in rows:
            row = PassageRow(id_, index, start, end, speaker, text, _meta(meta))
            found.setdefault(document_id, []).append(row)
    return found


def _meta(stored: Any) -> Any:
    """A passage's meta as the JSON column reads it, without the column type's decoding of
    each row's: nearly every passage's is "{}" (half of reading a quote set's passages was
    decoding those). Each row gets its own dict."""
    if not isinstance(stored, str):  # None, or decoded already by the driver (PostgreSQL)
        return stored
    return {} if stored == "{}" else json.loads(stored)


def load_marks(session: Session, document_id: int, coder: str) -> Marks:
    """Every coder's codings on a document, and this coder's passage memos and reviews."""
    codings = [
        CodingView(*row)
        for row in session.execute(
            select(
                Coding.id,
                Coding.document_id,
                Coding.code_id,
                Coder.name,
                Coding.start,
                Coding.end,
                Coding.origin,
                Coding.memo,
            )
            .join(Coder, Coder.id == Coding.coder_id)
            .where(Coding.document_id == document_id)
            .order_by(Coding.start, Coding.end, Coding.id)
        )
    ]
    coder_row = find_coder(session, coder)
    if coder_row is None:
        return Marks(codings)
    memos = dict(
        session.execute(
            select(Memo.passage_id, Memo.text)
            .join(Passage, Passage.id == Memo.passage_id)
            .where(Passage.document_id == document_id, Memo.coder_id == coder_row.id)
        ).all()
    )
    reviewed = set(
        session.scalars(
            select(Review.passage_id)
            .join(Passage, Passage.id == Review.passage_id)
            .where(Passage.document_id == document_id, Review.coder_id == coder_row.id)
        )
    )
    return Marks(codings, {k: v for k, v in memos.items() if k is not None}, reviewed)
