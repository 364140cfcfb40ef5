"""Name and identifier detection: precision and recall per kind on labelled sentences, and speed.

    python -m benchmarks.names [--out FILE] [--words 100000] [--show]

Runs `find_residual` (nothing registered) on each sentence of benchmarks/names_sentences.py.
A finding is right when it overlaps a labelled identifier of its kind; organisations and places
("other") may be flagged as anything but are not required. A finding that overlaps no label is
a false alarm: an everyday word that would be redacted. Then times find_residual (CPU time) on a
synthetic transcript of --words words and on one a tenth of that, to show it grows linearly.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from benchmarks.corpus import WordSampler, transcript
from benchmarks.names_sentences import HELD_OUT_SECTIONS, SECTIONS
from benchmarks.report import Row, print_table, write_json
from qualcode.anonymise.check import find_residual
from qualcode.anonymise.redactor import Redactor

DEFAULT_OUT = Path("benchmarks/results/names.json")
MARK = re.compile(r"\[\[(\w+):(.+?)\]\]")
KINDS = (
    "name", "email", "url", "handle", "phone", "postcode", "ni_number", "nhs_number",
    "prison_number",
)  # fmt: skip
# Organisations and places: any kind of finding on them is fine.
OTHER = "other"


@dataclass(frozen=True)
class Label:
    start: int
    end: int
    kind: str


@dataclass
class Sentence:
    section: str
    text: str
    labels: list[Label]


@dataclass
class Tally:
    """Counts for one kind."""

    labelled: int = 0
    found: int = 0  # labels of this kind overlapped by a finding of this kind
    predicted: int = 0
    right: int = 0  # predictions of this kind overlapping a label of this kind
    other_kind: list[str] = field(default_factory=list)  # overlapping a label of another kind
    missed: list[str] = field(default_factory=list)


def parse(section: str, line: str) -> Sentence:
    """A marked-up line as plain text and its labelled spans."""
    text, labels, position = [], [], 0
    for match in MARK.finditer(line):
        text.append(line[position : match.start()])
        start = sum(len(piece) for piece in text)
        text.append(match.group(2))
        labels.append(Label(start, start + len(match.group(2)), match.group(1)))
        position = match.end()
    text.append(line[position:])
    return Sentence(section, "".join(text), labels)


def sentences(sections: dict[str, str]) -> list[Sentence]:
    return [
        parse(section, line.strip())
        for section, block in sections.items()
        for line in block.strip().splitlines()
        if line.strip()
    ]


def _overlaps(start: int, end: int, label: Label) -> bool:
    return start < label.end and label.start < end


def score(items: list[Sentence]) -> tuple[dict[str, Tally], list[tuple[str, str, str]], int]:
    """Tallies per kind, false alarms (value, kind, sentence) and labels missed by every kind."""
    redactor = Redactor([])
    tallies = {kind: Tally() for kind in KINDS}
    alarms: list[tuple[str, str, str]] = []
    missed_any = 0
    for item in items:
        spans = [
            (offset, offset + len(f.value), f.kind)
            for f in find_residual(item.text, redactor)
            for offset in f.offsets
        ]
        for label in item.labels:
            if label.kind in tallies:
                tallies[label.kind].labelled += 1
                if any(k == label.kind and _overlaps(s, e, label) for s, e, k in spans):
                    tallies[label.kind].found += 1
                else:
                    tallies[label.kind].missed.append(item.text[label.start : label.end])
            if label.kind != OTHER and not any(_overlaps(s, e, label) for s, e, _ in spans):
                missed_any += 1
        for start, end, kind in spans:
            hit = [label for label in item.labels if _overlaps(start, end, label)]
            tally = tallies.get(kind)
            if tally is not None:
                tally.predicted += 1
                if any(label.kind == kind for label in hit):
                    tally.right += 1
                elif hit:  # e.g. a place taken for a person: redacted, but not right
                    tally.other_kind.append(item.text[start:end])
            if not hit:
                alarms.append((item.text[start:end], kind, item.text))
    return tallies, alarms, missed_any


def speed(words: int) -> tuple[float, float, int]:
    """CPU seconds find_residual takes on transcripts of words/10 and of words words (CPU time,
    as the machine is shared: wall time varies with the load), and the findings in the larger."""
    sampler = WordSampler()
    small, _ = transcript(random.Random(2), sampler, max(1, words // 10))
    large, _ = transcript(random.Random(3), sampler, words)
    redactor = Redactor([])
    find_residual("Warm up: Siobhan Keane rang.", redactor)  # loads the lexicons, not timed
    started = time.process_time()
    find_residual(small, redactor)
    small_seconds = time.process_time() - started
    started = time.process_time()
    findings = find_residual(large, redactor)
    return small_seconds, time.process_time() - started, len(findings)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def held_out_rows(items: list[Sentence]) -> list[Row]:
    """Name figures on the sentences written after tuning (the fairer estimate)."""
    tallies, alarms, missed_any = score(items)
    names = tallies["name"]
    found = sum(t.found for t in tallies.values())
    labelled = sum(t.labelled for t in tallies.values())
    return [
        Row("held out: sentences", len(items), "sentences"),
        Row("held out: name recall", _ratio(names.found, names.labelled), f"of {names.labelled}"),
        Row(
            "held out: name precision",
            _ratio(names.right, names.predicted),
            f"of {names.predicted}",
        ),
        Row("held out: recall, right kind", _ratio(found, labelled), f"of {labelled}"),
        Row("held out: missed by every kind", missed_any, "labels"),
        Row("held out: false alarms", len(alarms), "findings", "0"),
    ]


def rows(items: list[Sentence], tallies: dict[str, Tally], alarms: list[Any]) -> list[Row]:
    out = [Row("sentences", len(items), "sentences")]
    for kind, t in tallies.items():
        out.append(Row(f"{kind} recall", _ratio(t.found, t.labelled), f"of {t.labelled}"))
        out.append(Row(f"{kind} precision", _ratio(t.right, t.predicted), f"of {t.predicted}"))
    plain = [s for s in items if not s.labels]
    plain_words = sum(len(s.text.split()) for s in plain)
    plain_alarms = sum(1 for _, _, text in alarms if text in {s.text for s in plain})
    out.append(Row("false alarms, all sentences", len(alarms), "findings", "0"))
    out.append(Row("false alarms, sentences with no label", plain_alarms, f"in {len(plain)}"))
    out.append(
        Row("false alarms per 1,000 words (no label)", 1000 * plain_alarms / plain_words, "")
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.names", description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results file")
    parser.add_argument("--words", type=int, default=100_000, help="words in the timed text")
    parser.add_argument("--show", action="store_true", help="list misses and false alarms")
    args = parser.parse_args(argv)
    if args.words < 10:
        print("error: --words must be at least 10", file=sys.stderr)
        return 2
    console = Console()
    items = sentences(SECTIONS)
    tallies, alarms, missed_any = score(items)
    held_out = sentences(HELD_OUT_SECTIONS)
    small, large, found = speed(args.words)
    table = rows(items, tallies, alarms)
    table.append(Row("identifiers missed by every kind", missed_any, "labels"))
    table += held_out_rows(held_out)
    table.append(Row(f"find_residual on {args.words // 10:,} words", small, "CPU s"))
    table.append(Row(f"find_residual on {args.words:,} words", large, "CPU s", "< 1", large < 1.0))
    table.append(Row("time ratio, 10x the words", large / small if small else 0.0, "x", "~10"))
    print_table(table, "qualcode: detection of unregistered identifiers", console)
    by_word = Counter((value, kind) for value, kind, _ in alarms)
    if alarms:
        console.print("false alarms: " + escape(", ".join(f"{v} ({k})" for (v, k) in by_word)))
    if args.show:
        _, held_alarms, _ = score(held_out)
        console.print(escape(f"held out, false alarms: {[(v, k) for v, k, _ in held_alarms]}"))
        for kind, t in [
            *tallies.items(),
            *(("held out " + k, t) for k, t in score(held_out)[0].items()),
        ]:
            if t.other_kind:
                console.print(escape(f"{kind} on another kind's label: {t.other_kind}"))
            if t.missed:
                console.print(escape(f"{kind} missed: {t.missed}"))
    extra = {
        "false_alarms": [{"value": v, "kind": k, "sentence": s} for v, k, s in alarms],
        "findings_in_timed_text": found,
    }
    write_json(args.out, table, extra)
    console.print(escape(f"results written to {args.out}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
