"""Runs the Word writer builds with lxml read back as python-docx writes and reads them."""

from __future__ import annotations

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from lxml import etree

from qualcode.export.word import add_paragraph, add_run

TEXTS = [
    "plain words",
    "  leading and trailing  ",
    "tab\there",
    "“first line\nsecond line”",
    "windows\r\nline",
    "\n",
    "",
    "a [b] {c} <d> & e",
]


def test_runs_match_python_docx() -> None:
    document = Document()
    style_id = document.styles.add_style("Quote Label", WD_STYLE_TYPE.CHARACTER).style_id
    for text in TEXTS:
        theirs = document.add_paragraph()
        ours = document.add_paragraph()
        docx_run = theirs.add_run(text)
        docx_run._r.style = style_id
        add_run(ours._p, text, style_id)
        assert etree.tostring(ours._p) == etree.tostring(theirs._p), text
        assert ours.text == theirs.text
        assert ours.runs[0].style.style_id == style_id


def test_unstyled_run_has_no_properties() -> None:
    paragraph = Document().add_paragraph()
    add_run(paragraph._p, "x")
    assert etree.tostring(paragraph._p) == etree.tostring(Document().add_paragraph("x")._p)


def test_paragraphs_match_python_docx() -> None:
    document = Document()
    style_id = document.styles.add_style("Interview Quote", WD_STYLE_TYPE.PARAGRAPH).style_id
    for text in TEXTS:
        theirs = document.add_paragraph(text)
        theirs._p.style = style_id
        ours = add_paragraph(document, text, style_id)
        assert etree.tostring(ours._p) == etree.tostring(theirs._p), text
        assert ours._p.getprevious() is theirs._p  # in order, before the section properties
        assert ours.style.style_id == style_id
    assert document.element.body[-1].tag.endswith("sectPr")
