"""Apply a code with plain SQL: coders registered on first use, codings and their audit events.

The one implementation behind `add_coding` and `get_or_create_coder` (which hand back models)
and `code add` (which loads no models: declaring and configuring them was half its start-up).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sqlalchemy import TableClause, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.store.clock import utcnow
from qualcode.store.coder_name import check_coder_name
from qualcode.store.tables import Coder, Coding
from qualcode.store.trail import append_events

ORIGINS = ("manual", "suggestion", "import")


class CoderKey(NamedTuple):
    """A coder's id and name."""

    id: int
    name: str


def find_coder_key(session: Session, name: str) -> CoderKey | None:
    """The coder with this name, if any (coders pending in the session are flushed first)."""
    if session.autoflush:
        session.flush()  # as an ORM query would
    found = session.execute(select(Coder.c.id, Coder.c.name).where(Coder.c.name == name.strip()))
    row = found.first()
    return None if row is None else CoderKey(*row)


def ensure_coder(session: Session, name: str) -> CoderKey:
    """The coder with this name, registered on first use (and logged)."""
    cleaned = check_coder_name(name)
    found = find_coder_key(session, cleaned)
    if found is not None:
        return found
    try:
        with session.begin_nested():
            added = _added(session, Coder, name=cleaned, created_at=utcnow())
            coder = CoderKey(added, cleaned)
    except IntegrityError:  # registered by another process meanwhile
        found = find_coder_key(session, cleaned)
        assert found is not None
        return found
    changes = [(coder.id, None, {"name": cleaned})]
    append_events(session, "coder.add", "coder", changes, coder=cleaned)
    return coder


def _added(session: Session, table: TableClause, **values: Any) -> int:
    """Insert one row and return its id."""
    return int(session.execute(insert(table).values(**values).returning(table.c.id)).scalar_one())


def check_span(document_id: int, length: int, start: int, end: int) -> None:
    """Refuse a span that is empty, reversed, or outside a document's text of `length`."""
    if start < 0 or end > length or start >= end:
        raise QualcodeError(
            f"span {start}:{end} is not inside document {document_id} "
            f"(text is {length} characters; start must be before end)"
        )


def coding_state(
    document_id: int,
    code_key: str,
    coder: str,
    start: int,
    end: int,
    origin: str,
    memo: str | None,
) -> dict[str, Any]:
    """A coding as plain data for the audit trail."""
    return {
        "document": document_id,
        "code": code_key,
        "coder": coder,
        "start": start,
        "end": end,
        "origin": origin,
        "memo": memo,
    }


def insert_coding(
    session: Session,
    document: tuple[int, int],
    code: tuple[int, str],
    coder_name: str,
    start: int,
    end: int,
    *,
    origin: str = "manual",
    memo: str | None = None,
) -> int:
    """Apply a code (id, key) to a span of a document (id, text length) for a coder; the
    same coding twice is refused, not duplicated. Returns the new coding's id."""
    (document_id, length), (code_id, code_key) = document, code
    check_span(document_id, length, start, end)
    if origin not in ORIGINS:
        raise QualcodeError(f"origin must be one of {', '.join(ORIGINS)}")
    coder = ensure_coder(session, coder_name)
    existing = session.scalar(
        select(Coding.c.id).where(
            Coding.c.document_id == document_id,
            Coding.c.code_id == code_id,
            Coding.c.coder_id == coder.id,
            Coding.c.start == start,
            Coding.c.end == end,
        )
    )
    if existing is not None:
        raise QualcodeError(
            f"{coder.name} already coded {start}:{end} of document {document_id} "
            f"with '{code_key}' (coding {existing})"
        )
    now = utcnow()
    row: dict[str, Any] = {"document_id": document_id, "code_id": code_id, "coder_id": coder.id}
    row.update(start=start, end=end, origin=origin, memo=memo, created_at=now, updated_at=now)
    try:
        with session.begin_nested():
            coding_id = _added(session, Coding, **row)
    except IntegrityError:
        # Another coder's transaction got there first: the same coding, or the code or
        # document was merged or removed meanwhile. Nothing of this coding is written.
        raise QualcodeError(
            f"{coder.name}'s coding {start}:{end} of document {document_id} with '{code_key}' "
            "conflicts with a change made meanwhile (same coding, or the code or document was "
            "merged or removed); nothing was changed — look again and retry"
        ) from None
    state = coding_state(document_id, code_key, coder.name, start, end, origin, memo)
    append_events(session, "coding.add", "coding", [(coding_id, None, state)], coder=coder.name)
    return coding_id
