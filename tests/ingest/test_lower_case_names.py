"""Display names beside a timestamp in Teams .docx and Otter .txt that do not start with a
capital: people type their own ("lukas brandt"), particles ("Ana d'Souza", "d'Souza-Pereira,
Ana"). Times in field notes ("arrival 9:15") stay notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.ingest import ReadDocument, read_document
from tests.ingest.service_files import INTERVIEW, Utterance, docx_bytes, otter_txt, teams_docx


def read(name: str, data: bytes) -> ReadDocument:
    return read_document(Path(name), data=data)


def renamed(names: dict[str, str]) -> tuple[Utterance, ...]:
    return tuple(Utterance(names.get(u.speaker, u.speaker), u.second, u.text) for u in INTERVIEW)


def turn_speakers(doc: ReadDocument) -> list[str]:
    """The speaker of each turn, in order (a turn's first passage starts with its label)."""
    return [
        p.speaker
        for p in doc.passages
        if p.speaker and doc.text[p.start : p.end].startswith(f"{p.speaker}: ")
    ]


NAMES = [
    {
        "Sara Lindqvist": "sara lindqvist",
        "Tomasz Okafor": "tomasz okafor",
        "Ngozi Brennan": "ngozi brennan",
    },
    {"Tomasz Okafor": "tomasz okafor"},
    {"Tomasz Okafor": "Tomasz d'Okafor"},
    {"Tomasz Okafor": "d'Okafor-Pereira, Tomasz"},
    {"Ngozi Brennan": "Ngozi d'Souza"},  # speaks once
    {"Tomasz Okafor": "ana d'souza"},
    {"Sara Lindqvist": "Lindqvist, Sara", "Tomasz Okafor": "de Okafor, Tomasz"},
]


@pytest.mark.parametrize("names", NAMES)
@pytest.mark.parametrize("service", ["teams-docx", "otter-txt", "otter-txt-no-roster"])
def test_every_turn_keeps_its_speaker(names: dict[str, str], service: str) -> None:
    interview = renamed(names)
    if service == "teams-docx":
        doc = read("call.docx", teams_docx(interview))
    else:
        text = otter_txt(interview)
        if service == "otter-txt-no-roster":
            roster = ", ".join(dict.fromkeys(u.speaker for u in interview))
            text = text.replace(f"SPEAKERS\n{roster}\n", "")
        doc = read("call.txt", text.encode())
    expected = [u.speaker for u in interview]
    assert turn_speakers(doc) == expected
    assert set(doc.speakers) == set(expected)


FIELD_NOTES = [
    "arrival 9:15",
    "Met the manager in the hall, very busy morning.",
    "lunch 12:30",
    "Ate with two volunteers, talked about the rota.",
    "departure 15:00",
    "Left by the back gate.",
    "arrival 9:10",
    "Second day, quieter.",
]


@pytest.mark.parametrize(
    "notes",
    [
        FIELD_NOTES,
        [line.replace("lunch", "tesco").replace("arrival", "tesco") for line in FIELD_NOTES],
        [line.replace("departure", "bus 7") for line in FIELD_NOTES],
    ],
)
@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_times_in_field_notes_are_no_turns(notes: list[str], fmt: str) -> None:
    if fmt == "docx":
        doc = read("notes.docx", docx_bytes(notes))
    else:
        doc = read("notes.txt", "\n".join(notes).encode())
    assert doc.speakers == []
    assert all(p.speaker is None for p in doc.passages)


def test_a_time_in_lower_case_inside_an_answer_stays_the_answer() -> None:
    """A lower-case word beside a time among capitalised speakers is part of the words."""
    paragraphs = [
        "Sara Lindqvist   0:04",
        "What happens on a visit?",
        "Tomasz Okafor   0:13",
        "We keep a log like this:",
        "arrival 9:15",
        "and then the session itself.",
        "Sara Lindqvist   0:31",
        "And after?",
        "Tomasz Okafor   0:40",
        "Another line:",
        "arrival 14:00",
    ]
    doc = read("call.docx", docx_bytes(paragraphs))
    assert turn_speakers(doc) == ["Sara Lindqvist", "Tomasz Okafor"] * 2
    assert doc.speakers == ["Sara Lindqvist", "Tomasz Okafor"]
