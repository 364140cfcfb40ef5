"""A participant who answers under their name only once (or under a different form each time),
beside an "Interviewer:" who asks: their words are theirs, not the interviewer's, which exports
would leave out as questions."""

from __future__ import annotations

from pathlib import Path

import pytest
import service_files as sf

from qualcode.ingest import read_document

ONCE = [
    "Interviewer: How is the work funded these days?",
    "Grace Adeyemi: Mostly contracts, and a small grant from a trust.",
    "Interviewer: Thank you, that is everything I wanted to ask.",
]
TWO_FORMS = [
    "Interviewer: How is the work funded these days?",
    "Grace Adeyemi: Mostly contracts.",
    "Interviewer: And the prison work?",
    "Grace: Two groups a week on the wing.",
]
# Notes whose "Word:" lines are topics, not people.
TOPICS = [
    "Interviewer: Sara",
    "Funding: contracts mostly, one grant",
    "Interviewer: asked about prisons",
    "Prisons: two of them, both local",
]


def speakers(name: str, paragraphs: list[str]) -> list[str | None]:
    if name.endswith(".docx"):
        data = sf.docx_bytes(paragraphs)
    else:
        data = "\n\n".join(paragraphs).encode("utf-8")
    return [p.speaker for p in read_document(Path(name), data=data).passages]


@pytest.mark.parametrize("name", ["notes.txt", "notes.docx", "notes.md"])
def test_a_named_answer_said_once_is_the_participants(name: str) -> None:
    assert speakers(name, ONCE) == ["Interviewer", "Grace Adeyemi", "Interviewer"]
    assert speakers(name, TWO_FORMS) == ["Interviewer", "Grace Adeyemi", "Interviewer", "Grace"]


@pytest.mark.parametrize("name", ["notes.txt", "notes.docx"])
def test_topic_lines_beside_an_interviewer_stay_the_interviewers_notes(name: str) -> None:
    found = speakers(name, TOPICS)
    assert "Funding" not in found and "Prisons" not in found
    assert found[-2:] == ["Interviewer", "Interviewer"]
