"""An export reads the store in a fixed number of queries, however many documents it quotes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from export_helpers import Interview, build_project
from sqlalchemy import event

from qualcode.export.build import build_quote_set
from qualcode.export.codebook_doc import build_codebook_document
from qualcode.export.model import QuoteOptions
from qualcode.store.db import Project


def _statements(project: Project, options: QuoteOptions | None) -> int:
    """How many SQL statements building the quote set (or, without options, the codebook
    document with its example quotes) sends."""
    sent: list[str] = []

    def count(*args: Any) -> None:
        sent.append(args[2])

    event.listen(project.engine, "before_cursor_execute", count)
    try:
        with project.read() as session:
            if options is None:
                assert any(c.examples for c in build_codebook_document(session).codes)
            else:
                assert build_quote_set(session, options).all_quotes()
    finally:
        event.remove(project.engine, "before_cursor_execute", count)
    return len(sent)


TRANSCRIPT = (
    "Interviewer: How is the work funded?\n\n"
    "{name}: Mostly contracts. Jo Pinder at {place} cut costs and Siobhan left.\n\n"
    "Interviewer: And the prison?\n\n"
    "{name}: Sessions get cancelled at short notice, {number} times this year.\n"
)


def _project(path: Path, documents: int) -> Project:
    """A project of `documents` interviews, each its own participant, every turn coded."""
    interviews, identifiers, codings = [], [], []
    for number in range(1, documents + 1):
        name, label = f"Marcus Ellery{number}", f"Interviewee {number}"
        text = TRANSCRIPT.format(name=name, place=f"Calder{number}", number=number)
        interviews.append(Interview(label, text))
        identifiers.append((label, "name", name))
        start = text.index("Mostly")
        codings.append((number, "contracts", "ana", start, text.index("\n", start)))
        start = text.index("Interviewer: And")
        codings.append((number, "prisons", "ben", start, len(text) - 1))
    return build_project(path, interviews, identifiers, codings)


def test_passages_and_speakers_are_read_once_for_all_documents(tmp_path: Path) -> None:
    # Loading each document's passages or participant names lazily costs a query per document.
    small, large = _project(tmp_path / "small.qc", 1), _project(tmp_path / "large.qc", 6)
    try:
        for options in (QuoteOptions(context=1), QuoteOptions(include_interviewer=True), None):
            assert _statements(large, options) == _statements(small, options)
    finally:
        small.close()
        large.close()
