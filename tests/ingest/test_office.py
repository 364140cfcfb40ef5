"""The Word (.docx) reader, on files written by python-docx (.odt: test_opendocument)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from qualcode.ingest import ReadError, read_document


def passages(path: Path) -> list[tuple[str | None, str]]:
    doc = read_document(path)
    return [(p.speaker, doc.text[p.start : p.end]) for p in doc.passages]


def test_docx_paragraphs_in_order_each_a_passage(make_docx: Callable[..., Path]) -> None:
    path = make_docx(
        [
            "Interview 4 — housing charity — 12 March 2024",
            "",
            "Interviewer: How is the \u201cmarket\u201d?",
            "Siobhan: It\u2019s not a level playing field.\nWe are undercut.",
            "Second paragraph\tof her answer.",
            "Interviewer: Thank you.",
            "Siobhan: Pleasure.",
        ]
    )
    doc = read_document(path)
    assert doc.format == "docx" and doc.title == "interview"
    assert doc.text == (
        "Interview 4 — housing charity — 12 March 2024\n\n"
        "Interviewer: How is the \u201cmarket\u201d?\n\n"
        "Siobhan: It\u2019s not a level playing field.\nWe are undercut.\n\n"
        "Second paragraph\tof her answer.\n\n"
        "Interviewer: Thank you.\n\nSiobhan: Pleasure."
    )
    assert passages(path) == [
        (None, "Interview 4 — housing charity — 12 March 2024"),
        ("Interviewer", "Interviewer: How is the \u201cmarket\u201d?"),
        ("Siobhan", "Siobhan: It\u2019s not a level playing field.\nWe are undercut."),
        ("Siobhan", "Second paragraph\tof her answer."),
        ("Interviewer", "Interviewer: Thank you."),
        ("Siobhan", "Siobhan: Pleasure."),
    ]
    assert doc.speakers == ["Siobhan"]


def test_docx_tables_in_body_order(make_docx: Callable[..., Path]) -> None:
    path = make_docx(
        [
            "Before the table.",
            [["Interviewer", "What changed?"], ["Mark Davies", "Funding."], ["", ""]],
            [["Cost", "£5", "per session"]],
            "After the table.",
        ]
    )
    assert passages(path) == [
        (None, "Before the table."),
        ("Interviewer", "Interviewer: What changed?"),
        ("Interviewer", "Mark Davies: Funding."),
        ("Interviewer", "Cost"),
        ("Interviewer", "£5"),
        ("Interviewer", "per session"),
        ("Interviewer", "After the table."),
    ]


def test_docx_skips_tracked_deletions(make_docx: Callable[..., Path]) -> None:
    path = make_docx(["Kept text."])
    document = docx.Document(str(path))
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraph = document.paragraphs[0]._p
    paragraph.append(
        parse_xml(
            f'<w:del xmlns:w="{w}" w:id="1" w:author="a"><w:r><w:delText> Gone.</w:delText>'
            "</w:r></w:del>"
        )
    )
    paragraph.append(
        parse_xml(f'<w:ins xmlns:w="{w}" w:id="2" w:author="a"><w:r><w:t> New.</w:t></w:r></w:ins>')
    )
    document.save(str(path))
    assert read_document(path).text == "Kept text. New."


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


WORD_ERROR = "not a valid Word document (corrupt or not a .docx)"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("broken.docx", b"PK\x03\x04 this is not really a zip", WORD_ERROR),
        ("text.docx", b"plain text renamed to .docx", WORD_ERROR),
        ("nozip.docx", zip_bytes({"hello.txt": b"hi"}), WORD_ERROR),
    ],
)
def test_corrupt_office_files(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert str(caught.value) == f"{name}: {reason}"


def test_docx_with_no_text(make_docx: Callable[..., Path]) -> None:
    with pytest.raises(ReadError) as caught:
        read_document(make_docx(["", "  "], name="blank.docx"))
    assert str(caught.value) == "blank.docx: the document contains no text"


def test_docx_truncated_file(make_docx: Callable[..., Path]) -> None:
    path = make_docx(["Some text here."])
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert str(caught.value) == f"interview.docx: {WORD_ERROR}"
