"""Plain text and Markdown readers: encodings, line ends, NFC, front matter, hashing."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from qualcode.ingest import ReadError, read_document

TRANSCRIPT = (
    "Interview 3 — drug treatment charity\n"
    "\n"
    "Interviewer: What\u2019s the budget like?\n"
    "Siobhan: About \u00a3250,000 \u2013 it\u2019s \u201ctight\u201d.\n"
    "Interviewer: And next year?\n"
    "Siobhan: Cut again."
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_plain_utf8_transcript(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "Interview 3.TXT", TRANSCRIPT.encode()))
    assert doc.text == TRANSCRIPT
    assert (doc.format, doc.title, doc.source_name) == ("txt", "Interview 3", "Interview 3.TXT")
    lines = TRANSCRIPT.split("\n")
    assert [doc.text[p.start : p.end] for p in doc.passages] == [lines[0], *lines[2:]]
    assert [p.speaker for p in doc.passages] == [None, *["Interviewer", "Siobhan"] * 2]
    assert doc.speakers == ["Siobhan"]
    assert doc.participant is None and doc.attributes == {}


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("cp1252"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
        lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
        lambda s: s.replace("\n", "\r\n").encode("utf-8"),
        lambda s: s.replace("\n", "\r").encode("cp1252"),
        lambda s: codecs.BOM_UTF8 + s.replace("\n", "  \r\n").encode("utf-8"),
    ],
    ids=["cp1252", "utf8-bom", "utf16le-bom", "utf16be-bom", "crlf", "cr-cp1252", "bom-crlf-trail"],
)
def test_encodings_and_line_ends_give_the_same_text_and_hash(
    tmp_path: Path, encode: Callable[[str], bytes]
) -> None:
    reference = read_document(write(tmp_path, "a.txt", TRANSCRIPT.encode("utf-8")))
    doc = read_document(write(tmp_path, "b.txt", encode(TRANSCRIPT)))
    assert doc.text == TRANSCRIPT
    assert doc.sha256 == reference.sha256
    assert [(p.start, p.end, p.speaker) for p in doc.passages] == [
        (p.start, p.end, p.speaker) for p in reference.passages
    ]


def test_short_cp1252_text_with_pound_sign_and_quotes(tmp_path: Path) -> None:
    raw = "He said \u201chello\u201d \u2014 it cost \u00a35.\ncaf\u00e9 na\u00efve"
    doc = read_document(write(tmp_path, "short.txt", raw.encode("cp1252")))
    assert doc.text == raw


def test_decomposed_accents_become_composed(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "nfd.txt", "Rene\u0301e: cafe\u0301".encode()))
    assert doc.text == "Ren\u00e9e: caf\u00e9"
    assert len(doc.text) == 11


def test_offsets_are_into_the_final_text_after_cleaning(tmp_path: Path) -> None:
    raw = "\r\n\r\n  Header line   \r\n\r\n\r\n\r\nQ: One?\t \r\nA: Two.\x07\r\n\r\n\r\n"
    doc = read_document(write(tmp_path, "messy.txt", raw.encode()))
    assert doc.text == "Header line\n\nQ: One?\nA: Two."
    assert [doc.text[p.start : p.end] for p in doc.passages] == [
        "Header line",
        "Q: One?",
        "A: Two.",
    ]


def test_markdown_front_matter_title_and_attributes(tmp_path: Path) -> None:
    raw = (
        "---\n"
        "participant: Interviewee 3\n"
        "organisation_type: drug treatment charity\n"
        "interviewer: JS\n"
        "date: 2024-03-12\n"
        "tags: [a, b]\n"
        "size: 12\n"
        "---\n"
        "# Interview with a drug treatment charity\n\n"
        "**Q:** What works?\n"
        "**A:** Relationships.\n"
    )
    doc = read_document(write(tmp_path, "i3.md", raw.encode()))
    assert doc.format == "md"
    assert doc.participant == "Interviewee 3"
    assert doc.title == "Interview with a drug treatment charity"
    assert doc.attributes == {
        "organisation_type": "drug treatment charity",
        "interviewer": "JS",
        "date": "2024-03-12",
        "size": "12",
    }
    assert doc.text.startswith("# Interview with")
    assert [(p.speaker, doc.text[p.start : p.end]) for p in doc.passages] == [
        (None, "# Interview with a drug treatment charity"),
        ("Q", "**Q:** What works?"),
        ("A", "**A:** Relationships."),
    ]


def test_markdown_label_key_and_title_key(tmp_path: Path) -> None:
    raw = "---\r\nlabel: Interviewee 7\r\ntitle: Seventh\r\n---\r\nSome notes.\r\n"
    doc = read_document(write(tmp_path, "seven.MD", raw.encode("utf-8-sig")))
    assert (doc.participant, doc.title, doc.attributes, doc.text) == (
        "Interviewee 7",
        "Seventh",
        {},
        "Some notes.",
    )


def test_markdown_without_front_matter_or_heading_uses_stem(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "notes 5.md", b"Just notes.\n"))
    assert (doc.title, doc.participant, doc.text) == ("notes 5", None, "Just notes.")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty.txt: the file is empty"),
        ("blank.txt", b" \r\n\t\n  \n", "blank.txt: the document contains no text"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), None),
        ("ctrl.txt", bytes(range(1, 9)) * 200, None),
        ("bad16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", "bad16.txt: not valid UTF-16 text"),
        ("front.md", b"---\ntitle: [unclosed\n---\nText\n", "front.md: invalid YAML front"),
        ("only-front.md", b"---\ntitle: x\n---\n\n", "only-front.md: the document contains"),
    ],
)
def test_text_errors(tmp_path: Path, name: str, data: bytes, message: str | None) -> None:
    with pytest.raises(ReadError) as caught:
        read_document(write(tmp_path, name, data))
    text = str(caught.value)
    assert "\n" not in text
    assert text.startswith(message or f"{name}: looks like a binary file, not text")
