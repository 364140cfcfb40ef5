"""Helpers for the store and CLI tests of editing: a coded transcript and quick look-ups."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.importing import import_files
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding
from qualcode.store.db import Project
from qualcode.store.models import AuditEvent, Coding, Document, Passage


def import_transcript(project: Project, path: Path) -> int:
    (outcome,) = import_files(project, [path], coder="tester")
    assert outcome.document_id is not None
    return outcome.document_id


def code_words(
    session: Session,
    document_id: int,
    words: str,
    code: str = "competitive-tendering",
    coder: str = "ann",
    memo: str | None = None,
) -> int:
    """Code the first occurrence of `words`; returns the coding id."""
    document = session.get_one(Document, document_id)
    start = document.text.index(words)
    coding = add_coding(
        session, document, find_code(session, code), coder, start, start + len(words), memo=memo
    )
    return coding.id


def coded_text(session: Session, coding_id: int) -> str | None:
    """The words a coding covers now, or None when it is no longer a coding."""
    coding = session.get(Coding, coding_id)
    return None if coding is None else coding.document.text[coding.start : coding.end]


def passage_ids(session: Session, document_id: int) -> list[int]:
    query = select(Passage.id).where(Passage.document_id == document_id).order_by(Passage.index)
    return list(session.scalars(query))


def passage_index(session: Session, document_id: int, words: str) -> int:
    """The index of the passage holding these words."""
    rows = session.execute(
        select(Passage.index, Passage.text).where(Passage.document_id == document_id)
    )
    return next(index for index, text in rows if words in text)


def actions(session: Session) -> list[str]:
    return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
