"""Quote sets as Word documents: real headings, quote and label styles, a table of contents."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles import BabelFish
from docx.styles.style import StyleFactory
from docx.text.paragraph import Paragraph
from lxml import etree

from qualcode.export.markdown import header_line
from qualcode.export.model import Quote, QuoteGroup, QuoteSet

QUOTE_STYLE = "Interview Quote"
LABEL_STYLE = "Quote Label"
CONTEXT_STYLE = "Quote Context"
DEFINITION_STYLE = "Code Definition"
COUNTS_STYLE = "Quote Counts"
MEMO_STYLE = "Quote Memo"
GREY = RGBColor(0x59, 0x59, 0x59)
TOC_LEVELS = 3
RUN_BREAKS = re.compile(r"([\t\n\r])")
W_R, W_RPR, W_RSTYLE, W_VAL = qn("w:r"), qn("w:rPr"), qn("w:rStyle"), qn("w:val")
W_T, W_TAB, W_BR, SPACE = qn("w:t"), qn("w:tab"), qn("w:br"), qn("xml:space")
W_PPR, W_PSTYLE = qn("w:pPr"), qn("w:pStyle")


def _new_style(styles: Any, name: str, kind: WD_STYLE_TYPE) -> Any:
    """styles.add_style(name, kind), its check that the name is new made by one lookup:
    add_style compares the name with each of the template's 160 styles' (0.02 s of the 0.03 s
    the styles took)."""
    internal = BabelFish.ui2internal(name)
    if styles.element.get_by_name(internal) is not None:
        raise ValueError(f"document already contains style {name!r}")
    return StyleFactory(styles.element.add_style_of_type(internal, kind, False))


def _add_styles(document: Any) -> None:
    styles = document.styles
    normal = styles["Normal"]
    quote = _new_style(styles, QUOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    quote.base_style = normal
    quote.quick_style = True
    quote.paragraph_format.left_indent = Cm(1)
    quote.paragraph_format.right_indent = Cm(1)
    quote.paragraph_format.space_after = Pt(8)
    quote.font.italic = True
    label = _new_style(styles, LABEL_STYLE, WD_STYLE_TYPE.CHARACTER)
    label.quick_style = True
    label.font.italic = False
    label.font.size = Pt(9.5)
    label.font.color.rgb = GREY
    context = _new_style(styles, CONTEXT_STYLE, WD_STYLE_TYPE.CHARACTER)
    context.font.italic = False
    context.font.color.rgb = GREY
    definition = _new_style(styles, DEFINITION_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    definition.base_style = normal
    definition.font.italic = True
    counts = _new_style(styles, COUNTS_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    counts.base_style = normal
    counts.font.size = Pt(9)
    counts.font.color.rgb = GREY
    memo = _new_style(styles, MEMO_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    memo.base_style = normal
    memo.paragraph_format.left_indent = Cm(1.5)
    memo.paragraph_format.space_after = Pt(8)
    memo.font.size = Pt(9.5)
    for level in range(1, TOC_LEVELS + 1):
        toc = _new_style(styles, f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = normal
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.space_after = Pt(2)


class _Writer:
    """Adds styled paragraphs and runs, each style's id looked up once: python-docx would
    search the styles part by name on every paragraph and run (most of a big export)."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self._ids: dict[str, str] = {}

    def _id(self, style: str) -> str:
        if style not in self._ids:
            self._ids[style] = self.document.styles[style].style_id
        return self._ids[style]

    def paragraph(self, style: str, text: str = "") -> Any:
        return add_paragraph(self.document, text, self._id(style))

    def heading(self, text: str, level: int) -> Any:
        return self.paragraph("Title" if level == 0 else f"Heading {level}", text)

    def run(self, paragraph: Any, text: str, style: str | None = None) -> None:
        add_run(paragraph._p, text, None if style is None else self._id(style))


def add_paragraph(document: Any, text: str, style_id: str) -> Any:
    """A styled paragraph at the end of the body, as python-docx's add_paragraph and its
    style setter would write it, built with lxml directly (see add_run)."""
    body = document.element.body
    element = OxmlElement("w:p")
    properties = etree.SubElement(element, W_PPR)
    etree.SubElement(properties, W_PSTYLE).set(W_VAL, style_id)
    if text:
        add_run(element, text)
    section = body.sectPr
    if section is None:
        body.append(element)
    else:
        section.addprevious(element)
    return Paragraph(element, document._body)


