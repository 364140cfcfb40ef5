"""Blind double-coding in the workbench: hide other coders' codings of a blinded document."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from qualcode.audit.blind import visible_coders
from qualcode.store.workbench import Marks

BLIND = "Blind assignment: only your own codings of this document are shown"


def blind_marks(
    session: Session, document_id: int, viewer: str, marks: Marks
) -> tuple[Marks, bool]:
    """The marks the viewer may see, and whether the document is blind for them."""
    who = visible_coders(session, document_id, viewer)
    if who is None:
        return marks, False
    return replace(marks, codings=[c for c in marks.codings if c.coder in who]), True
