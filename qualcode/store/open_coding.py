"""Open and in-vivo coding: make a code while reading and apply it, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qualcode.codebook.slug import unique_slug
from qualcode.errors import QualcodeError
from qualcode.store.codes import add_code, find_code
from qualcode.store.coding_actions import apply_code, delete_coding
from qualcode.store.models import Code, Coding
from qualcode.store.transcripts import CodingView
from qualcode.withdraw.removals import remove_code

NAME_LIMIT = 60  # an in-vivo name is a few words, not the whole quote


@dataclass(frozen=True)
class CodeCreated:
    """A code made while coding, and the coding that applied it."""

    code_id: int
    key: str
    name: str
    parent: str | None
    coding: CodingView


def in_vivo_name(words: str) -> str:
    """A code name made of the coder's selected words: one line, cut at a word if long."""
    name = " ".join(words.split()).strip(" \"'“”‘’.,;:!?")
    if len(name) <= NAME_LIMIT:
        return name
    cut = name[:NAME_LIMIT].rsplit(" ", 1)[0]
    return cut + "…"


def existing_code(session: Session, name: str) -> Code | None:
    """The code already called this (names compared without case or extra spaces)."""
    wanted = " ".join(name.split()).casefold()
    return next(
        (code for code in session.scalars(select(Code)) if code.name.casefold() == wanted), None
    )


def create_and_apply(
    session: Session,
    name: str,
    parent_key: str | None,
    document_id: int,
    coder: str,
    start: int,
    end: int,
    *,
    key: str | None = None,
) -> CodeCreated:
    """Add a code named `name` (under parent_key, or as a theme) and code start..end with it.

    Both are audited (code.add, coding.add) and committed together by the caller's
    transaction, so the workbench can undo them as one step.
    """
    cleaned = " ".join(name.split())
    if not cleaned:
        raise QualcodeError("a code needs a non-empty name")
    if existing_code(session, cleaned) is not None:
        raise QualcodeError(f"a code called '{cleaned}' already exists: apply it instead")
    taken = set(session.scalars(select(Code.key)))
    code = add_code(
        session,
        key or unique_slug(cleaned, taken),
        cleaned,
        parent_key=parent_key,
        coder=coder,
    )
    coding = apply_code(session, document_id, code.id, coder, start, end)
    return CodeCreated(code.id, code.key, code.name, parent_key, coding)


def undo_create(session: Session, created: CodeCreated, coder: str) -> None:
    """Take back a code made while coding: its coding, then the code (if nothing else uses it)."""
    delete_coding(session, created.coding.id, coder)
    code = find_code(session, created.key)
    others = session.scalar(select(func.count(Coding.id)).where(Coding.code_id == code.id))
    if others:
        raise QualcodeError(
            f"code '{created.key}' has {others} other codings now; remove it from the codebook"
        )
    remove_code(session, created.key, into=None, coder=coder)
