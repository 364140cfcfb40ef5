"""Dialogue whose "Name: words" labels are display names: a directory name ("Achterberg,
Yvonne:"), an initial ("Yvonne A.:"), particles ("Maria de la Cruz:") — and sentences of notes
with a comma or a dot before a colon that stay text."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.ingest import ReadDocument, read_document
from tests.ingest.service_files import docx_bytes

QUESTIONS = ["How does the money reach you?", "And the prison work?", "Who decides that?"]
ANSWERS = ["Mostly subcontracts.", "Two groups a week.", "The governor, in the end."]


def read(name: str, data: bytes) -> ReadDocument:
    return read_document(Path(name), data=data)


def dialogue(interviewer: str, participant: str, turns: int = 3) -> list[str]:
    lines = []
    for question, answer in list(zip(QUESTIONS, ANSWERS, strict=True))[:turns]:
        lines += [f"{interviewer}: {question}", f"{participant}: {answer}"]
    return lines


def turns(doc: ReadDocument) -> list[tuple[str | None, str]]:
    return [(p.speaker, doc.text[p.start : p.end]) for p in doc.passages]


@pytest.mark.parametrize(
    "participant",
    [
        "Achterberg, Yvonne",
        "Yvonne A.",
        "Maria de la Cruz",
        "Ana d'Souza",
        "d'Souza-Pereira, Ana",
        "van der Berg, Pieter",
        "Dr. Ade Bello",
        "Mrs. Y. Achterberg",
        "Achterberg, Yvonne (Northfield Trust)",
        "Maria Fernanda Lopez Garcia",
    ],
)
@pytest.mark.parametrize("fmt", ["txt", "docx", "txt-no-blank-lines"])
def test_every_answer_keeps_the_participant(participant: str, fmt: str) -> None:
    lines = dialogue("Lukas Brandt", participant)
    if fmt == "docx":
        doc = read("interview.docx", docx_bytes(lines))
    else:
        joiner = "\n" if fmt == "txt-no-blank-lines" else "\n\n"
        doc = read("interview.txt", joiner.join(lines).encode())
    assert doc.speakers == ["Lukas Brandt", participant]
    assert [speaker for speaker, _ in turns(doc)] == ["Lukas Brandt", participant] * 3
    assert turns(doc)[1] == (participant, f"{participant}: {ANSWERS[0]}")


def test_a_display_name_said_once_in_a_dialogue_is_a_speaker() -> None:
    lines = [
        "Lukas Brandt: How does the money reach you?",
        "Grace Obi: Mostly subcontracts.",
        "Lukas Brandt: And the prison work?",
        "Achterberg, Yvonne: Sorry to cut in, I run that: two groups a week.",
        "Grace Obi: She does.",
    ]
    doc = read("interview.txt", "\n\n".join(lines).encode())
    assert [s for s, _ in turns(doc)] == [
        "Lukas Brandt",
        "Grace Obi",
        "Lukas Brandt",
        "Achterberg, Yvonne",
        "Grace Obi",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "However, the prison: it was never going to work.",
        "Well, yes: that is how it goes.",
        "So I said: no more.",
        "Dr. Smith said: come back next week.",
        "10.30: arrived at the office.",
        "Funding, Grants: mostly from trusts.",
        "Mr. and Mrs. Smith: both volunteers.",
        "St. Mary's, Leeds: the hub we share.",
        "London, Leeds, Hull: the three sites.",
        "However, Grace: she disagreed.",
    ],
)
def test_sentences_of_notes_are_no_labels(sentence: str) -> None:
    """Each sentence twice in notes between two speakers' turns: still the speaker's words."""
    lines = [
        "Lukas Brandt: How does the money reach you?",
        "Grace Obi: Mostly subcontracts.",
        sentence,
        "Lukas Brandt: And the prison work?",
        "Grace Obi: Two groups a week.",
        sentence,
    ]
    doc = read("interview.txt", "\n\n".join(lines).encode())
    assert doc.speakers == ["Lukas Brandt", "Grace Obi"]
    assert [s for s, _ in turns(doc)] == ["Lukas Brandt", "Grace Obi", "Grace Obi"] * 2


def test_a_directory_name_in_notes_said_once_is_no_turn() -> None:
    """Notes (no dialogue) that mention a name before a colon once keep it as text."""
    text = (
        "Visit to the Northfield hub.\n\nWe met three staff and saw the workshop.\n\n"
        "Achterberg, Yvonne: manager, 12 years in post.\n\nFollow up in March."
    )
    doc = read("notes.txt", text.encode())
    assert doc.speakers == []
    assert all(p.speaker is None for p in doc.passages)


@pytest.mark.parametrize("participant", ["Achterberg, Yvonne", "Dr. Ade Bello", "Yvonne A."])
def test_a_label_alone_on_its_line_joins_the_words_below(participant: str) -> None:
    """A Word file's "Achterberg, Yvonne:" paragraph, then the answer: one passage."""
    paragraphs = []
    for question, answer in zip(QUESTIONS, ANSWERS, strict=True):
        paragraphs += ["Lukas Brandt:", question, f"{participant}:", answer]
    doc = read("interview.docx", docx_bytes(paragraphs))
    assert turns(doc)[1] == (participant, f"{participant}:\n\n{ANSWERS[0]}")
    assert [s for s, _ in turns(doc)] == ["Lukas Brandt", participant] * 3
