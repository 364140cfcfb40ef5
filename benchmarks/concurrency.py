"""Load test: concurrent coder processes each committing codings one at a time; exact final count.

Run `python -m benchmarks.concurrency` (SQLite only) or, for PostgreSQL too,
`scripts/with-postgres .venv/bin/python -m benchmarks.concurrency`.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from qualcode.codebook.yamlio import load_codebook
from qualcode.importing import import_one
from qualcode.project import DEFAULT_CODEBOOK, new_project
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding
from qualcode.store.db import open_project
from qualcode.store.models import Coding, Document, Passage

RESULTS = Path(__file__).parent / "results" / "concurrency.json"


def _transcript(folder: Path, turns: int) -> Path:
    lines = []
    for i in range(turns):
        lines.append(f"Interviewer: Question {i} about the contract and the prison?")
        lines.append(f"Robin: Answer {i}, we bid again and the sessions were cancelled twice.")
    path = folder / "load.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _coder(target: str, name: str, count: int, queue: Any) -> None:
    project = open_project(target)
    with project.read() as session:
        spans = [(p.start, p.end) for p in session.scalars(select(Passage).order_by(Passage.id))]
    started = time.perf_counter()
    for i in range(count):
        start, end = spans[i % len(spans)]
        width = 1 + i // len(spans)
        with project.write() as session:
            add_coding(
                session,
                session.get_one(Document, 1),
                find_code(session, "volunteers"),
                name,
                start,
                min(end, start + width),
            )
    queue.put(time.perf_counter() - started)
    project.close()


def run_load(target: str, coders: int, per_coder: int, folder: Path) -> dict[str, Any]:
    """Create a project at target, run the coder processes, verify and time them."""
    project, _ = new_project(target, load_codebook(DEFAULT_CODEBOOK), coder="bench")
    import_one(project, _transcript(folder, 1200))
    project.close()
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [
        context.Process(target=_coder, args=(target, f"coder-{n}", per_coder, queue))
        for n in range(coders)
    ]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    if any(worker.exitcode != 0 for worker in workers):
        raise SystemExit("a coder process failed")
    with open_project(target) as project, project.read() as session:
        stored = session.scalar(select(func.count(Coding.id))) or 0
    expected = coders * per_coder
    return {
        "coders": coders,
        "codings_each": per_coder,
        "expected": expected,
        "stored": stored,
        "exact": stored == expected,
        "seconds": round(elapsed, 2),
        "codings_per_second": round(expected / elapsed, 1),
    }


def _postgres_target() -> tuple[str, Any] | None:
    admin_url = os.environ.get("QUALCODE_TEST_POSTGRES_URL")
    if not admin_url:
        return None
    name = f"qc_load_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    return url, (admin, name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--coders", type=int, default=8)
    parser.add_argument("--codings", type=int, default=10_000, help="codings per coder")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    results: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
        },
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        results["sqlite"] = run_load(str(folder / "load.qc"), args.coders, args.codings, folder)
        postgres = _postgres_target()
        if postgres is not None:
            url, (admin, name) = postgres
            try:
                results["postgresql"] = run_load(url, args.coders, args.codings, folder)
            finally:
                with admin.connect() as connection:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    table = Table(title="Concurrent coders (one transaction per coding)")
    for column in ("database", "coders", "codings", "stored", "exact", "seconds", "codings/s"):
        table.add_column(column)
    for database in ("sqlite", "postgresql"):
        r = results.get(database)
        if r is None:
            table.add_row(database, "skipped: no QUALCODE_TEST_POSTGRES_URL", "", "", "", "", "")
            continue
        table.add_row(
            database,
            str(r["coders"]),
            str(r["expected"]),
            str(r["stored"]),
            "yes" if r["exact"] else "NO",
            str(r["seconds"]),
            str(r["codings_per_second"]),
        )
    Console().print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if not all(r["exact"] for k, r in results.items() if k != "machine"):
        raise SystemExit("final count is wrong")


if __name__ == "__main__":
    main()
