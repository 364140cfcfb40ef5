"""Benchmark inter-coder agreement on synthetic codings; print a table and write JSON.

    python -m benchmarks.agreement [--docs 500] [--chars 20000] [--codes 30] [--out FILE]

Target: the character-level comparison of 10 million characters (500 documents x 20,000
characters) x 30 codes x 2 coders, with several thousand codings, in under 1 s. The passage
level is timed too. Generating the data is not timed; each figure is the median of --rounds.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table

from qualcode.stats import Coding, Document, Passage, compare, disagreements

TARGET_SECONDS = 1.0
DEFAULT_OUT = Path("benchmarks/results/agreement.json")


def synthetic(
    n_docs: int, n_chars: int, n_codes: int, per_doc: int, passage_chars: int, seed: int
) -> tuple[list[Document], list[Coding]]:
    """Documents cut into passages, and two coders' codings: B mostly follows A, with
    shifted boundaries, omissions and extra codings of its own."""
    rng = np.random.default_rng(seed)
    documents = []
    codings = []
    codes = [f"code-{c:02d}" for c in range(n_codes)]
    for d in range(n_docs):
        cuts = np.arange(0, n_chars, passage_chars)
        passages = tuple(Passage(s, min(s + passage_chars - 2, n_chars)) for s in cuts.tolist())
        documents.append(Document(d, n_chars, passages))
        starts = rng.integers(0, n_chars - 50, per_doc)
        lengths = rng.integers(40, 1500, per_doc)
        chosen = rng.integers(0, n_codes, per_doc)
        for s, n, c in zip(starts.tolist(), lengths.tolist(), chosen.tolist(), strict=True):
            e = min(s + n, n_chars)
            codings.append(Coding(d, codes[c], "A", s, e))
            if rng.random() < 0.85:  # B codes the same passage, boundaries differ
                bs = int(np.clip(s + rng.integers(-80, 80), 0, n_chars - 1))
                be = int(np.clip(e + rng.integers(-80, 80), bs + 1, n_chars))
                codings.append(Coding(d, codes[c], "B", bs, be))
        for _ in range(max(1, per_doc // 5)):  # B's own codings
            s = int(rng.integers(0, n_chars - 50))
            e = min(s + int(rng.integers(40, 800)), n_chars)
            codings.append(Coding(d, codes[int(rng.integers(0, n_codes))], "B", s, e))
    return documents, codings


def timed(rounds: int, run: Any) -> tuple[float, Any]:
    """Median wall time of `run()` over `rounds`, and its last result."""
    times = []
    result = None
    for _ in range(rounds):
        began = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.agreement", description=__doc__)
    parser.add_argument("--docs", type=int, default=500, help="number of documents")
    parser.add_argument("--chars", type=int, default=20_000, help="characters per document")
    parser.add_argument("--codes", type=int, default=30, help="number of codes")
    parser.add_argument("--per-doc", type=int, default=12, help="coder A's codings per document")
    parser.add_argument("--passage", type=int, default=400, help="characters per passage")
    parser.add_argument("--rounds", type=int, default=5, help="timed runs (median reported)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    documents, codings = synthetic(
        args.docs, args.chars, args.codes, args.per_doc, args.passage, args.seed
    )
    coders = ["A", "B"]
    n_chars = args.docs * args.chars
    n_passages = sum(len(d.passages) for d in documents)
    char_s, report = timed(args.rounds, lambda: compare(codings, documents, coders, unit="char"))
    passage_s, passage_report = timed(
        args.rounds, lambda: compare(codings, documents, coders, unit="passage")
    )
    dis_s, found = timed(args.rounds, lambda: disagreements(codings, documents, coders))

    rows = [
        ("character level", char_s, f"{n_chars:,} characters", report),
        ("passage level", passage_s, f"{n_passages:,} passages", passage_report),
    ]
    console = Console()
    table = Table(title=f"Agreement: {len(codings):,} codings, {args.codes} codes, 2 coders")
    for column in ("comparison", "units", "seconds", "overall kappa", "overall alpha"):
        table.add_column(column, justify="left" if column == "comparison" else "right")
    for name, seconds, units, rep in rows:
        table.add_row(
            name,
            units,
            f"{seconds:.3f}",
            f"{rep.overall.pair.kappa.value:.3f}",
            f"{rep.overall.alpha.value:.3f}",
        )
    table.add_row("disagreements", f"{len(found):,} found", f"{dis_s:.3f}", "", "")
    console.print(table)
    verdict = "PASS" if char_s < TARGET_SECONDS else "FAIL"
    console.print(f"character-level target < {TARGET_SECONDS:.1f} s: {verdict} ({char_s:.3f} s)")

    result = {
        "documents": args.docs,
        "characters": n_chars,
        "codes": args.codes,
        "coders": len(coders),
        "codings": len(codings),
        "passages": n_passages,
        "rounds": args.rounds,
        "char_seconds": round(char_s, 4),
        "passage_seconds": round(passage_s, 4),
        "disagreements_seconds": round(dis_s, 4),
        "disagreements": len(found),
        "overall_char_kappa": report.overall.pair.kappa.value,
        "overall_char_alpha": report.overall.alpha.value,
        "target_char_seconds": TARGET_SECONDS,
        "pass": char_s < TARGET_SECONDS,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "machine": platform.machine(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    console.print(f"wrote {args.out}")
    return 0 if char_s < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
