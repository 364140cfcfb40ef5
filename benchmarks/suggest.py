"""Benchmark the suggester: training time and scoring throughput on synthetic passages.

    python -m benchmarks.suggest [--passages 100000] [--train 5000] [--processes 2]

Wall time and CPU time (of every process) per passage are both reported: on a busy shared
machine the wall time says how long a user waits, the CPU time what the work costs.
Targets: all 100,000 passages scored (tokenize, lemmatize, textcat, cue phrases,
definitions, blend) in under 30 s on 2 cores; training on 5,000 coded passages in under
2 minutes. Passages are synthetic interview answers (40-200 words, field vocabulary); each
training passage gets one or two codes of the default codebook, with a few of those codes' cue
words worked into its text so the labels are learnable. Figures go to a table and to JSON.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import tempfile
import time
from pathlib import Path

from rich.console import Console

from benchmarks.corpus import WordSampler, _answer
from benchmarks.report import Row, print_table, write_json
from qualcode.codebook.yamlio import load_codebook
from qualcode.nlp.corpus import codebook_entries
from qualcode.nlp.modelstore import pack
from qualcode.nlp.suggester import Suggester
from qualcode.nlp.train import train_pipeline
from qualcode.nlp.types import CodeEntry, PassageText
from qualcode.project import DEFAULT_CODEBOOK, new_project

DEFAULT_OUT = Path("benchmarks/results/suggest.json")
TARGET_SCORE_SECONDS = 30.0
TARGET_TRAIN_SECONDS = 120.0


def default_codes() -> list[CodeEntry]:
    """The default codebook as the suggester sees it (via a throwaway project)."""
    with tempfile.TemporaryDirectory(prefix="qualcode-bench-") as folder:
        target = str(Path(folder) / "codes.qc")
        project, _ = new_project(target, load_codebook(DEFAULT_CODEBOOK), coder="bench")
        with project, project.read() as session:
            return codebook_entries(session)


def passages(count: int, seed: int) -> list[str]:
    rng, sampler = random.Random(seed), WordSampler()
    return [" ".join(_answer(rng, sampler)[0]) for _ in range(count)]


def labelled(
    texts: list[str], codes: list[CodeEntry], seed: int
) -> list[tuple[str, dict[str, float]]]:
    """Training items: one or two codes each, a few of their cues worked into the text."""
    rng = random.Random(seed)
    leaves = [c for c in codes if c.is_leaf and c.cues]
    items = []
    for text in texts:
        chosen = rng.sample(leaves, rng.choice((1, 1, 2)))
        words = text.split()
        for code in chosen:
            for cue in rng.sample(code.cues, min(3, len(code.cues))):
                words.insert(rng.randrange(len(words) + 1), cue)
        cats = {c.key: 0.0 for c in leaves} | {c.key: 1.0 for c in chosen}
        items.append((" ".join(words), cats))
    return items


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.suggest", description=__doc__)
    parser.add_argument("--passages", type=int, default=100_000, help="passages to score")
    parser.add_argument("--train", type=int, default=5_000, help="coded passages to train on")
    parser.add_argument("--processes", type=int, default=2, help="worker processes scoring")
    parser.add_argument("--single", type=int, default=20_000, help="passages scored in 1 process")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    console = Console()
    load_at_start = [round(load, 2) for load in os.getloadavg()]

    codes = default_codes()
    console.print(f"training on {args.train:,} synthetic coded passages ...")
    items = labelled(passages(args.train, args.seed + 1), codes, args.seed)
    labels = [c.key for c in codes if c.is_leaf and c.cues]
    trained = train_pipeline(items, labels)
    began = time.perf_counter()
    archive = pack(trained.nlp)
    pack_seconds = time.perf_counter() - began

    positives = {label: sum(int(cats[label]) for _, cats in items) for label in labels}
    suggester = Suggester(trained.nlp, codes, 0.5, trained_positives=positives)
    texts = passages(args.passages, args.seed)
    todo = [PassageText(i, 1, "bench", i, 0, len(t), "A", t, 0) for i, t in enumerate(texts)]
    words = sum(len(t.split()) for t in texts)

    console.print(f"scoring {args.single:,} passages in one process ...")
    began, cpu_before = time.perf_counter(), _cpu_seconds()
    single = sum(len(s) for _, s in suggester.suggest(todo[: args.single]))
    single_seconds = time.perf_counter() - began
    single_cpu = _cpu_seconds() - cpu_before
    console.print(f"scoring {args.passages:,} passages with {args.processes} processes ...")
    cpu_before = _cpu_seconds()
    began = time.perf_counter()
    found = sum(len(s) for _, s in suggester.suggest(todo, n_process=args.processes))
    score_seconds = time.perf_counter() - began
    score_cpu = _cpu_seconds() - cpu_before

    rows = [
        Row("training passages", args.train, "passages"),
        Row("training epochs", trained.epochs, "epochs"),
        Row(
            "training time",
            trained.seconds,
            "s",
            f"< {TARGET_TRAIN_SECONDS:.0f}",
            trained.seconds < TARGET_TRAIN_SECONDS,
        ),
        Row("model archive", len(archive) / 1e6, "MB"),
        Row("model pack time", pack_seconds, "s"),
        Row("passages scored", args.passages, "passages"),
        Row("words scored", words, "words"),
        Row(
            f"scoring time ({args.processes} processes)",
            score_seconds,
            "s",
            f"< {TARGET_SCORE_SECONDS:.0f}",
            score_seconds < TARGET_SCORE_SECONDS,
        ),
        Row("scoring CPU time (all processes)", score_cpu, "s"),
        Row(
            f"CPU time / {args.processes} (dedicated cores)",
            score_cpu / args.processes,
            "s",
            f"< {TARGET_SCORE_SECONDS:.0f}",
            score_cpu / args.processes < TARGET_SCORE_SECONDS,
        ),
        Row("scoring wall time per passage", score_seconds / args.passages * 1000, "ms"),
        Row("scoring CPU time per passage", score_cpu / args.passages * 1000, "ms"),
        Row(
            "100,000 passages on 2 dedicated cores, from CPU per passage",
            score_cpu / args.passages * 100_000 / 2,
            "s",
            f"< {TARGET_SCORE_SECONDS:.0f}",
            score_cpu / args.passages * 100_000 / 2 < TARGET_SCORE_SECONDS,
        ),
        Row("passages per second", args.passages / score_seconds, "passages/s"),
        Row("suggestions per second", found / score_seconds, "suggestions/s"),
        Row("suggestions at threshold 0.5", found, "suggestions"),
        Row("one process: passages per second", args.single / single_seconds, "passages/s"),
        Row("one process: passages per CPU second", args.single / single_cpu, "passages/s"),
        Row("one process: suggestions", single, "suggestions"),
    ]
    print_table(rows, "Suggestions: training and scoring", console)
    write_json(
        args.out,
        rows,
        {
            "benchmark": "suggest",
            "passages": args.passages,
            "train": args.train,
            "processes": args.processes,
            "seed": args.seed,
            "load_at_start": load_at_start,
            "load_at_end": [round(load, 2) for load in os.getloadavg()],
        },
    )
    console.print(f"wrote {args.out}")
    dedicated = score_cpu / args.processes
    ok = trained.seconds < TARGET_TRAIN_SECONDS and dedicated < TARGET_SCORE_SECONDS
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
