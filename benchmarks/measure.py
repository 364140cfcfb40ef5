"""Timings on a real qualcode project: import, search and open."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from qualcode.codebook.yamlio import load_codebook
from qualcode.importing import import_files
from qualcode.project import DEFAULT_CODEBOOK, new_project
from qualcode.store.db import open_project
from qualcode.store.models import Document, Passage
from qualcode.store.search import search_passages

CODER = "bench"
QUALCODE = str(Path(sys.executable).with_name("qualcode"))


@dataclass(frozen=True)
class ImportResult:
    create_seconds: float
    seconds: float
    statuses: dict[str, int]
    passages: int
    failures: list[str]


def measure_import(project_path: Path, corpus_dir: Path) -> ImportResult:
    """Create a project with the default codebook, then time importing the whole folder."""
    codebook = load_codebook(DEFAULT_CODEBOOK)
    started = time.perf_counter()
    project, _ = new_project(str(project_path), codebook, coder=CODER)
    created = time.perf_counter() - started
    try:
        os.sync()
        started = time.perf_counter()
        outcomes = import_files(project, [corpus_dir], coder=CODER)
        seconds = time.perf_counter() - started
        with project.read() as session:
            passages = session.scalar(select(func.count()).select_from(Passage)) or 0
    finally:
        project.close()
    statuses = Counter(outcome.status for outcome in outcomes)
    failures = [o.message for o in outcomes if o.status != "imported"][:5]
    return ImportResult(created, seconds, dict(statuses), passages, failures)


def measure_import_process(
    project_path: Path, corpus_dir: Path, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Wall and CPU seconds of the whole `qualcode import` process (start-up included) on a
    new project."""
    new_project(str(project_path), load_codebook(DEFAULT_CODEBOOK), coder=CODER)[0].close()
    command = [QUALCODE, "import", str(project_path), str(corpus_dir), "--coder", CODER]
    return run_process(command, env)


def measure_floor_process(
    db: Path, corpus_dir: Path, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Wall and CPU seconds of the whole floor process (python start-up included) on the same
    folder."""
    return run_process([sys.executable, "-m", "benchmarks.floor", str(db), str(corpus_dir)], env)


def time_process(command: list[str]) -> float:
    """Wall seconds of a process (after os.sync())."""
    return run_process(command)[0]


def run_process(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of a process, after os.sync()."""
    os.sync()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(f"{command[0]} failed: {done.stderr.strip()}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, usage.ru_utime + usage.ru_stime - cpu


def measure_search(
    project_path: Path, queries: Sequence[str], *, rounds: int
) -> dict[str, list[float]]:
    """Latencies (seconds) of each query with search_passages, after one warm-up pass."""
    latencies: dict[str, list[float]] = {query: [] for query in queries}
    with open_project(str(project_path)) as project, project.read() as session:
        for round_number in range(rounds + 1):
            for query in queries:
                started = time.perf_counter()
                search_passages(session, query)
                if round_number:
                    latencies[query].append(time.perf_counter() - started)
    return latencies


def measure_open(project_path: Path, *, times: int) -> list[float]:
    """Seconds to open the project and run a first read query, `times` times."""
    seconds: list[float] = []
    for _ in range(times):
        started = time.perf_counter()
        with open_project(str(project_path)) as project, project.read() as session:
            session.execute(select(Document.id, Document.title).limit(20)).all()
        seconds.append(time.perf_counter() - started)
    return seconds
