"""What a memo is about: the project, a participant, document, code, cell, passage or coding."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.numbering import passage_index
from qualcode.store.codes import find_code
from qualcode.store.documents import MAX_ROW_ID, find_document, passage_at
from qualcode.store.models import Coding
from qualcode.withdraw.participant import find_participant

# In the order memo lists and exports show them: from the whole study down to one coding.
KINDS = ("project", "participant", "document", "code", "cell", "passage", "coding")


@dataclass(frozen=True)
class Subject:
    """What a new memo is about, by stored id; every id None means the project."""

    kind: str
    participant_id: int | None = None
    document_id: int | None = None
    code_id: int | None = None
    passage_id: int | None = None
    coding_id: int | None = None
    # A cell is written with `summarise`'s rules: its row as typed and the kind of row.
    cell: tuple[str, str, str] | None = None


def parse_passage(text: str) -> tuple[str, int]:
    """A --passage DOC:N argument: the document (id or title) and the passage number from 1."""
    document, sep, number = text.rpartition(":")
    number = number.strip()
    if not sep or not document.strip() or not (number.isascii() and number.isdigit()):
        raise QualcodeError(f"--passage {text!r} is not DOC:N (a document and a passage number)")
    if len(number) > 18:
        raise QualcodeError(f"--passage {text!r}: no document has that many passages")
    return document, int(number)


def _whole_number(text: str, what: str) -> int:
    cleaned = text.strip()
    if not (cleaned.isascii() and cleaned.isdigit()) or int(cleaned) >= MAX_ROW_ID:
        raise QualcodeError(f"{what} {text!r} is not a whole number")
    return int(cleaned)


def resolve_subject(
    session: Session,
    *,
    participant: str | None = None,
    document: str | None = None,
    code: str | None = None,
    passage: str | None = None,
    coding: str | None = None,
    cell: tuple[str, str] | None = None,
    rows: str = "participant",
) -> Subject:
    """The one subject named by the options (none: the project), or a one-line error."""
    given = [
        name
        for name, value in (
            ("--participant", participant),
            ("--document", document),
            ("--code", code),
            ("--passage", passage),
            ("--coding", coding),
            ("--cell", cell),
        )
        if value is not None
    ]
    if len(given) > 1:
        raise QualcodeError(f"a memo is about one thing: give one of {', '.join(given)}")
    if participant is not None:
        return Subject("participant", participant_id=find_participant(session, participant).id)
    if document is not None:
        return Subject("document", document_id=find_document(session, document).id)
    if code is not None:
        return Subject("code", code_id=find_code(session, code).id)
    if passage is not None:
        doc, number = parse_passage(passage)
        found = passage_at(session, find_document(session, doc), passage_index(number))
        return Subject("passage", document_id=found.document_id, passage_id=found.id)
    if coding is not None:
        row = session.get(Coding, _whole_number(coding, "--coding"))
        if row is None:
            raise QualcodeError(f"no coding {coding.strip()} (see `qualcode code list`)")
        return Subject("coding", document_id=row.document_id, coding_id=row.id)
    if cell is not None:
        return Subject("cell", cell=(rows, cell[0], cell[1]))
    return Subject("project")
