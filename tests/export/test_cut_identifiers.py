"""A quote whose edge cuts through an identifier still has the identifier redacted whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_helpers import Interview, build_project, read_back

from qualcode.export.build import build_quote_set
from qualcode.export.model import FORMATS, QuoteOptions
from qualcode.export.write import write_quote_set

# Written in lower case, as speech recognition often leaves names: only the whole name is known.
ANSWER = (
    "Honestly, the kakaminvor trust never rang back. We met at anne-marie o'neill's office "
    "last week, and it rained."
)
TEXT = f"Interviewer: How is it going?\n\nTomasz: {ANSWER}\n\nInterviewer: Thanks.\n"


def cut(after: str) -> int:
    """The offset just after the first occurrence of `after` in TEXT."""
    return TEXT.index(after) + len(after)


@pytest.mark.parametrize("context", [0, 1])
@pytest.mark.parametrize(
    ("start", "end"),
    [
        (cut("Tomasz: "), cut("the kakaminvor")),  # ends inside "kakaminvor trust"
        (cut("the kaka"), cut("rang back.")),  # starts inside it
        (cut("We met at "), cut("anne-marie")),  # ends inside "anne-marie o'neill"
        (cut("anne-marie o'"), cut("it rained.")),  # starts inside it
    ],
)
def test_an_identifier_cut_by_the_quote_is_redacted(
    tmp_path: Path, start: int, end: int, context: int
) -> None:
    interview = Interview("Interviewee 1", TEXT, {"organisation_type": "charity"})
    identifiers = [
        ("Interviewee 1", "organisation", "Kakaminvor Trust"),
        ("Interviewee 1", "name", "Anne-Marie O'Neill"),
    ]
    project = build_project(
        tmp_path / "p.qc", [interview], identifiers, [(1, "contracts", "ana", start, end)]
    )
    try:
        with project.read() as session:
            quote_set = build_quote_set(session, QuoteOptions(context=context))
    finally:
        project.close()
    [quote] = quote_set.all_quotes()
    assert "[organisation]" in quote.text or "[name]" in quote.text
    for fmt in FORMATS:
        path = tmp_path / f"quotes.{fmt}"
        write_quote_set(quote_set, path, fmt)
        exported = read_back(path).lower()
        assert "kakaminvor" not in exported and "neill" not in exported, fmt
        assert "anne" not in exported.replace("[name]", ""), fmt
