"""An author cited in an answer or in notes ("Smith, J. (2019):", "Okafor (2021):") before a
colon is the speaker's text, not a turn of someone new."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.ingest import ReadDocument, read_document
from tests.ingest.service_files import docx_bytes

CITATIONS = [
    "Smith, J. (2019):",
    "Okafor (2021):",
    "Brandt, L. (2019, p. 4):",
    "Achterberg (2020a):",
    "Nguyen, T. (1998; 2004):",
]


def lines(citation: str) -> list[str]:
    return [
        "Interviewer: Is anything written about it?",
        "Participant: Yes, quite a lot.",
        "Interviewer: Who, for instance?",
        f"Participant: The council report. {citation[:-1]} too.",
        citation,
        "argues that the money never reaches the wing.",
        "Interviewer: Thanks.",
    ]


def read(name: str, data: bytes) -> ReadDocument:
    return read_document(Path(name), data=data)


@pytest.mark.parametrize("citation", CITATIONS)
@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_a_cited_author_is_no_speaker(citation: str, fmt: str) -> None:
    paragraphs = lines(citation)
    data = "\n\n".join(paragraphs).encode() if fmt == "txt" else docx_bytes(paragraphs)
    doc = read(f"interview.{fmt}", data)
    speakers = {p.speaker for p in doc.passages}
    assert speakers == {"Interviewer", "Participant"}
    cited = next(p for p in doc.passages if doc.text[p.start : p.end].startswith(citation))
    assert cited.speaker == "Participant"
    assert doc.speakers == []
