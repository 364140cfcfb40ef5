"""A small coded project for export tests: three interviews, two coders, registered names."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from export_helpers import Interview, build_project

from qualcode.store.db import Project

FIRST = (
    "Interviewer: How is the work funded?\n\n"
    "Marcus: Mostly contracts with the council. The tender was brutal and we lost money. "
    "Tolver Valley Recovery only survived because Jo Pinder cut costs.\n\n"
    "Interviewer: And the prison?\n\n"
    "Marcus: Sessions at HMP Calderbrook get cancelled at short notice. It happens every week. "
    "Marcus's team just waits.\n"
)
SECOND = (
    "Interviewer: Tell me about grants.\n\n"
    "Helen: The grant from the Alder Foundation ended in March. We wrote <b>bold</b> & "
    '"quoted" *notes* for =SUM(A1). Ring Helen Marsh on 0161 496 0732.\n'
)
THIRD = """Interviewer: Anything on funding?

Sam: Contracts are short. Grants are shorter. Nobody plans beyond a year.
"""
INTERVIEWS = [
    Interview(
        "Interviewee 1",
        FIRST,
        {"organisation_type": "Drug treatment charity", "size": "small"},
        "marcus-ellery-tolver.txt",
    ),
    Interview("Interviewee 2", SECOND, {"organisation_type": "Housing charity", "size": "large"}),
    Interview("Interviewee 10", THIRD, {"size": "small"}),
]
IDENTIFIERS = [
    ("Interviewee 1", "name", "Marcus Ellery"),
    ("Interviewee 1", "organisation", "Tolver Valley Recovery"),
    ("Interviewee 1", "place", "HMP Calderbrook"),
    ("Interviewee 2", "name", "Helen Marsh"),
    ("Interviewee 2", "organisation", "Alder Foundation"),
    ("Interviewee 10", "name", "Sam Okoro"),
]


def span(text: str, phrase: str) -> tuple[int, int]:
    """Offsets of a phrase in a text."""
    start = text.index(phrase)
    return start, start + len(phrase)


def passage(text: str, speaker: str, words: str) -> tuple[int, int]:
    """Offsets of the speaker turn (label included) holding these words."""
    start = text.rindex(f"{speaker}:", 0, text.index(words))
    return start, text.index("\n", start)


def codings() -> list[tuple[int, str, str, int, int]]:
    rows: list[tuple[int, str, str, int, int]] = []
    whole = passage(FIRST, "Marcus", "Mostly contracts")
    for coder in ("ana", "ben"):
        rows.append((1, "contracts", coder, *whole))
    rows.append((1, "grants", "ana", *whole))
    rows.append((1, "prisons", "ana", *span(FIRST, "ssions at HMP Calderbrook get cancel")))
    rows.append((1, "prisons", "ben", *span(FIRST, "Sessions at HMP Calderbrook get cancelled at")))
    rows.append((2, "grants", "ana", *passage(SECOND, "Helen", "The grant")))
    rows.append((2, "funding", "ben", *span(SECOND, "The grant from the Alder Foundation")))
    rows.append((3, "contracts", "ben", *span(THIRD, "Contracts are short.")))
    rows.append((3, "grants", "ben", *span(THIRD, "Grants are shorter.")))
    return rows


@pytest.fixture
def small_project(tmp_path: Path) -> Iterator[Project]:
    project = build_project(tmp_path / "small.qc", INTERVIEWS, IDENTIFIERS, codings())
    yield project
    project.close()
