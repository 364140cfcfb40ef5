"""Write the codebook appendix as Markdown, HTML, Word or Excel, whole or not at all."""

from __future__ import annotations

import io
from pathlib import Path

from qualcode.export.codebook_doc import CodebookDocument, CodeEntry
from qualcode.export.markdown import escape, quote_markdown
from qualcode.files import write_format

DOCUMENT_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
DOCUMENT_FORMATS |= {".docx": "docx", ".xlsx": "xlsx"}
CRITERIA = (
    ("Include", "include"),
    ("Exclude", "exclude"),
    ("Examples given in the codebook", "written_examples"),
)


def cues_line(entry: CodeEntry) -> str:
    """Cue phrases are short: one line of them reads better than a list."""
    return "Cue phrases: " + "; ".join(entry.cues)


def document_format(path: Path) -> str | None:
    """The appendix format for a file name, or None for the codebook formats (YAML, .qdc)."""
    return DOCUMENT_FORMATS.get(path.suffix.lower())


def counts_line(entry: CodeEntry) -> str:
    counts = " · ".join(f"{coder} {n}" for coder, n in entry.counts.items()) or "none"
    return f"Codings (with sub-codes): {counts}"


def render_markdown(book: CodebookDocument) -> str:
    """Headings by level, criteria as lists, example quotes as block quotes."""
    out = [f"# {escape(book.title)}", ""]
    if book.description:
        out += [escape(book.description), ""]
    out += [f"*{escape(book.summary())}*", ""]
    for entry in book.codes:
        out += [f"{'#' * min(entry.level + 1, 6)} {escape(entry.name)} ({escape(entry.key)})", ""]
        if entry.definition:
            out += [escape(entry.definition), ""]
        for title, attribute in CRITERIA:
            items = getattr(entry, attribute)
            if items:
                out += [f"**{title}:**", ""] + [f"- {escape(i)}" for i in items] + [""]
        if entry.cues:
            out += [escape(cues_line(entry)), ""]
        if entry.examples:
            out += ["**Example quotes:**", ""]
            out += [quote_markdown(q) + "\n" for q in entry.examples]
        out += [f"*{escape(counts_line(entry))}*", ""]
    return "\n".join(out)


def render_html(book: CodebookDocument, template: Path | None = None) -> str:
    """The codebook.html template (or the user's) over the appendix."""
    from qualcode.export.templating import render_page

    return render_page(
        "codebook.html",
        template,
        title=book.title,
        description=book.description,
        summary=book.summary(),
        coders=book.coders,
        codes=book.codes,
    )


def write_docx(book: CodebookDocument, path: Path) -> None:
    """Headings by level, definition and criteria, quotes in the quote styles, counts."""
    from docx import Document

    from qualcode.export.word import (
        COUNTS_STYLE,
        DEFINITION_STYLE,
        _add_quote,
        _add_styles,
        _Writer,
    )

    document = Document()
    _add_styles(document)
    for name in ("author", "last_modified_by", "comments", "subject", "keywords"):
        setattr(document.core_properties, name, "")
    document.core_properties.title = book.title
    writer = _Writer(document)
    writer.heading(book.title, 0)
    if book.description:
        writer.paragraph(DEFINITION_STYLE, book.description)
    writer.paragraph(COUNTS_STYLE, book.summary())
    for entry in book.codes:
        writer.heading(f"{entry.name} ({entry.key})", min(entry.level, 9))
        if entry.definition:
            writer.paragraph(DEFINITION_STYLE, entry.definition)
        for title, attribute in CRITERIA:
            items = getattr(entry, attribute)
            if items:
                label = document.add_paragraph()
                label.add_run(f"{title}:").bold = True
                for item in items:
                    document.add_paragraph(item, style="List Bullet")
        if entry.cues:
            document.add_paragraph(cues_line(entry))
        if entry.examples:
            document.add_paragraph().add_run("Example quotes:").bold = True
            for quote in entry.examples:
                _add_quote(writer, quote, False)
        writer.paragraph(COUNTS_STYLE, counts_line(entry))
    buffer = io.BytesIO()  # written in one go, as the quote export is
    document.save(buffer)
    path.write_bytes(buffer.getvalue())


def write_xlsx(book: CodebookDocument, path: Path) -> None:
    """One row per code (criteria joined by new lines), then one number column per coder."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from qualcode.export.tables import _safe

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Codebook"
    header = ["level", "key", "name", "parent", "definition", "include", "exclude", "cues"]
    header += ["example 1", "example 2"]
    sheet.append(header + [f"codings: {c}" for c in book.coders] + ["codings: all"])
    for entry in book.codes:
        examples = [f"“{q.text}” [{q.label}]" for q in entry.examples]
        examples += [""] * (2 - len(examples))
        text = [
            entry.key,
            entry.name,
            entry.parent or "",
            entry.definition,
            "\n".join(entry.include),
            "\n".join(entry.exclude),
            "; ".join(entry.cues),
            *examples,
        ]
        numbers = [entry.counts.get(c, 0) for c in book.coders] + [entry.total]
        sheet.append([entry.level, *(_safe(t) for t in text), *numbers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = {"A": 7, "B": 24, "C": 28, "D": 20, "E": 60, "F": 40, "G": 40, "H": 30}
    widths |= {"I": 60, "J": 60}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
        for cell in sheet[letter][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C2"
    workbook.properties.creator = ""
    workbook.properties.lastModifiedBy = ""
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())


def write_codebook_document(
    book: CodebookDocument, path: Path, fmt: str, template: Path | None = None
) -> None:
    """Write the appendix in the format; a --template is for HTML only."""
    if template is not None:
        from qualcode.export.write import check_template

        check_template(fmt, template)
    write_format(path, fmt, {
        "md": lambda _: render_markdown(book),
        "html": lambda _: render_html(book, template),
        "docx": lambda out: write_docx(book, out),
        "xlsx": lambda out: write_xlsx(book, out),
    })  # fmt: skip
