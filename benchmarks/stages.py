"""Import split into stages, each timed on its own over the same pre-read documents.

Reading (decode, normalise, segment, hash) is timed apart from storing; storing is timed as
import_one does it, then again without fsync and without the FTS trigger, and with plain
sqlite3 instead of SQLAlchemy (per-row and multi-row inserts), so differences show costs.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import event

from qualcode.codebook.yamlio import load_codebook
from qualcode.ingest import ReadDocument, read_document
from qualcode.ingest.decode import decode_text, normalise_text
from qualcode.ingest.segment import segment
from qualcode.project import DEFAULT_CODEBOOK, new_project
from qualcode.store.db import Project
from qualcode.store.documents import add_document, find_by_sha
from qualcode.store.models import utcnow

CODER = "bench"
INSERT_PASSAGE = (
    'INSERT INTO passage (document_id, "index", start, "end", speaker, text, meta) VALUES '
)
PLACEHOLDERS = "(?, ?, ?, ?, ?, ?, ?)"
MULTIROW_CHUNK = 4000  # rows per statement: 7 parameters each stays under SQLite's 32,766


class Timing(NamedTuple):
    wall: float
    cpu: float


def timed(action: Callable[[], object]) -> Timing:
    """Wall and CPU seconds of `action`, after os.sync() so earlier writes do not interfere."""
    os.sync()
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)


def read_all(files: Sequence[Path]) -> list[ReadDocument]:
    return [read_document(path) for path in files]


def decode_all(files: Sequence[Path]) -> list[str]:
    return [normalise_text(decode_text(p.name, p.read_bytes())) for p in files]


def segment_all(texts: Sequence[str]) -> None:
    for text in texts:
        segment(text)


def read_cp1252(files: Sequence[Path], folder: Path) -> Timing:
    """Reading copies of `files` saved as Windows-1252 (charset detection runs)."""
    folder.mkdir(exist_ok=True)
    copies = []
    for path in files:
        copy = folder / path.name
        copy.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
        copies.append(copy)
    return timed(lambda: read_all(copies))


def _project(path: Path, *, fsync: bool = True, fts: bool = True) -> Project:
    project, _ = new_project(str(path), load_codebook(DEFAULT_CODEBOOK), coder=CODER)
    if not fts:
        with project.engine.begin() as connection:
            connection.exec_driver_sql("DROP TRIGGER passage_fts_insert")
    if not fsync:
        event.listen(project.engine, "connect", _synchronous_off)
        project.engine.dispose()
    return project


def _synchronous_off(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.execute("PRAGMA synchronous = OFF")


def store_orm(path: Path, docs: Sequence[ReadDocument], **options: bool) -> Timing:
    """Store `docs` the way import_one does, one transaction each."""
    project = _project(path, **options)

    def store() -> None:
        for read in docs:
            with project.write() as session:
                if find_by_sha(session, read.sha256) is None:
                    add_document(session, read, coder=CODER)

    try:
        return timed(store)
    finally:
        project.close()


def store_raw(path: Path, docs: Sequence[ReadDocument], *, mode: str = "executemany") -> Timing:
    """Store documents and passages with plain sqlite3 on the project schema.

    Modes: "executemany" (one INSERT per passage, the FTS trigger fires per row), "multirow"
    (one multi-row INSERT per document, trigger kept), "no_fts" (trigger dropped).
    """
    _project(path, fts=mode != "no_fts").close()
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")

    def store() -> None:
        for read in docs:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(
                "SELECT id FROM document WHERE sha256 = ?", (read.sha256,)
            ).fetchall()
            cursor = connection.execute(
                "INSERT INTO document (title, source_name, sha256, format, text, attributes,"
                " imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (read.title, read.source_name, read.sha256, read.format, read.text,
                 json.dumps(read.attributes), utcnow().isoformat()),
            )  # fmt: skip
            rows = [
                (cursor.lastrowid, i, p.start, p.end, p.speaker, read.text[p.start : p.end], "{}")
                for i, p in enumerate(read.passages)
            ]
            _insert_passages(connection, rows, multirow=mode == "multirow")
            connection.execute("COMMIT")

    try:
        return timed(store)
    finally:
        connection.close()


def _insert_passages(
    connection: sqlite3.Connection, rows: list[tuple[Any, ...]], *, multirow: bool
) -> None:
    if not multirow:
        connection.executemany(INSERT_PASSAGE + PLACEHOLDERS, rows)
        return
    for first in range(0, len(rows), MULTIROW_CHUNK):
        chunk = rows[first : first + MULTIROW_CHUNK]
        values = ", ".join([PLACEHOLDERS] * len(chunk))
        connection.execute(INSERT_PASSAGE + values, [v for row in chunk for v in row])
