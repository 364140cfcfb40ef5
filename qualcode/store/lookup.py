"""Documents, passages and codes found by what a person types, without the ORM."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qualcode.codebook.slug import fold_key
from qualcode.errors import QualcodeError
from qualcode.numbering import MAX_ROW_ID, passage_number, passage_range
from qualcode.store.tables import Code, Document, Passage


class DocumentKey(NamedTuple):
    """A document's id and title."""

    id: int
    title: str


def find_document_key(session: Session, ref: str) -> DocumentKey:
    """A document by id, title or source file name, or an error with a hint."""
    ref = ref.strip()
    key = select(Document.c.id, Document.c.title)
    if ref.isascii() and ref.isdigit() and int(ref) < MAX_ROW_ID:
        found = session.execute(key.where(Document.c.id == int(ref))).first()
        if found is not None:
            return DocumentKey(*found)
    matches = [
        DocumentKey(*row)
        for row in session.execute(
            key.where((Document.c.title == ref) | (Document.c.source_name == ref))
        )
    ]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        ids = ", ".join(str(d.id) for d in matches)
        raise QualcodeError(f"'{ref}' names {len(matches)} documents (ids {ids}); use an id")
    from rapidfuzz import process  # only to suggest a name after a miss

    names = list(session.execute(select(Document.c.id, Document.c.title, Document.c.source_name)))
    choices = {f"{title}": doc_id for doc_id, title, _ in names}
    choices.update({source: doc_id for doc_id, _, source in names})
    hint = process.extractOne(ref, list(choices), score_cutoff=60) if choices else None
    suggestion = f"; did you mean '{hint[0]}' (id {choices[hint[0]]})?" if hint else ""
    raise QualcodeError(f"no document '{ref}'{suggestion}")


class CodeKey(NamedTuple):
    """A code's id and key."""

    id: int
    key: str


def find_code_key(session: Session, key: str) -> CodeKey:
    """The code with this key, or an error with a "did you mean" hint."""
    if session.autoflush:
        session.flush()  # as an ORM query would: codes made in this transaction count
    found = session.execute(select(Code.c.id, Code.c.key).where(Code.c.key == fold_key(key)))
    row = found.first()
    if row is not None:
        return CodeKey(*row)
    from rapidfuzz import process  # only to suggest a near key after a miss

    keys = list(session.scalars(select(Code.c.key)))
    hint = process.extractOne(key, keys, score_cutoff=60) if keys else None
    suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
    raise QualcodeError(f"no code with key '{key}'{suggestion}")


def passage_span(session: Session, document_id: int, index: int) -> tuple[int, int]:
    """The start and end of the passage stored at this (0-based) index in a document, or an
    error in passage numbers as people count them."""
    found = (
        session.execute(
            select(Passage.c.start, Passage.c.end).where(
                Passage.c.document_id == document_id, Passage.c["index"] == index
            )
        ).first()
        if 0 <= index < MAX_ROW_ID
        else None
    )
    if found is None:
        raise missing_passage(session, document_id, index)
    return found.start, found.end


def missing_passage(session: Session, document_id: int, index: int) -> QualcodeError:
    """The error for a passage number a document does not have, naming those it has."""
    count = session.scalar(
        select(func.count()).select_from(Passage).where(Passage.c.document_id == document_id)
    )
    return QualcodeError(
        f"document {document_id} has no passage {passage_number(index)} "
        f"({passage_range(count or 0)})"
    )
