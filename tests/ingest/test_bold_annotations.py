"""A transcriber's note in bold on a line of its own inside an answer ("[long pause]",
"(laughs)") in a Word file: read without error, and the answer goes on as the same turn."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from qualcode.ingest import read_document


def docx_with_bold(note: str) -> bytes:
    import docx

    document = docx.Document()
    for text in (
        "Interviewer: How did it start?",
        "Participant: We started in 2019.",
        note,
        "And then the money stopped.",
        "Interviewer: Why?",
        "Participant: Nobody really knows.",
    ):
        document.add_paragraph().add_run(text).bold = text == note
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "note", ["(laughs)", "(Laughter)", "[long pause]", "[Inaudible 00:12]", "()"]
)
def test_a_bold_note_inside_an_answer_keeps_the_answer_one_turn(note: str) -> None:
    doc = read_document(Path("interview.docx"), data=docx_with_bold(note))
    turns = [(p.speaker, doc.text[p.start : p.end]) for p in doc.passages]
    assert ("Participant", "And then the money stopped.") in turns
    assert [s for s, text in turns if text == note] == ["Participant"]
