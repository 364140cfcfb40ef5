"""A document found by what a person types (id, title or file name), without the ORM."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.numbering import MAX_ROW_ID
from qualcode.store.tables import Document


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
