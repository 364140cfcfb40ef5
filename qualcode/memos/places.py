"""Where a memo takes the researcher: a document (at a passage) or a code's quotes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.memos.listing import MemoEntry
from qualcode.store.models import Code, Document, Participant


@dataclass(frozen=True)
class Place:
    """A document at a passage (stored index), a code, or nowhere (a project memo)."""

    document_id: int | None = None
    passage: int | None = None
    code_id: int | None = None


def memo_place(session: Session, entry: MemoEntry) -> Place:
    """The transcript for memos on a document, passage or coding (a cell on a document row
    too); a participant's first document; a code's quotes; nowhere for the project."""
    if entry.document_id is not None:
        return Place(entry.document_id, entry.passage)
    if entry.participant is not None:
        first = session.scalar(
            select(Document.id)
            .join(Participant, Participant.id == Document.participant_id)
            .where(Participant.label == entry.participant)
            .order_by(Document.id)
        )
        return Place(first)
    if entry.code is not None:
        return Place(code_id=session.scalar(select(Code.id).where(Code.key == entry.code)))
    return Place()
