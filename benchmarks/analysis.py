"""Framework matrix and code query speed on a large project (1,000 documents, 140,000 passages,
100,000 codings), built with Core executemany: `python -m benchmarks.analysis [--docs N]`."""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from qualcode.analysis.carrying import Filters
from qualcode.analysis.matrix import MatrixOptions, build_matrix
from qualcode.analysis.query import matching_passages
from qualcode.codebook.yamlio import load_codebook
from qualcode.project import DEFAULT_CODEBOOK, new_project
from qualcode.store.db import Project
from qualcode.store.models import Code, Coder, Coding, Document, Participant, Passage

WORDS = [
    "funding",
    "contract",
    "prison",
    "tender",
    "partnership",
    "volunteers",
    "council",
    "trust",
    "grant",
    "people",
]
SIZES = ("small", "medium", "large")


def build(path: Path, *, docs: int, passages: int, codings: int, seed: int = 1) -> Project:
    """A project with `docs` documents of `passages` passages each and `codings` codings by two
    coders over the default codebook, inserted in bulk."""
    rng = random.Random(seed)
    project, _ = new_project(str(path), load_codebook(DEFAULT_CODEBOOK), coder="bench")
    with project.write() as session:
        codes = list(session.scalars(select(Code.id)))
        coders = [Coder(name="ana"), Coder(name="ben")]
        session.add_all(coders)
        session.flush()
        coder_ids = [c.id for c in coders]
        session.execute(
            insert(Participant),
            [
                {"id": i + 1, "label": f"Interviewee {i + 1}", "attributes": {"size": SIZES[i % 3]}}
                for i in range(docs)
            ],
        )
        document_rows, passage_rows, spans = [], [], []
        for d in range(1, docs + 1):
            turns, offset = [], 0
            for index in range(passages):
                words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40)))
                turn = f"Speaker: {words}."
                passage_rows.append(
                    {
                        "document_id": d,
                        "index": index,
                        "start": offset,
                        "end": offset + len(turn),
                        "speaker": "Speaker",
                        "text": turn,
                        "meta": {},
                    }
                )
                spans.append((d, offset, offset + len(turn)))
                turns.append(turn)
                offset += len(turn) + 2
            document_rows.append(
                {
                    "id": d,
                    "title": f"Interview {d}",
                    "source_name": f"interview-{d}.txt",
                    "sha256": f"{d:064x}",
                    "format": "txt",
                    "text": "\n\n".join(turns),
                    "attributes": {},
                    "participant_id": d,
                }
            )
        session.execute(insert(Document), document_rows)
        session.execute(insert(Passage), passage_rows)
        seen: set[tuple[int, int, int, int, int]] = set()
        coding_rows: list[dict[str, Any]] = []
        while len(coding_rows) < codings:
            d, start, end = rng.choice(spans)
            row = (d, rng.choice(codes), rng.choice(coder_ids), start + 9, end)
            if row not in seen:
                seen.add(row)
                keys = ("document_id", "code_id", "coder_id", "start", "end")
                coding_rows.append({**dict(zip(keys, row, strict=True)), "origin": "import"})
        session.execute(insert(Coding), coding_rows)
    return project


def timed(run: Callable[[], object], rounds: int = 3) -> dict[str, float]:
    """Median wall-clock and CPU seconds of `rounds` runs (CPU time shows the work when other
    processes share the machine)."""
    wall, cpu = [], []
    for _ in range(rounds):
        began, began_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    return {"wall_s": round(statistics.median(wall), 3), "cpu_s": round(statistics.median(cpu), 3)}


def read_floor(path: Path) -> None:
    """The old floor: plain sqlite3 reading every passage's bounds and every coding's span, what
    a count over the overlap rule read before codings kept their passages (migration 0012)."""
    connection = sqlite3.connect(path)
    try:
        connection.execute('SELECT document_id, "index", start, "end" FROM passage').fetchall()
        connection.execute('SELECT document_id, code_id, start, "end" FROM coding').fetchall()
    finally:
        connection.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--passages", type=int, default=140)
    parser.add_argument("--codings", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        project = build(
            Path(folder) / "big.qc", docs=args.docs, passages=args.passages, codings=args.codings
        )
        built = time.perf_counter() - began
        with project.read() as session:
            counts = MatrixOptions(quotes=False)
            both = "commissioning AND independence"
            either = "commissioning OR independence"
            neither = "NOT (commissioning OR independence)"
            near = "(prison-disruption NEAR/2 partnership-levels) AND NOT commissioning"
            figures = {
                "floor: sqlite3 reads passage bounds and codings": timed(
                    lambda: read_floor(Path(folder) / "big.qc")
                ),
                "matrix participant x theme": timed(lambda: build_matrix(session, counts)),
                "matrix code x code": timed(
                    lambda: build_matrix(session, MatrixOptions(rows="code", columns=["code"]))
                ),
                f"query {both}": timed(lambda: matching_passages(session, both, Filters())),
                f"query {either}": timed(lambda: matching_passages(session, either, Filters())),
                f"query {neither}": timed(lambda: matching_passages(session, neither, Filters())),
                f"query {near}": timed(lambda: matching_passages(session, near, Filters())),
            }
        project.close()
    load = os.getloadavg()[0]
    print(json.dumps({"built_s": round(built, 1), "load_average": load, **figures}, indent=2))


if __name__ == "__main__":
    main()
