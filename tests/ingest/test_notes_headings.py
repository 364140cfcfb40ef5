"""Headings over a researcher's own notes in text and Markdown end the last speaker's turn;
an answer's ordinary paragraphs do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.ingest import read_document

DIALOGUE = (
    "Interviewer: Thanks for making the time.\n"
    "Participant: Happy to. We house forty men.\n"
    "Interviewer: And funding?\n"
    "Participant: Rent and two trusts.\n"
)


def passages(name: str, text: str) -> list[tuple[str | None, str]]:
    doc = read_document(Path(name), data=text.encode("utf-8"))
    return [(p.speaker, doc.text[p.start : p.end]) for p in doc.passages]


@pytest.mark.parametrize(
    ("name", "notes"),
    [
        ("h2.txt", "\nReflections after the interview\nShe seemed guarded. Follow up in March."),
        ("h2.txt", "\nMy reflections:\n\nShe seemed guarded. Follow up in March."),
        ("h2.txt", "Researcher notes:\nShe seemed guarded. Follow up in March."),
        ("h2.txt", "\nREFLECTIONS\n\nShe seemed guarded. Follow up in March."),
        ("h2.txt", "\nAfterwards\n===========\nShe seemed guarded. Follow up in March."),
        ("h2.txt", "---\nShe seemed guarded. Follow up in March."),
        ("h2.txt", "\n* * *\n\nShe seemed guarded. Follow up in March."),
        ("h2.md", "\n**Interviewer's notes**\n\nShe seemed guarded. Follow up in March."),
        ("h2.md", "\n## After the call\n\nShe seemed guarded. Follow up in March."),
    ],
)
def test_a_notes_heading_after_the_last_answer_ends_the_turn(name: str, notes: str) -> None:
    found = passages(name, "Interview 8 notes\n\n" + DIALOGUE + notes)
    assert found[4] == ("Participant", "Participant: Rent and two trusts.")
    assert [s for s, _ in found[5:]] == [None] * len(found[5:])
    assert found[-1] == (None, "She seemed guarded. Follow up in March.")


def test_an_answer_over_several_paragraphs_stays_the_speakers() -> None:
    answer = (
        "Participant: Three things, really.\n\n"
        "Background checks take months.\n\n"
        "Funding, mostly\n\n"
        "Notes from the board meeting go nowhere.\n\n"
        "Note: she laughed\n\n"
        "Summary? We are stretched.\n\n"
        "Interview after interview\n"
        "for the same contract.\n\n"
        "And the council\n"
        "---- they never call back.\n"
    )
    found = passages("a.txt", "Interviewer: What gets in the way?\n\n" + answer)
    assert [s for s, _ in found] == ["Interviewer"] + ["Participant"] * (len(found) - 1)
    assert len(found) == 9


def test_text_under_a_heading_is_no_ones_until_the_next_label() -> None:
    text = "Background\n\nMet at their office.\n\n" + DIALOGUE.replace("\n", "\n\n")
    found = passages("b.txt", text + "\nTranscript\n\nParticipant: One more thing.")
    assert found[:2] == [(None, "Background"), (None, "Met at their office.")]
    assert found[-2:] == [(None, "Transcript"), ("Participant", "Participant: One more thing.")]


def test_notes_heading_words() -> None:
    from qualcode.ingest.headings import notes_heading

    for heading in ("Reflections", "Post-interview reflections:", "Field notes", "**Summary**"):
        assert notes_heading(heading), heading
    for line in ("Reflections.", "Some reflections, mostly", "Note: she laughed", "notes"):
        assert not notes_heading(line), line
    assert not notes_heading("Funding and the interview panel were the two biggest problems")