def add_run(paragraph: Any, text: str, style_id: str | None = None) -> Any:
    """Append a run to a paragraph element as python-docx's add_run would write it (a tab as
    <w:tab/>, a line end as <w:br/>), built with lxml directly: python-docx's element
    classes spend most of a big export placing each child in schema order."""
    run = etree.SubElement(paragraph, W_R)
    if style_id is not None:
        etree.SubElement(etree.SubElement(run, W_RPR), W_RSTYLE).set(W_VAL, style_id)
    for piece in RUN_BREAKS.split(text):
        if piece == "\t":
            etree.SubElement(run, W_TAB)
        elif piece in ("\n", "\r"):
            etree.SubElement(run, W_BR)
        elif piece:
            element = etree.SubElement(run, W_T)
            element.text = piece
            if len(piece.strip()) < len(piece):
                element.set(SPACE, "preserve")
    return run


def _field_char(run: Any, kind: str) -> None:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    run._r.append(element)


def _instruction(run: Any, text: str) -> None:
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    run._r.append(element)


def _add_contents(writer: _Writer, quote_set: QuoteSet) -> None:
    """A TOC field whose stored result already lists the headings; Word adds page numbers."""
    writer.paragraph("TOC Heading", "Contents")
    entries = [g for g in quote_set.walk() if g.level <= TOC_LEVELS] or None
    first = writer.paragraph("TOC 1")
    _field_char(first.add_run(), "begin")
    _instruction(first.add_run(), f' TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u ')
    _field_char(first.add_run(), "separate")
    if entries is None:
        first.add_run("No headings.")
        last = first
    else:
        first.add_run(entries[0].title)
        last = first
        for group in entries[1:]:
            last = writer.paragraph(f"TOC {group.level}", group.title)
    _field_char(last.add_run(), "end")
    settings = writer.document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _add_quote(writer: _Writer, quote: Quote, show_codes: bool) -> None:
    paragraph = writer.paragraph(QUOTE_STYLE)
    if quote.before.strip():
        writer.run(paragraph, f"{quote.before.strip()} ", CONTEXT_STYLE)
    writer.run(paragraph, f"“{quote.text}”")
    if quote.after.strip():
        writer.run(paragraph, f" {quote.after.strip()}", CONTEXT_STYLE)
    writer.run(paragraph, f" [{quote.label}]", LABEL_STYLE)
    if show_codes:
        writer.run(paragraph, f" {quote.codes_note()}", CONTEXT_STYLE)
    for memo in quote.memos or ():
        note = writer.paragraph(MEMO_STYLE)
        note.add_run(f"{memo.heading()}: ").italic = True
        lines = memo.text.split("\n")
        for index, line in enumerate(lines):
            run = note.add_run(line)
            if index < len(lines) - 1:
                run.add_break()


def _add_group(writer: _Writer, group: QuoteGroup) -> None:
    writer.heading(group.title, min(group.level, 9))
    if group.description.strip():
        writer.paragraph(DEFINITION_STYLE, group.description.strip())
    writer.paragraph(COUNTS_STYLE, group.counts_text())
    for quote in group.quotes:
        _add_quote(writer, quote, group.show_codes)
    for child in group.children:
        _add_group(writer, child)


def write_docx(quote_set: QuoteSet, path: Path) -> None:
    """Write the quote set as a .docx file."""
    document = Document()
    _add_styles(document)
    properties = document.core_properties
    properties.title = quote_set.title
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    properties.subject = ""
    properties.keywords = ""
    writer = _Writer(document)
    writer.heading(quote_set.title, 0)
    writer.paragraph(COUNTS_STYLE, header_line(quote_set))
    _add_contents(writer, quote_set)
    if not quote_set.groups:
        document.add_paragraph("No coded passages match this selection.")
    for group in quote_set.groups:
        _add_group(writer, group)
    # Built in memory, then written: a full disk fails on one write, not inside the zip writer
    # (whose clean-up would then print a traceback while being collected).
    buffer = io.BytesIO()
    document.save(buffer)
    Path(path).write_bytes(buffer.getvalue())
