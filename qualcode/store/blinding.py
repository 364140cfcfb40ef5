"""Which documents a coder is coding blind: the store-level fact the audit rules build on.

A document is blind for a coder while it is in an open blind assignment that lists them.
qualcode.audit.blind turns this into what each viewer may see; the workbench's code counts
use it directly so a blinded coder's totals hold no trace of the other coders' work.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.store.tables import Assignment, AssignmentCoder, Coder


def blind_documents(session: Session, viewer: str) -> set[int]:
    """Documents in an open blind assignment that lists the viewer as one of its coders."""
    return set(
        session.scalars(
            select(Assignment.c.document_id)
            .join(AssignmentCoder, AssignmentCoder.c.assignment_id == Assignment.c.id)
            .join(Coder, Coder.c.id == AssignmentCoder.c.coder_id)
            .where(
                Assignment.c.status == "open",
                Assignment.c.blind,
                Coder.c.name == viewer.strip(),
            )
        )
    )
