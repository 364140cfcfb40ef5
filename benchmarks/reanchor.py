"""Benchmark re-anchoring codings after correcting a long transcript; print a table, write JSON.

    python -m benchmarks.reanchor [--passages 20000] [--codings 5000] [--repeats 5] [--out FILE]

One synthetic transcript of about 20,000 passages gets several scattered corrections: typo
fixes, a redacted sentence, a deleted sentence and an inserted paragraph. Timed: the
character-level diff, re-anchoring the codings (target: diff + re-anchoring well under a
second), segmenting the new text and matching its passages to the old ones, and the whole
edit through `replace_text` in a SQLite project (versions, passages, codings, audit).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.corpus import WordSampler, transcript
from benchmarks.report import Row, median, print_table, write_json
from qualcode.ingest.document import build_document
from qualcode.revise import replace_text
from qualcode.revise.anchor import Realignment, reanchor
from qualcode.revise.diff import diff_texts
from qualcode.revise.layout import OldPassage, match_passages
from qualcode.store.db import create_project
from qualcode.store.documents import add_document
from qualcode.store.models import Code, Codebook, Coder, Coding

TARGET_S = 0.5
DEFAULT_OUT = Path("benchmarks/results/reanchor.json")


def long_transcript(passages: int, seed: int) -> str:
    """A synthetic interview with at least this many passages."""
    rng, sampler = random.Random(seed), WordSampler()
    text, count = transcript(rng, sampler, passages * 58)
    while count < passages:
        more, extra = transcript(rng, sampler, (passages - count) * 60)
        text, count = text + "\n" + more, count + extra
    return text.strip()


def corrected(text: str, rng: random.Random) -> tuple[str, Counter[str]]:
    """The text with scattered corrections, and how many of each kind."""
    edits: list[tuple[int, int, str, str]] = []
    for _ in range(40):  # typo fixes: swap two letters of a word
        at = rng.randrange(len(text) - 10)
        while not text[at : at + 2].isalpha():
            at += 1
        edits.append((at, at + 2, text[at + 1] + text[at], "typo"))
    sentence = text.index(". ", len(text) // 3) + 2
    edits.append((sentence, text.index(".", sentence) + 1, "[redacted].", "redaction"))
    sentence = text.index(". ", 2 * len(text) // 3) + 2
    edits.append((sentence, text.index(". ", sentence) + 2, "", "deletion"))
    paragraph = text.index("\n\n", len(text) // 2)
    inserted = "\n\nInterviewer: Could you say more about the consortium bid and the prime?"
    edits.append((paragraph, paragraph, inserted, "insertion"))
    edits.sort()
    parts, kinds, position = [], Counter[str](), 0
    for start, end, replacement, kind in edits:
        if start < position:
            continue
        parts += [text[position:start], replacement]
        position = end
        kinds[kind] += 1
    return "".join([*parts, text[position:]]), kinds


def random_codings(text: str, count: int, rng: random.Random) -> list[tuple[int, int, int]]:
    """(id, start, end) spans of one to forty words."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    spans: list[tuple[int, int, int]] = []
    for index in range(count):
        first = rng.randrange(len(spaces) - 41)
        start, end = spaces[first] + 1, spaces[first + rng.randint(1, 40)]
        spans.append((index + 1, start, end))
    return spans


def timed(function: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return median(times), result


def store_edit(old: str, new: str, spans: list[tuple[int, int, int]]) -> float:
    """Seconds for replace_text on a SQLite project holding the document and the codings."""
    with tempfile.TemporaryDirectory() as folder:
        project = create_project(str(Path(folder) / "bench.qc"))
        with project.write() as session:
            document = add_document(session, build_document("long.txt", "txt", old))
            codebook = Codebook(name="bench")
            code = Code(codebook=codebook, key="theme", name="Theme")
            coder = Coder(name="bench")
            session.add_all([codebook, code, coder])
            session.flush()
            session.add_all(
                Coding(document=document, code=code, coder=coder, start=s, end=e)
                for _, s, e in dict(((s, e), (i, s, e)) for i, s, e in spans).values()
            )
        started = time.perf_counter()
        with project.write() as session:
            replace_text(session, session.get_one(type(document), document.id), new, "bench")
        seconds = time.perf_counter() - started
        project.close()
    return seconds


def run(passages: int, codings: int, repeats: int, seed: int) -> tuple[list[Row], dict[str, Any]]:
    rng = random.Random(seed)
    old = long_transcript(passages, seed)
    new, kinds = corrected(old, rng)
    spans = random_codings(old, codings, rng)
    diff_s, blocks = timed(lambda: diff_texts(old, new), repeats)
    realignment = Realignment(blocks)
    anchor_s, outcomes = timed(lambda: reanchor(realignment, old, new, spans), repeats)
    old_read = build_document("long.txt", "txt", old)
    segment_s, new_read = timed(lambda: build_document("long.txt", "txt", new), repeats)
    old_passages = [
        OldPassage(i, p.start, p.end, p.speaker, {}) for i, p in enumerate(old_read.passages)
    ]
    new_spans = [(p.start, p.end) for p in new_read.passages]
    match_s, _ = timed(lambda: match_passages(old_passages, new_spans, realignment), repeats)
    store_s = store_edit(old, new, spans)
    statuses = Counter(o.status for o in outcomes)
    total = diff_s + anchor_s
    rows = [
        Row("diff (lines, words, letters)", diff_s * 1000, "ms"),
        Row(f"re-anchor {codings:,} codings", anchor_s * 1000, "ms"),
        Row("diff + re-anchor", total, "s", f"< {TARGET_S} s", total < TARGET_S),
        Row("segment the new text", segment_s * 1000, "ms"),
        Row(f"match {len(new_spans):,} passages", match_s * 1000, "ms"),
        Row("whole edit in a SQLite project", store_s, "s"),
    ]
    extra = {
        "characters": len(old),
        "passages": len(old_read.passages),
        "codings": codings,
        "edits": dict(kinds),
        "blocks": len(blocks),
        "outcomes": dict(statuses),
    }
    return rows, extra


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reanchor", description=__doc__)
    parser.add_argument("--passages", type=int, default=20_000)
    parser.add_argument("--codings", type=int, default=5_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    rows, extra = run(args.passages, args.codings, args.repeats, args.seed)
    title = (
        f"Re-anchoring: {extra['passages']:,} passages, {extra['characters']:,} characters, "
        f"{extra['codings']:,} codings; edits {extra['edits']}; outcomes {extra['outcomes']}"
    )
    print_table(rows, title)
    write_json(args.out, rows, extra)


if __name__ == "__main__":
    main()
