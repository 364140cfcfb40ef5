"""Benchmark the audit chain: cost of appending an event as the trail grows, and proving it.

    python -m benchmarks.audit_chain [--events 100000] [--per-commit 100] [--target PATH|URL]

Targets: appending stays flat however long the trail is (only the head is read), and
`check` proves a 100,000-event trail in seconds. Without --target a throw-away project file
is used; a PostgreSQL URL must name an empty database.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from qualcode.codebook.yamlio import load_codebook
from qualcode.project import DEFAULT_CODEBOOK, new_project
from qualcode.store.audit import record
from qualcode.store.check import check_project
from qualcode.store.db import Project
from qualcode.store.trail_check import prove_trail

SAMPLE = 2_000  # events timed at the start and at the end of the trail


def append(project: Project, count: int, per_commit: int) -> float:
    """Append count events, per_commit to a transaction, like a busy coder; seconds per event."""
    started = time.perf_counter()
    for first in range(0, count, per_commit):
        with project.write() as session:
            for n in range(first, min(count, first + per_commit)):
                record(
                    session, "coding.add", "coding", n, coder="bench",
                    after={"document": n % 40, "code": "informed-risk", "start": n, "end": n + 9,
                           "memo": f"note {n} — «quoted» text"},
                )  # fmt: skip
    return (time.perf_counter() - started) / max(count, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--per-commit", type=int, default=100)
    parser.add_argument("--target", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        target = args.target or str(Path(folder) / "bench.qc")
        project, _ = new_project(target, load_codebook(DEFAULT_CODEBOOK), coder="bench")
        with project:
            early = append(project, SAMPLE, args.per_commit)
            bulk = append(project, max(0, args.events - 2 * SAMPLE), args.per_commit)
            late = append(project, SAMPLE, args.per_commit)
            started = time.perf_counter()
            with project.read() as session:
                proof = prove_trail(session)
            proving = time.perf_counter() - started
            started = time.perf_counter()
            report = check_project(project)
            checking = time.perf_counter() - started
    print(f"backend: {project.engine.dialect.name}, {proof.events:,} events, ok={report.ok}")
    print(f"append, first {SAMPLE:,} events: {early * 1e6:8.0f} µs/event")
    print(f"append, bulk:                   {bulk * 1e6:8.0f} µs/event")
    print(f"append, last {SAMPLE:,} events:  {late * 1e6:8.0f} µs/event")
    print(f"prove the trail (hashes, links, guards, creations): {proving:6.2f} s")
    print(f"whole check:                                        {checking:6.2f} s")


if __name__ == "__main__":
    main()
