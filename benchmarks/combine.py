"""Benchmark combining two coders' project files; print a table and write JSON.

    python -m benchmarks.combine [--docs 1000] [--codings 50000] [--out FILE]

Two copies of one project of `--docs` synthetic transcripts (about 140 passages each) are
coded by different coders, `--codings` codings each; the second is then combined into the
first (target: under 30 s), and combined again (nothing new: the no-op a supervisor's
weekly collection often is). A third project of as many *different* documents is combined
too, to time bringing documents, passages and versions across.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, select

from benchmarks.corpus import WordSampler, transcript
from benchmarks.report import Row, print_table, write_json
from qualcode.codebook.yamlio import load_codebook
from qualcode.combine.api import combine_into
from qualcode.ingest.document import build_document
from qualcode.project import DEFAULT_CODEBOOK, new_project
from qualcode.store.audit import get_or_create_coder
from qualcode.store.db import open_project
from qualcode.store.documents import add_document
from qualcode.store.models import Code, Coding, Passage

TARGET_S = 30.0
DEFAULT_OUT = Path("benchmarks/results/combine.json")


def build(path: Path, docs: int, seed: int) -> None:
    """A project of `docs` synthetic transcripts (no codings yet)."""
    rng, sampler = random.Random(seed), WordSampler()
    project, _ = new_project(str(path), load_codebook(DEFAULT_CODEBOOK), coder="bench")
    with project, project.write() as session:
        for number in range(docs):
            text, _ = transcript(rng, sampler, 4_000)
            read = build_document(f"interview-{seed}-{number}.txt", "txt", text.strip())
            add_document(session, read, participant_label=f"P{seed}-{number}", coder="bench")


def code(path: Path, coder: str, codings: int, seed: int) -> None:
    """`codings` codings by `coder`, spread over passages (inserted in bulk: setup only)."""
    rng = random.Random(seed)
    with open_project(str(path)) as project, project.write() as session:
        who = get_or_create_coder(session, coder).id
        codes = list(session.scalars(select(Code.id)))
        passages = list(session.execute(select(Passage.document_id, Passage.start, Passage.end)))
        chosen = rng.sample(passages, min(codings, len(passages)))
        rows = [
            {"document_id": d, "code_id": rng.choice(codes), "coder_id": who, "start": s,
             "end": e, "origin": "manual"}
            for d, s, e in chosen
        ]  # fmt: skip
        session.execute(insert(Coding), rows)


def timed_combine(target: Path, other: Path) -> tuple[float, float, dict[str, int]]:
    """Wall-clock and CPU seconds of one combine (on a shared machine the wall clock also
    counts the time other processes held the cores), and its counts."""
    started, cpu = time.perf_counter(), time.process_time()
    summary = combine_into(str(target), str(other), coder="supervisor")
    return time.perf_counter() - started, time.process_time() - cpu, summary.counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--codings", type=int, default=50_000)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if args.docs < 1 or args.codings < 1:
        parser.error("--docs and --codings must be at least 1")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        base, ours, theirs, others = (work / n for n in ("base.qc", "a.qc", "b.qc", "c.qc"))
        started = time.perf_counter()
        build(base, args.docs, seed=1)
        build(others, args.docs, seed=2)
        shutil.copy(base, ours)
        shutil.copy(base, theirs)
        code(ours, "ana", args.codings, seed=3)
        code(theirs, "ben", args.codings, seed=4)
        code(others, "cy", args.codings, seed=5)
        setup = time.perf_counter() - started
        first, first_cpu, counts = timed_combine(ours, theirs)
        again, again_cpu, counts_again = timed_combine(ours, theirs)
        new_docs, new_cpu, counts_new = timed_combine(ours, others)
    rows = [
        Row("setup (not timed against a target)", setup, "s"),
        Row("combine: same documents, new codings", first, "s", f"< {TARGET_S:.0f}",
            first < TARGET_S),
        Row("  of which CPU time", first_cpu, "s"),
        Row("  codings added", counts.get("codings added", 0), "codings"),
        Row("  codings per second", counts.get("codings added", 0) / first, "codings/s"),
        Row("combine again (nothing new)", again, "s", f"< {TARGET_S:.0f}", again < TARGET_S),
        Row("  of which CPU time", again_cpu, "s"),
        Row("  codings matched", counts_again.get("codings matched", 0), "codings"),
        Row("combine: new documents and codings", new_docs, "s", f"< {TARGET_S:.0f}",
            new_docs < TARGET_S),
        Row("  of which CPU time", new_cpu, "s"),
        Row("  documents added", counts_new.get("documents added", 0), "documents"),
    ]  # fmt: skip
    print_table(rows, f"Combining projects ({args.docs} documents, {args.codings} codings each)")
    write_json(args.out, rows, {"docs": args.docs, "codings": args.codings})


if __name__ == "__main__":
    main()
