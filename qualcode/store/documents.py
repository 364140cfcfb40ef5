"""Documents, passages and participants in the store: add what a reader produced, look them up."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from qualcode.ingest.types import ReadDocument
from qualcode.numbering import MAX_ROW_ID as MAX_ROW_ID
from qualcode.store.audit import record
from qualcode.store.documents_batch import insert_documents
from qualcode.store.lookup import find_document_key, missing_passage
from qualcode.store.models import Document, Identifier, Participant, Passage
from qualcode.store.participant_label import check_participant_label


def find_by_sha(session: Session, sha256: str) -> tuple[int, str] | None:
    """Id and title of the document already holding exactly this normalised text, if any."""
    return find_by_shas(session, [sha256]).get(sha256)


def find_by_shas(session: Session, shas: Collection[str]) -> dict[str, tuple[int, str]]:
    """Id and title of each document already holding one of these texts, by hash: one query
    for a whole batch of files."""
    if not shas:
        return {}
    rows = session.execute(
        select(Document.sha256, Document.id, Document.title).where(
            Document.sha256.in_(sorted(set(shas)))
        )
    )
    return {row.sha256: (row.id, row.title) for row in rows}


def get_or_create_participant(session: Session, label: str, *, coder: str | None) -> Participant:
    """The participant with this public label, created on first use."""
    cleaned = check_participant_label(label)
    participant = session.scalar(select(Participant).where(Participant.label == cleaned))
    if participant is None:
        participant = Participant(label=cleaned, attributes={})
        session.add(participant)
        session.flush()
        record(
            session,
            "participant.add",
            "participant",
            participant.id,
            coder=coder,
            after={"label": cleaned},
        )
    return participant


def add_identifiers(
    session: Session,
    participant: Participant | None,
    kind: str,
    values: Iterable[str],
    *,
    source: str,
) -> int:
    """Register private identifiers (skipping ones already known). Returns how many were new."""
    participant_id = participant.id if participant else None
    known = set(
        session.scalars(
            select(Identifier.value).where(
                Identifier.participant_id.is_(None)
                if participant_id is None
                else Identifier.participant_id == participant_id,
                Identifier.kind == kind,
            )
        )
    )
    new = list(dict.fromkeys(v.strip() for v in values if v.strip() and v.strip() not in known))
    if new:
        session.connection().execute(
            insert(Identifier),
            [
                {"participant_id": participant_id, "kind": kind, "value": value, "source": source}
                for value in new
            ],
        )
    return len(new)


def add_document(
    session: Session,
    read: ReadDocument,
    *,
    participant_label: str | None = None,
    attributes: dict[str, str] | None = None,
    coder: str | None = None,
) -> Document:
    """Store a read document (see insert_document) and return it."""
    document_id = insert_document(
        session, read, participant_label=participant_label, attributes=attributes, coder=coder
    )
    document = session.get(Document, document_id)
    assert document is not None
    return document


def insert_document(
    session: Session,
    read: ReadDocument,
    *,
    participant_label: str | None = None,
    attributes: dict[str, str] | None = None,
    coder: str | None = None,
) -> int:
    """Store a read document with its passages and return its id (see insert_documents);
    the caller checked it is not a duplicate."""
    [document_id] = insert_documents(
        session, [read], participant_label=participant_label, attributes=attributes, coder=coder
    )
    return document_id


def find_document(session: Session, ref: str) -> Document:
    """A document by id, title or source file name, or an error with a hint."""
    if session.autoflush:
        session.flush()  # as an ORM query would: the plain lookup then sees pending documents
    document = session.get(Document, find_document_key(session, ref).id)
    assert document is not None  # found a moment ago, in the same transaction
    return document


def passage_at(session: Session, document: Document, index: int) -> Passage:
    """The passage stored at this (0-based) index in a document, or an error in passage
    numbers as people count them."""
    passage = (
        session.scalar(
            select(Passage).where(Passage.document_id == document.id, Passage.index == index)
        )
        if 0 <= index < MAX_ROW_ID
        else None
    )
    if passage is None:
        raise missing_passage(session, document.id, index)
    return passage
