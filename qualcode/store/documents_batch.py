"""Store several read documents at once: a handful of statements for a batch, not per file.

Written with plain table clauses on a Core connection: `qualcode import` declares no ORM
models, configures no mappers (a fifth of a second of its start-up) and loads no ORM at all
(0.08 s more). A session works too: what it holds pending is flushed first."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    Connection,
    bindparam,
    insert,
    or_,
    select,
    update,
)

from qualcode.ingest.types import ReadDocument
from qualcode.store.clock import utcnow
from qualcode.store.participant_label import check_participant_label
from qualcode.store.tables import Document, Identifier, Participant, Passage
from qualcode.store.trail import append_events

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _rows_of(writer: Session | Connection) -> Connection:
    """The connection to write plain rows on; a session's pending objects are flushed
    first, so that queries find them as stored."""
    if isinstance(writer, Connection):
        return writer
    writer.flush()
    return writer.connection()


def find_by_shas(writer: Session | Connection, shas: Collection[str]) -> dict[str, tuple[int, str]]:
    """Id and title of each document already holding one of these texts, by hash: one query
    for a whole batch of files."""
    if not shas:
        return {}
    document = Document.c
    rows = _rows_of(writer).execute(  # documents pending in a session are found
        select(document.sha256, document.id, document.title).where(
            document.sha256.in_(sorted(set(shas)))
        )
    )
    return {row.sha256: (row.id, row.title) for row in rows}


def insert_documents(
    writer: Session | Connection,
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
    connection = _rows_of(writer)
    people = _participants(writer, connection, labels, attributes or {}, coder)
    owners = [people[label] if label else None for label in labels]
    ids = _insert_rows(connection, reads, owners, attributes or {})
    _insert_passages(connection, list(zip(ids, reads, strict=True)))
    speakers = [(owner, read.speakers) for owner, read in zip(owners, reads, strict=True)]
    _add_speakers(connection, speakers)
    events = [
        (i, None, _imported(r, label)) for i, r, label in zip(ids, reads, labels, strict=True)
    ]
    append_events(writer, "document.import", "document", events, coder=coder)
    return ids


def _label(label: str | None) -> str | None:
    if label is None or label == "":
        return None
    return check_participant_label(label)


def _participants(
    writer: Session | Connection,
    connection: Connection,
    labels: list[str | None],
    attributes: dict[str, str],
    coder: str | None,
) -> dict[str, int]:
    """Each label's participant id, creating (and auditing) the new ones; the attributes
    given are merged into each of them."""
    wanted = list(dict.fromkeys(label for label in labels if label))
    if not wanted:
        return {}
    person = Participant.c
    query = select(person.label, person.id, person.attributes).where(person.label.in_(wanted))
    rows = connection.execute(query).all()
    found = {row.label: row.id for row in rows}
    if attributes and rows:
        merged = [{"key": row.id, "merged": {**row.attributes, **attributes}} for row in rows]
        change = update(Participant).where(person.id == bindparam("key"))
        connection.execute(change.values(attributes=bindparam("merged")), merged)
        if not isinstance(writer, Connection):
            _expire(writer, "participant", set(found.values()))
    new = [label for label in wanted if label not in found]
    if not new:
        return found
    at = utcnow()
    added = [{"label": label, "attributes": dict(attributes), "created_at": at} for label in new]
    connection.execute(insert(Participant), added)
    ids = _ids(connection, person.label, person.id, new)
    events = [(ids[label], None, {"label": label}) for label in new]
    append_events(writer, "participant.add", "participant", events, coder=coder)
    return found | ids


def _expire(session: Session, table_name: str, ids: set[int]) -> None:
    """Expire the session's loaded copies of these rows, changed behind its back: the next
    read of them loads what is stored."""
    for key in list(session.identity_map.keys()):
        model, identity = key[0], key[1]
        if getattr(model, "__tablename__", None) == table_name and identity[0] in ids:
            session.expire(session.identity_map[key])


def _ids(
    connection: Connection, key: ColumnClause[Any], id_: ColumnClause[Any], keys: list[str]
) -> dict[str, int]:
    """The ids of rows just inserted, by their unique key: one query for a batch."""
    return {row[0]: row[1] for row in connection.execute(select(key, id_).where(key.in_(keys)))}


def _insert_rows(
    connection: Connection,
    reads: Sequence[ReadDocument],
    owners: list[int | None],
    attributes: dict[str, str],
) -> list[int]:
    at = utcnow()
    rows = [
        {
            "title": read.title,
            "source_name": read.source_name,
            "sha256": read.sha256,
            "format": read.format,
            "text": read.text,
            "attributes": {**read.attributes, **attributes},
            "participant_id": owner,
            "imported_at": at,
        }
        for read, owner in zip(reads, owners, strict=True)
    ]
    connection.execute(insert(Document), rows)
    ids = _ids(connection, Document.c.sha256, Document.c.id, [read.sha256 for read in reads])
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


def _insert_passages(connection: Connection, documents: list[tuple[int, ReadDocument]]) -> None:
    if connection.dialect.name != "sqlite":
        rows = [
            dict(zip(_PASSAGE_COLUMNS, row, strict=True))
            for row in _passage_rows(documents, lambda meta: meta)
        ]
        if rows:
            connection.execute(insert(Passage), rows)
        return
    # The statements' parameters in one flat list, made in one pass over the passages: a
    # list of row tuples unpacked again per chunk took twice as long.
    flat: list[object] = []
    for row in _passage_rows(documents, _json):
        flat += row
    width = len(_PASSAGE_COLUMNS)
    for first in range(0, len(flat), PASSAGES_PER_STATEMENT * width):
        chunk = flat[first : first + PASSAGES_PER_STATEMENT * width]
        statement = _PASSAGE_INSERT + ", ".join([_ROW] * (len(chunk) // width))
        connection.exec_driver_sql(statement, tuple(chunk))


def _passage_rows(
    documents: list[tuple[int, ReadDocument]], meta: Callable[[dict[str, str]], object]
) -> Iterator[tuple[object, ...]]:
    """Each passage's column values, in _PASSAGE_COLUMNS order."""
    for document_id, read in documents:
        text = read.text
        for index, d in enumerate(read.passages):
            start, end = d.start, d.end
            yield document_id, index, start, end, d.speaker, text[start:end], meta(d.meta)


def _json(meta: dict[str, str]) -> str:
    # Most passages have no metadata: skip the encoder for them (a tenth of a big import).
    return json.dumps(meta) if meta else "{}"


def _add_speakers(connection: Connection, speakers: list[tuple[int | None, list[str]]]) -> None:
    """Register speaker labels as identifiers of their participant (or of the project),
    skipping ones already known: one query and one insert for the batch."""
    owners = {owner for owner, values in speakers if any(v.strip() for v in values)}
    if not owners:
        return
    people = [owner for owner in owners if owner is not None]
    identifier = Identifier.c
    whose: ColumnElement[bool] = identifier.participant_id.in_(people)
    if None in owners:
        whose = or_(whose, identifier.participant_id.is_(None))
    query = select(identifier.participant_id, identifier.value).where(
        identifier.kind == "speaker", whose
    )
    known: set[tuple[int | None, str]] = {(row[0], row[1]) for row in connection.execute(query)}
    rows = []
    for owner, values in speakers:
        for value in (v.strip() for v in values):
            if value and (owner, value) not in known:
                known.add((owner, value))
                rows.append(
                    {"participant_id": owner, "kind": "speaker", "value": value, "source": "import"}
                )
    if rows:
        connection.execute(insert(Identifier), rows)
