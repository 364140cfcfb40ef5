"""Quote sets as Word documents: real headings, quote and label styles, a table of contents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from qualcode.export.markdown import header_line
from qualcode.export.model import Quote, QuoteGroup, QuoteSet

QUOTE_STYLE = "Interview Quote"
LABEL_STYLE = "Quote Label"
CONTEXT_STYLE = "Quote Context"
DEFINITION_STYLE = "Code Definition"
COUNTS_STYLE = "Quote Counts"
GREY = RGBColor(0x59, 0x59, 0x59)
TOC_LEVELS = 3


def _add_styles(document: Any) -> None:
    styles = document.styles
    quote = styles.add_style(QUOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    quote.base_style = styles["Normal"]
    quote.quick_style = True
    quote.paragraph_format.left_indent = Cm(1)
    quote.paragraph_format.right_indent = Cm(1)
    quote.paragraph_format.space_after = Pt(8)
    quote.font.italic = True
    label = styles.add_style(LABEL_STYLE, WD_STYLE_TYPE.CHARACTER)
    label.quick_style = True
    label.font.italic = False
    label.font.size = Pt(9.5)
    label.font.color.rgb = GREY
    context = styles.add_style(CONTEXT_STYLE, WD_STYLE_TYPE.CHARACTER)
    context.font.italic = False
    context.font.color.rgb = GREY
    definition = styles.add_style(DEFINITION_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    definition.base_style = styles["Normal"]
    definition.font.italic = True
    counts = styles.add_style(COUNTS_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    counts.base_style = styles["Normal"]
    counts.font.size = Pt(9)
    counts.font.color.rgb = GREY
    for level in range(1, TOC_LEVELS + 1):
        toc = styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = styles["Normal"]
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.space_after = Pt(2)


def _field_char(run: Any, kind: str) -> None:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    run._r.append(element)


def _instruction(run: Any, text: str) -> None:
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    run._r.append(element)


def _add_contents(document: Any, quote_set: QuoteSet) -> None:
    """A TOC field whose stored result already lists the headings; Word adds page numbers."""
    document.add_paragraph("Contents", style="TOC Heading")
    entries = [g for g in quote_set.walk() if g.level <= TOC_LEVELS] or None
    first = document.add_paragraph(style="TOC 1")
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
            last = document.add_paragraph(group.title, style=f"TOC {group.level}")
    _field_char(last.add_run(), "end")
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _add_quote(document: Any, quote: Quote, show_codes: bool) -> None:
    paragraph = document.add_paragraph(style=QUOTE_STYLE)
    if quote.before.strip():
        paragraph.add_run(f"{quote.before.strip()} ", style=CONTEXT_STYLE)
    lines = f"“{quote.text}”".split("\n")
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if index < len(lines) - 1:
            run.add_break()
    if quote.after.strip():
        paragraph.add_run(f" {quote.after.strip()}", style=CONTEXT_STYLE)
    paragraph.add_run(f" [{quote.label}]", style=LABEL_STYLE)
    if show_codes:
        paragraph.add_run(f" {quote.codes_note()}", style=CONTEXT_STYLE)


def _add_group(document: Any, group: QuoteGroup) -> None:
    document.add_heading(group.title, level=min(group.level, 9))
    if group.description.strip():
        document.add_paragraph(group.description.strip(), style=DEFINITION_STYLE)
    document.add_paragraph(group.counts_text(), style=COUNTS_STYLE)
    for quote in group.quotes:
        _add_quote(document, quote, group.show_codes)
    for child in group.children:
        _add_group(document, child)


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
    document.add_heading(quote_set.title, level=0)
    document.add_paragraph(header_line(quote_set), style=COUNTS_STYLE)
    _add_contents(document, quote_set)
    if not quote_set.groups:
        document.add_paragraph("No coded passages match this selection.")
    for group in quote_set.groups:
        _add_group(document, group)
    document.save(str(path))
