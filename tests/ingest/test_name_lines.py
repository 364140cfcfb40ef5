"""Transcripts exported without timestamps: a speaker's name alone on its line, the words
below (Otter's .txt, or a Word file of the same). Notes with names or topics over their
sections stay notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.ingest import ReadDocument, read_document
from tests.ingest.service_files import INTERVIEW, docx_bytes

SPEAKERS = list(dict.fromkeys(u.speaker for u in INTERVIEW))


def read(name: str, data: bytes) -> ReadDocument:
    return read_document(Path(name), data=data)


def untimed_lines(*, roster: bool, footer: bool) -> list[str]:
    lines = ["SPEAKERS", ", ".join(SPEAKERS), ""] if roster else []
    for u in INTERVIEW:
        lines += [u.speaker, u.text, ""]
    return [*lines, "Transcribed by https://otter.ai"] if footer else lines


def turn_speakers(doc: ReadDocument) -> list[str]:
    return [
        p.speaker
        for p in doc.passages
        if p.speaker and doc.text[p.start : p.end].startswith(f"{p.speaker}: ")
    ]


@pytest.mark.parametrize("roster", [True, False])
@pytest.mark.parametrize("footer", [True, False])
@pytest.mark.parametrize("fmt", ["txt", "docx", "txt-crlf"])
def test_each_turn_has_its_speaker(roster: bool, footer: bool, fmt: str) -> None:
    lines = untimed_lines(roster=roster, footer=footer)
    if fmt == "docx":
        doc = read("call.docx", docx_bytes(lines))
    else:
        joiner = "\r\n" if fmt == "txt-crlf" else "\n"
        doc = read("call.txt", joiner.join(lines).encode())
    assert turn_speakers(doc) == [u.speaker for u in INTERVIEW]
    assert set(doc.speakers) == set(SPEAKERS)
    assert doc.layout == ("otter" if roster or footer else "names")
    words = [doc.text[p.start : p.end] for p in doc.passages if p.speaker == "Ngozi Brennan"]
    assert words == [f"Ngozi Brennan: {INTERVIEW[4].text}"]


PROFILES = [
    "Visit notes, 14 May",
    "",
    "Grace Adeyemi-Brown",
    "Runs the mentoring scheme; eleven staff. Worried about the contract length.",
    "",
    "Siobhan O'Neill",
    "Finance lead. Says the arrears nearly sank one partner.",
    "",
    "Tomasz Okafor",
    "Youth employment programme, forty staff.",
]
SECTIONS = [
    "Northfield Trust",
    "",
    "Background",
    "Founded in 1990 as a tenants' group.",
    "",
    "Funding",
    "Mostly subcontracts from the prime provider.",
    "",
    "Partnerships",
    "Shares a room with the housing charity.",
    "",
    "Funding",
    "A second note on grants.",
]
SAME_NAME = [
    "Grace Adeyemi-Brown",
    "First visit: she showed us the workshop.",
    "",
    "Grace Adeyemi-Brown",
    "Second visit: the rota had changed.",
    "",
    "Grace Adeyemi-Brown",
    "Third visit: the contract was renewed.",
]
ANSWERS = [
    "Interview 4",
    "",
    "So the contract came in March.",
    "Mhm",
    "And we had six weeks to staff it.",
    "",
    "Right",
    "Then the prison changed the rules.",
    "",
    "Mhm",
    "Which nobody told us about.",
]


@pytest.mark.parametrize("notes", [PROFILES, SECTIONS, SAME_NAME, ANSWERS])
@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_notes_with_names_or_topics_over_sections_stay_notes(notes: list[str], fmt: str) -> None:
    if fmt == "docx":
        doc = read("notes.docx", docx_bytes(notes))
    else:
        doc = read("notes.txt", "\n".join(notes).encode())
    assert doc.speakers == []
    assert all(p.speaker is None for p in doc.passages)
