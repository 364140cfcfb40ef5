"""Store several read documents at once: a handful of statements for a batch, not per file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, insert, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from qualcode.ingest.types import ReadDocument
from qualcode.store.audit import record_many
from qualcode.store.models import Document, Identifier, Participant, Passage
from qualcode.store.participant_label import check_participant_label


def insert_documents(
    session: Session,
    reads: Sequence[ReadDocument],
    *,
    participant_label: str | None = None,
    attributes: dict[str, str] | None = None,
    coder: str | None = None,
) -> list[int]:
    """Store read documents with their passages and return their ids, in order; the caller
    checked none is a duplicate. Either all are stored or, on an error, the caller rolls back.

    A participant label (given, or from a file's front matter) links a document to that
    participant, created on first use; attributes go to the participant when there is one,
    else to the document. Every personal speaker label a reader found (the interviewer's too;
    not roles such as "Interviewer" or "Speaker 2") becomes a private identifier of the
    participant (or of the project). Each new participant and each document gets its audit
    event. Rows go in as Core inserts, a few statements for the whole batch.
    """
    if not reads:
        return []
    labels = [_label(participant_label or read.participant) for read in reads]
    people = _participants(session, labels, attributes or {}, coder)
    owners = [people[label] if label else None for label in labels]
    ids = _insert_rows(session, reads, owners, attributes or {})
    _insert_passages(session, list(zip(ids, reads, strict=True)))
    _add_speakers(session, [(owner, r.speakers) for owner, r in zip(owners, reads, strict=True)])
    events = [(i, _imported(r, label)) for i, r, label in zip(ids, reads, labels, strict=True)]
    record_many(session, "document.import", "document", events, coder=coder)
    return ids


def _label(label: str | None) -> str | None:
    if label is None or label == "":
        return None
    return check_participant_label(label)


def _participants(
    session: Session, labels: list[str | None], attributes: dict[str, str], coder: str | None
) -> dict[str, int]:
    """Each label's participant id, creating (and auditing) the new ones; the attributes
    given are merged into each of them."""
    wanted = list(dict.fromkeys(label for label in labels if label))
    if not wanted:
        return {}
    query = select(Participant).where(Participant.label.in_(wanted))
    found = {participant.label: participant.id for participant in session.scalars(query)}
    if attributes:  # loaded as objects so the session's copies stay true
        for participant in session.scalars(query):
            participant.attributes = {**participant.attributes, **attributes}
    new = [label for label in wanted if label not in found]
    if not new:
        return found
    rows = [{"label": label, "attributes": dict(attributes)} for label in new]
    session.connection().execute(insert(Participant), rows)
    ids = _ids(session, Participant.label, Participant.id, new)
    events = [(ids[label], {"label": label}) for label in new]
    record_many(session, "participant.add", "participant", events, coder=coder)
    return found | ids


def _ids(
    session: Session,
    key: InstrumentedAttribute[str],
    id_: InstrumentedAttribute[int],
    keys: list[str],
) -> dict[str, int]:
    """The ids of rows just inserted, by their unique key: one query for a batch."""
    return {row[0]: row[1] for row in session.execute(select(key, id_).where(key.in_(keys)))}


def _insert_rows(
    session: Session,
    reads: Sequence[ReadDocument],
    owners: list[int | None],
    attributes: dict[str, str],
) -> list[int]:
    rows = [
        {
            "title": read.title,
            "source_name": read.source_name,
            "sha256": read.sha256,
            "format": read.format,
            "text": read.text,
            "attributes": {**read.attributes, **attributes},
            "participant_id": owner,
        }
        for read, owner in zip(reads, owners, strict=True)
    ]
    session.connection().execute(insert(Document), rows)
    ids = _ids(session, Document.sha256, Document.id, [read.sha256 for read in reads])
    return [ids[read.sha256] for read in reads]


def _imported(read: ReadDocument, label: str | None) -> dict[str, Any]:
    return {
        "title": read.title,
        "source_name": read.source_name,
        "sha256": read.sha256,
        "format": read.format,
        "layout": read.layout or read.format,
        "passages": len(read.passages),
        "participant": label,
    }


# On SQLite, one multi-row INSERT per chunk: the FTS5 index (fed by a trigger) then flushes
# once per statement rather than once per passage, which is most of the cost of a big import.
PASSAGES_PER_STATEMENT = 4_000
_PASSAGE_COLUMNS = ("document_id", "index", "start", "end", "speaker", "text", "meta")
_ROW = "(?, ?, ?, ?, ?, ?, ?)"
_PASSAGE_INSERT = "INSERT INTO passage ({}) VALUES ".format(
    ", ".join(f'"{column}"' for column in _PASSAGE_COLUMNS)
)


def _insert_passages(session: Session, documents: list[tuple[int, ReadDocument]]) -> None:
    connection = session.connection()
    rows = [
        (document_id, index, d.start, d.end, d.speaker, read.text[d.start : d.end], d.meta)
        for document_id, read in documents
        for index, d in enumerate(read.passages)
    ]
    if connection.dialect.name != "sqlite":
        if rows:
            connection.execute(
                insert(Passage), [dict(zip(_PASSAGE_COLUMNS, row, strict=True)) for row in rows]
            )
        return
    for first in range(0, len(rows), PASSAGES_PER_STATEMENT):
        chunk = rows[first : first + PASSAGES_PER_STATEMENT]
        flat: list[object] = []
        for *columns, meta in chunk:
            flat += columns
            flat.append(_json(meta))
        connection.exec_driver_sql(_PASSAGE_INSERT + ", ".join([_ROW] * len(chunk)), tuple(flat))


def _json(meta: dict[str, str]) -> str:
    # Most passages have no metadata: skip the encoder for them (a tenth of a big import).
    return json.dumps(meta) if meta else "{}"


def _add_speakers(session: Session, speakers: list[tuple[int | None, list[str]]]) -> None:
    """Register speaker labels as identifiers of their participant (or of the project),
    skipping ones already known: one query and one insert for the batch."""
    owners = {owner for owner, values in speakers if any(v.strip() for v in values)}
    if not owners:
        return
    people = [owner for owner in owners if owner is not None]
    whose: ColumnElement[bool] = Identifier.participant_id.in_(people)
    if None in owners:
        whose = or_(whose, Identifier.participant_id.is_(None))
    query = select(Identifier.participant_id, Identifier.value).where(
        Identifier.kind == "speaker", whose
    )
    known: set[tuple[int | None, str]] = {(row[0], row[1]) for row in session.execute(query)}
    rows = []
    for owner, values in speakers:
        for value in (v.strip() for v in values):
            if value and (owner, value) not in known:
                known.add((owner, value))
                rows.append(
                    {"participant_id": owner, "kind": "speaker", "value": value, "source": "import"}
                )
    if rows:
        session.connection().execute(insert(Identifier), rows)
