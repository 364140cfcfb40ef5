"""The floor: plain sqlite3 + FTS5 storing the same text, with the project's durability settings.

    python -m benchmarks.floor DB FOLDER   (the whole-process floor: every file in FOLDER)

One row per blank-line separated block (a turn or paragraph), one transaction per document,
WAL and synchronous=FULL, the same FTS5 tokenizer as the project. Reading the file and
decoding UTF-8 are inside the timing; speaker parsing, normalisation and hashing are not done.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

FTS_SCHEMA = (
    "CREATE VIRTUAL TABLE passage_fts USING fts5(text, tokenize='unicode61 remove_diacritics 2')"
)
QUERY = (
    "SELECT rowid, text FROM passage_fts WHERE passage_fts MATCH ? "
    "ORDER BY bm25(passage_fts), rowid LIMIT ?"
)


@dataclass(frozen=True)
class FloorResult:
    seconds: float
    rows: int


def blocks(text: str) -> list[str]:
    """The blank-line separated blocks of a text file, stripped."""
    text = text.replace("\r\n", "\n")
    return [block.strip() for block in text.split("\n\n") if block.strip()]


def _connect(db: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    return connection


def insert_floor(files: Sequence[Path], db: Path) -> FloorResult:
    """Insert every file's blocks into a fresh FTS5 table at `db`; time it."""
    connection = _connect(db)
    rows = 0
    try:
        connection.execute(FTS_SCHEMA)
        started = time.perf_counter()
        for path in files:
            texts = blocks(path.read_bytes().decode("utf-8"))
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany(
                "INSERT INTO passage_fts(text) VALUES (?)", [(t,) for t in texts]
            )
            connection.execute("COMMIT")
            rows += len(texts)
        seconds = time.perf_counter() - started
    finally:
        connection.close()
    return FloorResult(seconds, rows)


def query_floor(db: Path, queries: Sequence[str], *, rounds: int, limit: int = 50) -> list[float]:
    """Latencies (seconds) of each query, `rounds` times after one warm-up pass."""
    connection = _connect(db)
    latencies: list[float] = []
    try:
        for round_number in range(rounds + 1):
            for query in queries:
                started = time.perf_counter()
                try:
                    connection.execute(QUERY, (query, limit)).fetchall()
                except sqlite3.OperationalError:  # not FTS5 syntax: search the words instead
                    plain = " ".join(f'"{w}"' for w in query.replace('"', " ").split())
                    connection.execute(QUERY, (plain, limit)).fetchall()
                if round_number:
                    latencies.append(time.perf_counter() - started)
    finally:
        connection.close()
    return latencies


def main(argv: list[str] | None = None) -> int:
    """Store every file of a folder in a fresh floor database; print the seconds it took."""
    db, folder = (Path(a) for a in (argv if argv is not None else sys.argv[1:]))
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    print(f"{insert_floor(files, db).seconds:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
