"""Assignments of documents to coders for independent (blind) double-coding: open, list, close."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from qualcode.errors import QualcodeError
from qualcode.store.audit import get_or_create_coder, record
from qualcode.store.coder_name import check_coder_name
from qualcode.store.models import Assignment, AssignmentCoder, Document, utcnow


@dataclass(frozen=True)
class AssignmentRecord:
    """An assignment as plain data with stable field names."""

    id: int
    document_id: int
    title: str
    participant: str | None
    coders: tuple[str, ...]
    blind: bool
    status: str
    assigned_by: str | None
    assigned_at: datetime
    closed_by: str | None
    closed_at: datetime | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document": {"id": self.document_id, "title": self.title},
            "participant": self.participant,
            "coders": list(self.coders),
            "blind": self.blind,
            "status": self.status,
            "assigned_by": self.assigned_by,
            "assigned_at": self.assigned_at.isoformat(),
            "closed_by": self.closed_by,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
        }


def _record(assignment: Assignment) -> AssignmentRecord:
    document = assignment.document
    return AssignmentRecord(
        id=assignment.id,
        document_id=assignment.document_id,
        title=document.title,
        participant=document.participant.label if document.participant else None,
        coders=tuple(link.coder.name for link in assignment.coders),
        blind=assignment.blind,
        status=assignment.status,
        assigned_by=assignment.assigned_by,
        assigned_at=assignment.assigned_at,
        closed_by=assignment.closed_by,
        closed_at=assignment.closed_at,
    )


def _state(assignment: Assignment) -> dict[str, Any]:
    return {
        "document": assignment.document_id,
        "coders": [link.coder.name for link in assignment.coders],
        "blind": assignment.blind,
        "status": assignment.status,
    }


def open_assignment_of(session: Session, document_id: int) -> Assignment | None:
    """The document's open assignment, if any (there is at most one)."""
    return session.scalar(
        select(Assignment)
        .where(Assignment.document_id == document_id, Assignment.status == "open")
        .order_by(Assignment.id.desc())
        .limit(1)
    )


def assign(
    session: Session, document: Document, coders: list[str], *, blind: bool, supervisor: str
) -> AssignmentRecord:
    """Assign a document to two or more coders; refuse while it has an open assignment."""
    names = [check_coder_name(name) for name in coders]
    if len(names) < 2 or len(set(names)) != len(names):
        raise QualcodeError("an assignment needs two or more different coders")
    who = check_coder_name(supervisor)
    existing = open_assignment_of(session, document.id)
    if existing is not None:
        raise QualcodeError(
            f"document {document.id} already has open assignment {existing.id}; "
            f"close it first (qualcode assign close PROJECT {existing.id})"
        )
    assignment = Assignment(document_id=document.id, blind=blind, status="open", assigned_by=who)
    session.add(assignment)
    for name in names:
        assignment.coders.append(AssignmentCoder(coder=get_or_create_coder(session, name)))
    session.flush()
    record(
        session, "assignment.open", "assignment", assignment.id, coder=who, after=_state(assignment)
    )
    return _record(assignment)


def close_assignment(session: Session, assignment_id: int, *, supervisor: str) -> AssignmentRecord:
    """Close an open assignment: a blind document becomes visible to its coders again."""
    assignment = session.get(Assignment, assignment_id) if 0 < assignment_id < 2**62 else None
    if assignment is None:
        raise QualcodeError(f"no assignment {assignment_id} (see: qualcode assign list PROJECT)")
    if assignment.status == "closed":
        return _record(assignment)
    before = _state(assignment)
    assignment.status = "closed"
    assignment.closed_by = check_coder_name(supervisor)
    assignment.closed_at = utcnow()
    session.flush()
    record(
        session,
        "assignment.close",
        "assignment",
        assignment.id,
        coder=assignment.closed_by,
        before=before,
        after=_state(assignment),
    )
    return _record(assignment)


def list_assignments(
    session: Session, *, status: str | None = None, document_id: int | None = None
) -> list[AssignmentRecord]:
    """Assignments, newest first, optionally only open or closed ones, or one document's."""
    query = (
        select(Assignment)
        .options(
            selectinload(Assignment.coders).joinedload(AssignmentCoder.coder),
            selectinload(Assignment.document).joinedload(Document.participant),
        )
        .order_by(Assignment.id.desc())
    )
    if status is not None:
        if status not in ("open", "closed"):
            raise QualcodeError("status must be 'open' or 'closed'")
        query = query.where(Assignment.status == status)
    if document_id is not None:
        query = query.where(Assignment.document_id == document_id)
    return [_record(a) for a in session.scalars(query)]
