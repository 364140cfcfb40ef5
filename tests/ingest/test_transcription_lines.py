"""Teams' "Sara Lee started transcription" lines stand alone; words that end so stay speech."""

from __future__ import annotations

from pathlib import Path

import pytest
import service_files as sf

from qualcode.ingest import ReadDocument, read_document

LEE, OKAFOR = "Sara Lindqvist", "Tomasz Okafor"


def interview(said: str) -> tuple[sf.Utterance, ...]:
    return (
        sf.Utterance(LEE, 4, "How did the sessions on the wing go?"),
        sf.Utterance(OKAFOR, 13, said),
        sf.Utterance(LEE, 41, "And after that?"),
        sf.Utterance(OKAFOR, 50, "We started again in the spring."),
    )


def read(name: str, content: str | bytes) -> ReadDocument:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return read_document(Path(name), data=data)


SAID = [
    "I think the prison stopped transcription",
    "Then the governor stopped transcription",
    "Officers stopped transcription",
    "Everybody started transcription",
]
FILES = {
    "teams.docx": lambda u: sf.teams_docx(u),
    "teams-time-first.docx": lambda u: sf.teams_docx(u, time_first=True),
    "otter.txt": lambda u: sf.otter_txt(u),
}


@pytest.mark.parametrize("said", SAID)
@pytest.mark.parametrize("name", list(FILES))
def test_speech_ending_in_transcription_stays_the_speakers_turn(name: str, said: str) -> None:
    doc = read(name, FILES[name](interview(said)))
    turns = [(p.speaker, doc.text[p.start : p.end]) for p in doc.passages if p.speaker]
    assert turns == [
        (LEE, f"{LEE}: How did the sessions on the wing go?"),
        (OKAFOR, f"{OKAFOR}: {said}"),
        (LEE, f"{LEE}: And after that?"),
        (OKAFOR, f"{OKAFOR}: We started again in the spring."),
    ]


@pytest.mark.parametrize("who", [LEE, "jo", "Lee, Sara (Justice)", "Dr. Ade Bello"])
def test_teams_lines_saying_who_started_transcription_stand_alone(who: str) -> None:
    paragraphs = ["Partnership interview-20240514_100212-Meeting Recording", "8m 5s"]
    paragraphs.append(f"{who} started transcription")
    for u in interview("It went well until the lockdown."):
        paragraphs += [f"{u.speaker}   {sf.clock(u.second)}", u.text]
    paragraphs.append(f"{who} stopped transcription")
    doc = read("teams.docx", sf.docx_bytes(paragraphs))
    assert doc.layout == "teams"
    alone = [doc.text[p.start : p.end] for p in doc.passages if p.speaker is None]
    assert f"{who} started transcription" in alone
    assert alone[-1] == f"{who} stopped transcription"
    assert [p.speaker for p in doc.passages if p.speaker] == [LEE, OKAFOR, LEE, OKAFOR]
