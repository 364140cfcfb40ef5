"""The researcher's review of a project: residual identifiers per document, and previews."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from qualcode.anonymise.check import Finding, find_residual
from qualcode.anonymise.pseudonyms import PseudonymKey
from qualcode.anonymise.redactor import Redactor
from qualcode.anonymise.registry import dismissed_values, registry_entries
from qualcode.store.models import Document


@dataclass
class DocumentReview:
    """What the check found in one document."""

    document_id: int
    participant: str | None
    findings: list[Finding]

    def as_json(self) -> dict[str, Any]:
        return {
            "document": self.document_id,
            "participant": self.participant,
            "findings": [f.as_json() for f in self.findings],
        }


def project_redactor(session: Session, key: PseudonymKey | None = None) -> Redactor:
    """A redactor over the project's whole registry (and pseudonyms when a key is given)."""
    return Redactor(registry_entries(session), pseudonyms=key.lookup() if key else None)


def review_documents(
    session: Session, documents: list[Document] | None = None
) -> list[DocumentReview]:
    """Residual likely identifiers in each document (all documents unless given)."""
    if documents is None:
        documents = list(
            session.scalars(
                select(Document).options(joinedload(Document.participant)).order_by(Document.id)
            ).unique()
        )
    redactor = project_redactor(session)
    dismissed = dismissed_values(session)
    return [
        DocumentReview(
            d.id,
            d.participant.label if d.participant else None,
            find_residual(d.text, redactor, dismissed),
        )
        for d in documents
    ]
