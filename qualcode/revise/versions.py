"""Versions of a document's text: recorded with each edit, listed, and read back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.store.documents import MAX_ROW_ID
from qualcode.store.models import AuditEvent, Document, DocumentVersion, Passage


@dataclass(frozen=True)
class VersionRecord:
    """One version of a document's text, as plain data."""

    number: int
    change: str
    note: str
    created_by: str | None
    created_at: datetime
    characters: int
    sha256: str
    summary: dict[str, Any]
    current: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "version": self.number,
            "change": self.change,
            "note": self.note,
            "by": self.created_by,
            "at": self.created_at.isoformat(),
            "characters": self.characters,
            "sha256": self.sha256,
            "summary": self.summary,
            "current": self.current,
        }


def _importer(session: Session, document: Document) -> str | None:
    return session.scalar(
        select(AuditEvent.coder)
        .where(AuditEvent.action == "document.import", AuditEvent.entity_id == document.id)
        .order_by(AuditEvent.id)
        .limit(1)
    )


def _passage_count(session: Session, document: Document) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(Passage).where(Passage.document_id == document.id)
        )
        or 0
    )


def _first_version(session: Session, document: Document) -> DocumentVersion:
    """Version 1 as it would be stored: the document's text as imported."""
    return DocumentVersion(
        document_id=document.id,
        number=1,
        text=document.text,
        sha256=document.sha256,
        change="import",
        note=document.source_name,
        summary={"passages": _passage_count(session, document)},
        created_by=_importer(session, document),
        created_at=document.imported_at,
    )


def current_version(session: Session, document: Document) -> int:
    """The number of the document's current version (1 until its first edit)."""
    latest = session.scalar(
        select(func.max(DocumentVersion.number)).where(DocumentVersion.document_id == document.id)
    )
    return latest or 1


def add_version(
    session: Session,
    document: Document,
    *,
    text: str,
    sha256: str,
    change: str,
    note: str,
    coder: str,
) -> DocumentVersion:
    """Record a new current version (storing version 1 first, on a document's first edit)."""
    latest = session.scalar(
        select(func.max(DocumentVersion.number)).where(DocumentVersion.document_id == document.id)
    )
    if latest is None:
        session.add(_first_version(session, document))
        latest = 1
    version = DocumentVersion(
        document_id=document.id,
        number=latest + 1,
        text=text,
        sha256=sha256,
        change=change,
        note=note,
        summary={},
        created_by=coder,
    )
    session.add(version)
    session.flush()
    return version


def document_history(session: Session, document: Document) -> list[VersionRecord]:
    """Every version of a document's text, oldest first; the last one is the current text."""
    stored = list(
        session.scalars(
            select(DocumentVersion)
            .where(DocumentVersion.document_id == document.id)
            .order_by(DocumentVersion.number)
        )
    )
    versions = stored or [_first_version(session, document)]
    last = versions[-1].number
    return [
        VersionRecord(
            number=v.number,
            change=v.change,
            note=v.note,
            created_by=v.created_by,
            created_at=v.created_at,
            characters=len(v.text),
            sha256=v.sha256,
            summary=dict(v.summary or {}),
            current=v.number == last,
        )
        for v in versions
    ]


def text_at_version(session: Session, document: Document, number: int) -> str:
    """The document's text as of a version, or a clear error naming the versions there are."""
    if number == current_version(session, document):
        return document.text
    text = (
        None
        if not 0 < number < MAX_ROW_ID
        else session.scalar(
            select(DocumentVersion.text).where(
                DocumentVersion.document_id == document.id, DocumentVersion.number == number
            )
        )
    )
    if text is None:
        latest = current_version(session, document)
        raise QualcodeError(f"document {document.id} has no version {number} (versions 1–{latest})")
    return text
