"""A small coded project for memo tests: two interviews, two coders, registered names."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.export.export_helpers import Interview, build_project

FIRST = (
    "Interviewer: How is the work funded?\n\n"
    "Marcus: Mostly contracts with the council. The tender was brutal and we lost money.\n\n"
    "Interviewer: And the prison?\n\n"
    "Marcus: Sessions at HMP Calderbrook get cancelled at short notice. It happens every week.\n"
)
SECOND = (
    "Interviewer: Tell me about grants.\n\n"
    "Helen: The grant from the Alder Foundation ended in March. Nobody plans beyond a year.\n"
)
IDENTIFIERS = [
    ("Interviewee 1", "name", "Marcus Ellery"),
    ("Interviewee 1", "place", "HMP Calderbrook"),
    ("Interviewee 2", "name", "Helen Marsh"),
    ("Interviewee 2", "organisation", "Alder Foundation"),
]


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.fixture
def memo_project(tmp_path: Path) -> Path:
    """The project file, closed: coding 1 is ana's `contracts` on document 1's passage 2,
    coding 2 ben's `prisons` on its passage 4, coding 3 ana's `grants` on document 2."""
    path = tmp_path / "study.qc"
    codings = [
        (1, "contracts", "ana", *_span(FIRST, "Mostly contracts with the council")),
        (1, "prisons", "ben", *_span(FIRST, "Sessions at HMP Calderbrook get cancelled")),
        (2, "grants", "ana", *_span(SECOND, "The grant from the Alder Foundation ended")),
    ]
    interviews = [Interview("Interviewee 1", FIRST), Interview("Interviewee 2", SECOND)]
    build_project(path, interviews, IDENTIFIERS, codings).close()
    return path
