"""Speakers as services print display names: titles, initials, particles, "Surname, First"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import service_files as sf

from qualcode.ingest import ReadDocument, read_document

# Display names as Teams, Zoom and Otter print them: a title with a dot, a surname particle,
# a directory name with the organisation in brackets, pronouns, an initial.
NAMES = ["Dr. Ade Bello", "Maria de la Cruz", "Lee, Sara (Justice Dept)", "Tomás Ó B."]
INTERVIEW = tuple(
    sf.Utterance(NAMES[i % len(NAMES)], 5 + 20 * i, f"Turn {i + 1}: {text}")
    for i, text in enumerate(
        [
            "Thanks for making the time today.",
            "Happy to help, we run a housing charity.",
            "I sit on the commissioning panel.",
            "And I chair the local partnership.",
            "How did the contract come about?",
            "It went out to open tender last spring.",
        ]
    )
)

FORMATS: dict[str, tuple[str, Callable[[], str | bytes]]] = {
    "otter txt": ("otter.txt", lambda: sf.otter_txt(INTERVIEW)),
    "teams docx": ("teams.docx", lambda: sf.teams_docx(INTERVIEW)),
    "rev": ("rev.txt", lambda: sf.rev_txt(INTERVIEW)),
    "trint": ("trint.txt", lambda: sf.trint_txt(INTERVIEW)),
    "happy scribe": ("scribe.txt", lambda: sf.happy_scribe_txt(INTERVIEW)),
    "zoom txt": ("zoom.txt", lambda: sf.zoom_txt(INTERVIEW)),
    "google meet": ("meet.txt", lambda: sf.meet_txt(INTERVIEW)),
    "zoom vtt": ("zoom.vtt", lambda: sf.zoom_vtt(INTERVIEW)),
    "sbv captions": ("captions.sbv", lambda: sf.sbv(INTERVIEW)),
}


def read(name: str, content: str | bytes) -> ReadDocument:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return read_document(Path(name), data=data)


@pytest.mark.parametrize("key", list(FORMATS))
def test_display_names_are_speakers_of_their_own_turns(key: str) -> None:
    name, build = FORMATS[key]
    doc = read(name, build())
    turns = [p for p in doc.passages if p.speaker]
    assert [p.speaker for p in turns] == [u.speaker for u in INTERVIEW]
    assert set(NAMES) <= set(doc.speakers)
    for passage, utterance in zip(turns, INTERVIEW, strict=True):
        text = doc.text[passage.start : passage.end]
        # the label once, then the words: no other speaker's label, no timestamp
        assert text == f"{utterance.speaker}: {utterance.text}"


def test_zoom_captions_with_pronouns_and_names_without_capitals() -> None:
    vtt = _captions(
        "Sara Lee (she/her): So let's begin.",
        "王伟: 你好，我们开始吧。",
        "Sara Lee (she/her): What does your organisation do?",
        "王伟: 我们经营一家慈善机构。",
    )
    doc = read("zoom.vtt", vtt)
    assert [p.speaker for p in doc.passages] == ["Sara Lee (she/her)", "王伟"] * 2
    assert doc.speakers == ["Sara Lee (she/her)", "王伟"]


def test_words_before_a_colon_in_captions_are_still_no_speaker() -> None:
    vtt = _captions(
        "Interviewer: How is the contract going?",
        "Note: the line dropped here.",
        "Interviewer: Shall we carry on?",
        "Well, honestly: badly.",
    )
    doc = read("zoom.vtt", vtt)
    assert doc.speakers == []
    assert {p.speaker for p in doc.passages} == {"Interviewer"}  # the lines continue turns
    assert "Note: the line dropped here." in doc.text
    assert "Well, honestly: badly." in doc.text


def meet_paragraphs(turns: int) -> list[str]:
    """Google Meet's transcript (a Google Doc saved as .docx): a time every ten turns."""
    paragraphs = [
        "Partnership interview (2024-05-14 10:02 GMT+1) - Transcript",
        "Attendees",
        "Sara Lindqvist, Tomasz Okafor, Ngozi Brennan",
        "Transcript",
        "This editable transcript was computer generated and might contain errors.",
    ]
    for n in range(turns):
        if n % 10 == 0:
            paragraphs.append(f"00:{n // 2:02d}:00")
        speaker = "Sara Lindqvist" if n % 2 == 0 else "Tomasz Okafor"
        if n == 7:
            speaker = "Ngozi Brennan"  # speaks once
        paragraphs.append(f"{speaker}: Turn {n + 1} about the contract.")
    return [*paragraphs, f"Meeting ended after 00:{turns // 2:02d}:12 👋"]


@pytest.mark.parametrize("kind", ["docx", "txt"])
def test_google_meet_times_every_few_minutes(kind: str) -> None:
    paragraphs = meet_paragraphs(60)
    data = sf.docx_bytes(paragraphs) if kind == "docx" else "\n".join(paragraphs)
    doc = read(f"meet.{kind}", data)
    turns = [p for p in doc.passages if p.speaker]
    assert len(turns) == 60
    for n, passage in enumerate(turns):
        text = doc.text[passage.start : passage.end]
        assert text == f"{passage.speaker}: Turn {n + 1} about the contract."
    assert turns[7].speaker == "Ngozi Brennan"
    assert turns[10].meta == {"begin": "00:05:00.000"}
    assert doc.text.endswith("\n\nMeeting ended after 00:30:12 👋")


def _captions(*lines: str) -> str:
    """A WebVTT file with one numbered one-second cue per line."""
    return "WEBVTT\n\n" + "\n\n".join(
        f"{n}\n00:00:{n:02d}.000 --> 00:00:{n + 1:02d}.000\n{line}"
        for n, line in enumerate(lines, start=1)
    )
