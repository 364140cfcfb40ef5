"""Where import time goes: stage timings on the benchmark corpus, and a cProfile of import.

    python -m benchmarks.profile_import [--docs 1000] [--words 8000] [--profile-docs 200]

Each stage runs on its own (after os.sync()); wall and CPU seconds are shown because disk
flushes on a shared machine make wall time noisy. Differences between rows give the cost of
the FTS trigger, fsync, SQLAlchemy and parsing.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.corpus import generate_corpus
from benchmarks.floor import insert_floor
from benchmarks.stages import (
    CODER,
    Timing,
    decode_all,
    read_all,
    read_cp1252,
    segment_all,
    store_orm,
    store_raw,
    timed,
)
from qualcode.codebook.yamlio import load_codebook
from qualcode.importing import import_files
from qualcode.project import DEFAULT_CODEBOOK, new_project


def _stages(work: Path, docs: int, words: int, console: Console) -> list[tuple[str, Timing]]:
    corpus = generate_corpus(work / "corpus", docs=docs, words=words)
    files = [f.path for f in corpus.files]
    console.print(f"corpus: {len(files):,} files, {corpus.words:,} words")
    floor = timed(lambda: insert_floor(files, work / "f.db"))
    stages = [("floor: sqlite3 + FTS5, one row per block", floor)]
    project, _ = new_project(str(work / "i.qc"), load_codebook(DEFAULT_CODEBOOK), coder=CODER)
    with project:
        stages.append(("import_files (everything)", timed(lambda: import_files(project, files))))
    stages.append(("read_document (all parsing)", timed(lambda: read_all(files))))
    texts: list[str] = []
    stages.append(("  decode + normalise", timed(lambda: texts.extend(decode_all(files)))))
    stages.append(("  segment", timed(lambda: segment_all(texts))))
    read = read_all(files)
    stages += [
        ("store as import_one does (ORM)", store_orm(work / "a.qc", read)),
        ("  same, synchronous=OFF", store_orm(work / "b.qc", read, fsync=False)),
        ("  same, no FTS trigger", store_orm(work / "c.qc", read, fts=False)),
        ("plain sqlite3, executemany (trigger per row)", store_raw(work / "d.qc", read)),
        (
            "  same, one multi-row INSERT per document",
            store_raw(work / "e.qc", read, mode="multirow"),
        ),
        ("  same, no FTS trigger", store_raw(work / "g.qc", read, mode="no_fts")),
        ("read 20 files saved as cp1252 (detection)", read_cp1252(files[:20], work / "cp1252")),
    ]
    return stages


def _profile(work: Path, docs: int, words: int) -> str:
    corpus = generate_corpus(work / "small", docs=docs, words=words)
    project, _ = new_project(str(work / "p.qc"), load_codebook(DEFAULT_CODEBOOK), coder=CODER)
    profiler = cProfile.Profile()
    with project:
        profiler.enable()
        import_files(project, [corpus.folder], coder=CODER)
        profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(20)
    return out.getvalue()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_import")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--words", type=int, default=8000)
    parser.add_argument("--profile-docs", type=int, default=200, help="0 to skip cProfile")
    args = parser.parse_args(argv)
    console = Console()
    with tempfile.TemporaryDirectory(prefix="qualcode-profile-") as folder:
        work = Path(folder)
        stages = _stages(work, args.docs, args.words, console)
        table = Table(title=f"import stages: {args.docs:,} x {args.words:,} words")
        table.add_column("stage")
        table.add_column("wall s", justify="right")
        table.add_column("cpu s", justify="right")
        for name, timing in stages:
            table.add_row(name, f"{timing.wall:.2f}", f"{timing.cpu:.2f}")
        console.print(table)
        if args.profile_docs:
            print(_profile(work, args.profile_docs, args.words))


if __name__ == "__main__":
    main()
