"""Benchmark redaction in a quote export: a 200-quote export over a registry of 150 identifiers.

    python -m benchmarks.redact_export [--docs 20] [--words 6000] [--quotes 200] [--repeats 3]

Synthetic transcripts (benchmarks.corpus) mention registered people, organisations and places,
many of them punctuation-heavy (O'Neill, St. Giles Trust, Smith & Jones). Timed: building the
redactor, finding every span in the 200 quote windows, the residual check over whole
documents, and the whole export (build_quote_set and writing Markdown).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from benchmarks.corpus import WordSampler, transcript
from benchmarks.report import Row, median, print_table
from benchmarks.vocab import FIRST_NAMES, PLACES, SURNAMES
from qualcode.anonymise.check import find_residual
from qualcode.anonymise.redactor import Redactor
from qualcode.anonymise.registry import registry_entries
from qualcode.codebook.types import CodebookSpec, CodeSpec
from qualcode.export.build import build_quote_set
from qualcode.export.model import QuoteOptions
from qualcode.export.write import write_quote_set
from qualcode.ingest import read_document
from qualcode.project import new_project
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding
from qualcode.store.documents import add_document, add_identifiers
from qualcode.store.models import Coding, Document

PUNCTUATED = [
    ("name", "Mary O'Neill"), ("name", "Siobhán D’Souza"), ("name", "Zoë Brady-O'Brien"),
    ("organisation", "Women's Aid"), ("organisation", "St. Giles Trust"),
    ("organisation", "St Mungo's"), ("organisation", "Smith & Jones Ltd"),
    ("organisation", "Barnardo's"), ("organisation", "The Children's Society"),
]  # fmt: skip
CODEBOOK = CodebookSpec(
    name="Bench", description="", codes=[CodeSpec(key="theme", name="Theme", description="")]
)


def build(folder: Path, docs: int, words: int, quotes: int, seed: int = 1) -> Path:
    """A project with `docs` transcripts, a registry and `quotes` codings; returns its path."""
    rng = random.Random(seed)
    sampler = WordSampler()
    path = folder / "bench.qc"
    project, _ = new_project(str(path), CODEBOOK, coder="bench")
    names = [f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}" for _ in range(100)]
    mentions = names + [value for _, value in PUNCTUATED] + list(PLACES)
    try:
        with project.write() as session:
            for number in range(1, docs + 1):
                body, _ = transcript(rng, sampler, words)
                sentences = body.split(". ")
                for _ in range(len(sentences) // 8):
                    at = rng.randrange(len(sentences))
                    sentences[at] += f", said {rng.choice(mentions)}"
                read = read_document(Path(f"i{number}.txt"), data=". ".join(sentences).encode())
                add_document(session, read, participant_label=f"Interviewee {number}")
            add_identifiers(session, None, "name", names, source="sheet")
            for kind, value in PUNCTUATED:
                add_identifiers(session, None, kind, [value], source="sheet")
            add_identifiers(session, None, "place", list(PLACES)[:40], source="sheet")
        with project.write() as session:
            code = find_code(session, "theme")
            for index in range(quotes):
                document = session.get(Document, index % docs + 1)
                assert document is not None
                start = rng.randrange(len(document.text) - 400)
                add_coding(session, document, code, "bench", start, start + rng.randint(80, 400))
    finally:
        project.close()
    return path


def measure(path: Path, repeats: int) -> list[Row]:
    """Median timings of the redaction stages over `repeats` runs."""
    from qualcode.store.db import open_project

    project = open_project(str(path))
    timings: dict[str, list[float]] = {"redactor": [], "windows": [], "residual": [], "export": []}
    try:
        with project.read() as session:
            entries = registry_entries(session)
            documents = {d.id: d for d in session.scalars(select(Document))}
            windows = [
                documents[c.document_id].text[max(0, c.start - 200) : c.end + 200]
                for c in session.scalars(select(Coding))
            ]
            for _ in range(repeats):
                started = time.perf_counter()
                redactor = Redactor(entries)
                timings["redactor"].append(time.perf_counter() - started)
                started = time.perf_counter()
                for window in windows:
                    redactor.find(window)
                timings["windows"].append(time.perf_counter() - started)
                started = time.perf_counter()
                for document in documents.values():
                    find_residual(document.text, redactor)
                timings["residual"].append(time.perf_counter() - started)
                started = time.perf_counter()
                quote_set = build_quote_set(session, QuoteOptions(context=1))
                with tempfile.TemporaryDirectory() as out:
                    write_quote_set(quote_set, Path(out) / "q.md", "md")
                timings["export"].append(time.perf_counter() - started)
    finally:
        project.close()
    labels = {
        "redactor": "build the redactor",
        "windows": f"find spans in {len(windows)} quote windows",
        "residual": f"residual check over {len(documents)} documents",
        "export": "export quotes (build + write md)",
    }
    return [Row(labels[k], median(v), "s") for k, v in timings.items()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20)
    parser.add_argument("--words", type=int, default=6000)
    parser.add_argument("--quotes", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = build(Path(folder), args.docs, args.words, args.quotes)
        print_table(measure(path, args.repeats), "Redaction in a quote export")


if __name__ == "__main__":
    main()
