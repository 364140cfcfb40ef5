"""Documents, passages and participants in the store: add what a reader produced, look them up."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.ingest.types import ReadDocument
from qualcode.numbering import MAX_ROW_ID as MAX_ROW_ID
from qualcode.store.audit import record
from qualcode.store.lookup import find_document_key, missing_passage
from qualcode.store.models import Document, Identifier, Participant, Passage


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


# On SQLite, one multi-row INSERT per chunk: the FTS5 index (fed by a trigger) then flushes
# once per statement rather than once per passage, which is most of the cost of a big import.
PASSAGES_PER_STATEMENT = 4_000
_PASSAGE_COLUMNS = ("document_id", "index", "start", "end", "speaker", "text", "meta")
_ROW = "(?, ?, ?, ?, ?, ?, ?)"
_PASSAGE_INSERT = "INSERT INTO passage ({}) VALUES ".format(
    ", ".join(f'"{column}"' for column in _PASSAGE_COLUMNS)
)


def _insert_passages(session: Session, document_id: int, read: ReadDocument) -> None:
    text = read.text
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        rows = [
            (document_id, i, d.start, d.end, d.speaker, text[d.start : d.end], d.meta)
            for i, d in enumerate(read.passages)
        ]
        connection.execute(
            insert(Passage), [dict(zip(_PASSAGE_COLUMNS, row, strict=True)) for row in rows]
        )
        return
    for first in range(0, len(read.passages), PASSAGES_PER_STATEMENT):
        chunk = read.passages[first : first + PASSAGES_PER_STATEMENT]
        flat: list[object] = []
        for index, d in enumerate(chunk, first):
            flat += (document_id, index, d.start, d.end, d.speaker, text[d.start : d.end])
            flat.append(_json(d.meta))
        connection.exec_driver_sql(_PASSAGE_INSERT + ", ".join([_ROW] * len(chunk)), tuple(flat))


def _json(meta: dict[str, str]) -> str:
    # Most passages have no metadata: skip the encoder for them (a tenth of a big import).
    return json.dumps(meta) if meta else "{}"


def get_or_create_participant(session: Session, label: str, *, coder: str | None) -> Participant:
    """The participant with this public label, created on first use."""
    cleaned = label.strip()
    if not cleaned:
        raise QualcodeError("a participant label cannot be empty")
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
    """Store a read document with its passages and return its id; the caller checked it is
    not a duplicate.

    A participant label (given, or from the file's front matter) links the document to that
    participant; attributes go to the participant when there is one, else to the document.
    Every personal speaker label the reader found (the interviewer's too; not roles such as
    "Interviewer" or "Speaker 2") becomes a private identifier of the participant (or of the
    project). Rows go in as Core inserts: no ORM objects but the audit event.
    """
    label = participant_label or read.participant
    participant = get_or_create_participant(session, label, coder=coder) if label else None
    merged = {**read.attributes, **(attributes or {})}
    document_id: int | None = session.connection().scalar(
        insert(Document)
        .values(
            title=read.title,
            source_name=read.source_name,
            sha256=read.sha256,
            format=read.format,
            text=read.text,
            attributes=merged,
            participant_id=participant.id if participant is not None else None,
        )
        .returning(Document.id)
    )
    assert document_id is not None
    if participant is not None and attributes:
        participant.attributes = {**participant.attributes, **attributes}
    _insert_passages(session, document_id, read)
    add_identifiers(session, participant, "speaker", read.speakers, source="import")
    record(
        session,
        "document.import",
        "document",
        document_id,
        coder=coder,
        after={
            "title": read.title,
            "source_name": read.source_name,
            "sha256": read.sha256,
            "format": read.format,
            "layout": read.layout or read.format,
            "passages": len(read.passages),
            "participant": label,
        },
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
