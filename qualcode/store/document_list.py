"""The workbench's documents list: each document with its participant and a coder's progress."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from qualcode.store.coverage import coded_passages_by_document
from qualcode.store.tables import Coder, Document, Participant, Passage

# Plain table clauses, not the ORM models: the documents list is the workbench's first
# screen, and declaring and configuring every mapper took a tenth of a second before it.


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """A document as the documents list shows it, with the current coder's progress."""

    id: int
    title: str
    participant: str | None
    attributes: dict[str, str]
    passages: int
    coded: int

    @property
    def coded_percent(self) -> float:
        return round(100.0 * self.coded / self.passages, 1) if self.passages else 0.0


def document_rows(session: Session, coder: str) -> list[DocumentRow]:
    """Every document with participant label, attributes, passages and passages coded by coder."""
    passages: dict[int, int] = dict(
        session.execute(
            select(Passage.c.document_id, func.count()).group_by(Passage.c.document_id)
        ).all()
    )
    coder_id = session.scalar(select(Coder.c.id).where(Coder.c.name == coder.strip()))
    coded = {} if coder_id is None else coded_passages_by_document(session, coder_id)
    rows = session.execute(_header_query().order_by(Document.c.id))
    return [_header(row, passages.get(row[0], 0), coded.get(row[0], 0)) for row in rows]


def document_header(session: Session, document_id: int) -> DocumentRow | None:
    """One document's title, participant, attributes and passage count (None if gone)."""
    row = session.execute(_header_query().where(Document.c.id == document_id)).first()
    if row is None:
        return None
    count = session.scalar(select(func.count()).where(Passage.c.document_id == document_id))
    return _header(tuple(row), count or 0, 0)


def _header_query() -> Select[Any]:
    columns = (Document.c.id, Document.c.title, Document.c.attributes)
    return select(*columns, Participant.c.label, Participant.c.attributes).outerjoin(
        Participant, Participant.c.id == Document.c.participant_id
    )


def _header(row: tuple[Any, ...], passages: int, coded: int) -> DocumentRow:
    doc_id, title, attributes, label, person = row
    return DocumentRow(doc_id, title, label, {**attributes, **(person or {})}, passages, coded)
