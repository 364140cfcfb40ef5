"""Benchmark import, search and open on a synthetic corpus; print a table and write JSON.

    python -m benchmarks.run [--docs 300] [--words 8000] [--quick] [--out FILE]

Targets: 300 x 8,000-word transcripts imported at 2,000,000 words/s or more in-process, and the
whole `qualcode import` process within 1.5x of the whole floor process (plain sqlite3 + FTS5,
the same blank-line blocks, the same durability), each floor measured in the same run,
alternately with the import, both keeping compiled bytecode as an installed qualcode does
(one untimed run of each writes it), with CPU time (user + system) beside wall time; FTS
search under 10 ms; a 200-quote Word export under 0.3 s beyond start-up
(benchmarks.export_docx). Generating the corpus is not timed. Everything is
written to a temporary folder. With --repeat N the floor and the import run N times each and
the fastest run is reported. Then benchmarks.suggest times suggestion scoring of 100,000
passages, wall and CPU time per passage (--no-suggest skips it), benchmarks.suggest_quality
measures suggestion quality (--no-quality skips it; its targets are reported, never part of
the exit status), benchmarks.names the precision and recall of finding identifiers nobody
registered, and its speed, benchmarks.bombs imports archive bombs under a memory cap
(--no-bombs skips it), and benchmarks.startup times everyday commands and the workbench's
first paint against the start-up floor (--no-startup skips it).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from benchmarks.corpus import Corpus, generate_corpus
from benchmarks.export_docx import measure as measure_export
from benchmarks.floor import insert_floor, query_floor
from benchmarks.measure import (
    ImportResult,
    measure_floor_process,
    measure_import,
    measure_import_process,
    measure_open,
    measure_search,
)
from benchmarks.queries import QUERIES
from benchmarks.report import Row, median, p95, print_table, write_json
from benchmarks.startup import bytecode_cache

TARGET_WORDS_PER_SECOND = 2_000_000
TARGET_PROCESS_RATIO = 1.5
TARGET_SEARCH_MS = 10.0
DEFAULT_OUT = Path("benchmarks/results/latest.json")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--docs", type=int, default=300, help="number of transcripts")
    parser.add_argument("--words", type=int, default=8000, help="words per transcript")
    parser.add_argument("--seed", type=int, default=1, help="corpus random seed")
    parser.add_argument("--quick", action="store_true", help="smoke run: 50 documents")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the queries")
    parser.add_argument("--opens", type=int, default=20, help="times to open the project")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results file")
    parser.add_argument("--repeat", type=int, default=1, help="floor and import runs (best kept)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--no-quality", action="store_true", help="skip suggestion quality")
    parser.add_argument("--no-bombs", action="store_true", help="skip the archive bombs")
    parser.add_argument("--no-suggest", action="store_true", help="skip suggestion scoring")
    parser.add_argument("--no-export", action="store_true", help="skip the Word export")
    parser.add_argument("--no-startup", action="store_true", help="skip command start-up")
    args = parser.parse_args(argv)
    if args.quick:
        args.docs = min(args.docs, 50)
    return args


@dataclass
class Timings:
    """Raw measurements of one benchmark run (seconds)."""

    floor: list[float] = field(default_factory=list)
    imports: list[ImportResult] = field(default_factory=list)
    floor_process: list[float] = field(default_factory=list)
    import_process: list[float] = field(default_factory=list)
    floor_process_cpu: list[float] = field(default_factory=list)
    import_process_cpu: list[float] = field(default_factory=list)
    floor_query: list[float] = field(default_factory=list)
    per_query: dict[str, list[float]] = field(default_factory=dict)
    opens: list[float] = field(default_factory=list)


def _measure(args: argparse.Namespace, corpus: Corpus, work: Path, console: Console) -> Timings:
    files = [f.path for f in corpus.files]
    timings = Timings()
    # Both processes keep compiled bytecode, as an installed qualcode does (see
    # benchmarks.startup); one untimed run of each on one file writes it.
    env = bytecode_cache(work / "bytecode")
    warm = work / "warm-up"
    warm.mkdir()
    (warm / files[0].name).write_bytes(files[0].read_bytes())
    measure_floor_process(work / "warm-up.sqlite", warm, env)
    measure_import_process(work / "warm-up.qc", warm, env)
    for attempt in range(args.repeat):
        console.print(f"floor ({attempt + 1}/{args.repeat}): plain sqlite3 + FTS5 ...")
        os.sync()  # flush what was written before, so it does not slow whichever runs first
        timings.floor.append(insert_floor(files, work / f"floor-{attempt}.sqlite").seconds)
        console.print(f"import ({attempt + 1}/{args.repeat}): qualcode import_files ...")
        timings.imports.append(measure_import(work / f"bench-{attempt}.qc", corpus.folder))
        console.print(f"whole processes ({attempt + 1}/{args.repeat}): floor, qualcode import ...")
        floor_db = work / f"floor-process-{attempt}.sqlite"
        seconds, cpu = measure_floor_process(floor_db, corpus.folder, env)
        timings.floor_process.append(seconds)
        timings.floor_process_cpu.append(cpu)
        seconds, cpu = measure_import_process(work / f"process-{attempt}.qc", corpus.folder, env)
        timings.import_process.append(seconds)
        timings.import_process_cpu.append(cpu)
    timings.floor_query = query_floor(work / "floor-0.sqlite", QUERIES, rounds=args.rounds)
    console.print("search and open ...")
    project = work / "bench-0.qc"
    timings.per_query = measure_search(project, QUERIES, rounds=args.rounds)
    timings.opens = measure_open(project, times=args.opens)
    return timings


def _rows(corpus: Corpus, t: Timings) -> list[Row]:
    words, ms = corpus.words, 1000.0
    floor = min(t.floor)
    best = min(t.imports, key=lambda result: result.seconds)
    searches = [s for values in t.per_query.values() for s in values]
    search_median, search_p95 = median(searches) * ms, p95(searches) * ms
    ratio = best.seconds / floor
    floor_process, import_process = min(t.floor_process), min(t.import_process)
    floor_cpu, import_cpu = min(t.floor_process_cpu), min(t.import_process_cpu)
    return [
        Row("corpus documents", len(corpus.files), "files"),
        Row("corpus words", words, "words"),
        Row("passages stored", best.passages, "passages"),
        Row("floor insert time", floor, "s"),
        Row("floor insert rate", words / floor, "words/s"),
        Row("floor FTS query median", median(t.floor_query) * ms, "ms"),
        Row("floor FTS query p95", p95(t.floor_query) * ms, "ms"),
        Row("project create time", best.create_seconds * ms, "ms"),
        _target("import time", best.seconds, "s", words / TARGET_WORDS_PER_SECOND, below=True),
        _target("import rate", words / best.seconds, "words/s", TARGET_WORDS_PER_SECOND),
        Row("import / floor time (in-process)", ratio, "x"),
        Row("floor whole process", floor_process, "s"),
        Row("qualcode import whole process", import_process, "s"),
        _target(
            "import / floor (whole processes)",
            import_process / floor_process,
            "x",
            TARGET_PROCESS_RATIO,
            below=True,
        ),
        Row("floor whole process CPU (user + system)", floor_cpu, "s"),
        Row("qualcode import whole process CPU", import_cpu, "s"),
        Row("import / floor CPU (whole processes)", import_cpu / floor_cpu, "x"),
        _target("search median", search_median, "ms", TARGET_SEARCH_MS, below=True),
        _target("search p95", search_p95, "ms", TARGET_SEARCH_MS, below=True),
        Row("search max", max(searches) * ms, "ms"),
        Row("project open median", median(t.opens) * ms, "ms"),
    ]


def _extra(args: argparse.Namespace, corpus: Corpus, t: Timings) -> dict[str, Any]:
    slowest = sorted(t.per_query, key=lambda q: -median(t.per_query[q]))[:10]
    return {
        "corpus": {
            "docs": len(corpus.files),
            "words_per_doc": args.words,
            "seed": args.seed,
            "words": corpus.words,
            "blocks": corpus.passages,
        },
        "runs": {
            "floor_seconds": [round(s, 3) for s in t.floor],
            "import_seconds": [round(r.seconds, 3) for r in t.imports],
            "floor_process_seconds": [round(s, 3) for s in t.floor_process],
            "import_process_seconds": [round(s, 3) for s in t.import_process],
            "floor_process_cpu_seconds": [round(s, 3) for s in t.floor_process_cpu],
            "import_process_cpu_seconds": [round(s, 3) for s in t.import_process_cpu],
            "import_statuses": t.imports[0].statuses,
        },
        "queries": len(t.per_query),
        "slowest_queries_ms": {q: round(median(t.per_query[q]) * 1000, 3) for q in slowest},
    }


def _target(name: str, value: float, unit: str, target: float, *, below: bool = False) -> Row:
    """A row checked against a target: below it (times) or at least it (rates)."""
    shown = f"{target:,.0f}" if target >= 1000 else f"{target:.3g}"
    if below:
        return Row(name, value, unit, f"< {shown}", value < target)
    return Row(name, value, unit, f">= {shown}", value >= target)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    console = Console()
    load_at_start = [round(load, 2) for load in os.getloadavg()]
    with tempfile.TemporaryDirectory(prefix="qualcode-bench-") as folder:
        work = Path(folder)
        started = time.perf_counter()
        corpus = generate_corpus(work / "corpus", docs=args.docs, words=args.words, seed=args.seed)
        console.print(
            f"corpus: {len(corpus.files):,} files, {corpus.words:,} words "
            f"(generated in {time.perf_counter() - started:.1f} s, not timed)"
        )
        timings = _measure(args, corpus, work, console)
        rows, extra = _rows(corpus, timings), _extra(args, corpus, timings)
        if not args.no_export:
            console.print("Word export of 200 quotes ...")
            rows += measure_export(work / "export", docs=20, words=6000, quotes=200, repeats=3)
    for result in timings.imports:
        if result.failures:
            console.print(f"[red]not imported:[/red] {result.failures}")
    extra["load_average_at_start"] = load_at_start
    title = f"qualcode benchmark: {args.docs:,} x {args.words:,} words"
    print_table(rows, title, console)
    write_json(args.out, rows, extra)
    console.print(f"results written to {args.out}")
    failed = [row.name for row in rows if row.passed is False]
    if not args.no_suggest:  # imported here: spaCy stays out of the import timings
        from benchmarks.suggest import main as suggest

        suggest(["--passages", "20000", "--train", "2000"] if args.quick else [])
    if not args.no_quality:  # imported here: spaCy stays out of the import timings
        from benchmarks.suggest_quality import main as suggest_quality

        suggest_quality(["--folds", "3" if args.quick else "5"])
    from benchmarks.names import main as names  # detection of unregistered identifiers

    names(["--words", "10000" if args.quick else "100000"])
    if not args.no_bombs:
        from benchmarks.bombs import main as bombs

        bombs([])
    if not args.no_startup:
        from benchmarks.startup import main as startup

        startup(["--rounds", "3" if args.quick else "7"])
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
