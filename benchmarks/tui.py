"""Benchmark the coding workbench through Textual's Pilot; print a table and write JSON.

    python -m benchmarks.tui [--passages 20000] [--documents 1000] [--presses 30] [--out FILE]

Measures, on a project with one 20,000-passage transcript and on one with 1,000 documents:
launch to first paint of the transcript (and of the documents list), and the time from the
key press that applies a code to that coding being committed. Targets: first paint under
0.5 s; apply + commit under 50 ms. Building the projects is not timed.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console

from benchmarks.report import Row, median, p95, print_table, write_json
from qualcode.codebook.yamlio import load_codebook
from qualcode.importing import import_files
from qualcode.project import DEFAULT_CODEBOOK, new_project
from qualcode.store.db import open_project
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.documents import DocumentsScreen

SIZE = (120, 40)
TARGET_PAINT_S = 0.5
TARGET_APPLY_MS = 50.0
DEFAULT_OUT = Path("benchmarks/results/tui.json")
WORDS = [
    "commissioners",
    "contract",
    "tender",
    "prison",
    "probation",
    "charity",
    "funding",
    "partnership",
    "volunteers",
    "lockdown",
    "clearance",
    "consortium",
    "outcomes",
    "trust",
    "independence",
    "price",
    "bid",
    "referral",
    "housing",
    "mentoring",
    "staff",
    "governor",
    "release",
    "community",
]


def _turns(count: int, seed: int) -> str:
    chance = random.Random(seed)
    turns = []
    for index in range(count):
        speaker = "Interviewer" if index % 2 == 0 else "Sam"
        words = " ".join(chance.choice(WORDS) for _ in range(chance.randint(8, 60)))
        turns.append(f"{speaker}: {words.capitalize()}.")
    return "\n\n".join(turns) + "\n"


def build(folder: Path, name: str, documents: int, passages: int) -> Path:
    """A project with the default codebook and `documents` transcripts of `passages` turns."""
    sources = folder / f"{name}-files"
    sources.mkdir()
    for number in range(documents):
        text = _turns(passages, seed=number)
        (sources / f"interview-{number:04d}.txt").write_text(text, encoding="utf-8")
    path = folder / f"{name}.qc"
    project, _ = new_project(str(path), load_codebook(DEFAULT_CODEBOOK), coder="bench")
    with project:
        outcomes = import_files(project, [sources], coder="bench")
    assert all(o.status == "imported" for o in outcomes), outcomes[:3]
    return path


async def _paint(path: Path, document: int | None) -> float:
    """Seconds from creating the app to the first paint of the transcript (or documents)."""
    with open_project(str(path)) as project:
        started = time.perf_counter()
        app = QualcodeApp(project, "bench", document=document)
        async with app.run_test(size=SIZE) as pilot:
            while True:
                if document is not None and app.transcript.view.first_paint is not None:
                    return app.transcript.view.first_paint - started
                screen = app.screen
                if document is None and isinstance(screen, DocumentsScreen) and screen.shown:
                    await pilot.pause()  # the table paints on the next refresh
                    return time.perf_counter() - started
                await pilot.pause(0.002)
    raise AssertionError("unreachable")


async def _apply(path: Path, presses: int) -> tuple[list[float], list[float]]:
    """Milliseconds from pressing a number key to the coding's commit; and to redraw a page."""
    applied: list[float] = []
    moved: list[float] = []
    with open_project(str(path)) as project:
        app = QualcodeApp(project, "bench", document=1)
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            view = app.transcript.view
            for _ in range(presses):
                started = time.perf_counter()  # the work a cursor move costs: move and redraw
                view.action_page(1)
                view.render_line(0)
                moved.append(1000 * (time.perf_counter() - started))
                await pilot.pause()
                started = time.perf_counter()
                await pilot.press("1")
                await app.bench.writer.drain()
                applied.append(1000 * (app.bench.writer.committed_at - started))
    return applied, moved


def _paints(path: Path, document: int | None, rounds: int) -> list[float]:
    return [asyncio.run(_paint(path, document)) for _ in range(rounds)]


def _run(args: argparse.Namespace, work: Path, console: Console) -> list[Row]:
    started = time.perf_counter()
    big = build(work, "long-transcript", 1, args.passages)
    many = build(work, "many-documents", args.documents, 20)
    console.print(f"projects built in {time.perf_counter() - started:.1f} s (not timed)")
    rows: list[Row] = []
    for label, path, document in (
        (f"first paint: {args.passages:,}-passage transcript", big, 1),
        (f"first paint: documents list ({args.documents:,} documents)", many, None),
        (f"first paint: transcript in a {args.documents:,}-document project", many, 1),
    ):
        seconds = median(_paints(path, document, args.rounds))
        rows.append(Row(label, seconds, "s", f"< {TARGET_PAINT_S}", seconds < TARGET_PAINT_S))
    for label, path in (("long transcript", big), ("many documents", many)):
        applied, moved = asyncio.run(_apply(path, args.presses))
        for name, figure in (("median", median(applied)), ("p95", p95(applied))):
            ok = figure < TARGET_APPLY_MS
            rows.append(
                Row(f"key → committed ({name}), {label}", figure, "ms", f"< {TARGET_APPLY_MS}", ok)
            )
        rows.append(Row(f"page down + redraw (median), {label}", median(moved), "ms"))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.tui", description=__doc__)
    parser.add_argument("--passages", type=int, default=20_000, help="turns in the long one")
    parser.add_argument("--documents", type=int, default=1000, help="documents in the other")
    parser.add_argument("--presses", type=int, default=30, help="codes applied per project")
    parser.add_argument("--rounds", type=int, default=5, help="launches per first-paint figure")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results file")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    console = Console()
    with tempfile.TemporaryDirectory(prefix="qualcode-tui-bench-") as folder:
        rows = _run(args, Path(folder), console)
    print_table(rows, "qualcode workbench (Textual Pilot, 120x40)", console)
    extra: dict[str, Any] = {
        "benchmark": "tui",
        "passages": args.passages,
        "documents": args.documents,
        "presses": args.presses,
        "rounds": args.rounds,
    }
    write_json(args.out, rows, extra)
    console.print(f"written to {args.out}")
    missed = [row.name for row in rows if row.passed is False]
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
