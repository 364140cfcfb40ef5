"""A matrix as a Word document: the grid with summaries and counts, then each cell's quotes."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Pt

from qualcode.analysis.matrix import Matrix
from qualcode.export.word import COUNTS_STYLE, _add_quote, _add_styles, _Writer
from qualcode.wording import plural


def write_docx(matrix: Matrix, path: Path) -> None:
    """Landscape, the grid first (a summary over the passage count in each cell), quotes after."""
    document = Document()
    _add_styles(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for name in ("author", "last_modified_by", "comments", "subject", "keywords"):
        setattr(document.core_properties, name, "")
    title = "Code co-occurrence" if matrix.kind == "co-occurrence" else "Framework matrix"
    document.core_properties.title = title
    document.add_heading(title, level=0)
    what = (
        "passages carrying both codes"
        if matrix.kind == "co-occurrence"
        else ("each cell: the summary, then passages carrying the code or its sub-codes")
    )
    document.add_paragraph(what, style=COUNTS_STYLE)
    table = document.add_table(rows=len(matrix.rows) + 1, cols=len(matrix.columns) + 1)
    table.style = "Table Grid"
    for j, column in enumerate(matrix.columns, start=1):
        table.cell(0, j).text = column.name
    for i, row in enumerate(matrix.rows, start=1):
        table.cell(i, 0).text = row.name
        for j, column in enumerate(matrix.columns, start=1):
            cell = matrix.cell(row.key, column.key)
            value = cell.value(matrix.cell_mode)
            counted = plural(value, "passage")
            if matrix.kind != "framework" or matrix.cell_mode == "binary":
                counted = str(value)
            paragraph = table.cell(i, j).paragraphs[0]
            if cell.summary:
                paragraph.add_run(cell.summary)
                paragraph = table.cell(i, j).add_paragraph()
            run = paragraph.add_run(counted)
            run.font.size = Pt(8)
    for row in matrix.rows:
        for column in matrix.columns:
            cell = matrix.cell(row.key, column.key)
            if not cell.quotes:
                continue
            document.add_heading(f"{row.name} × {column.name}", level=2)
            if cell.summary:
                document.add_paragraph(cell.summary)
            writer = _Writer(document)
            for quote in cell.quotes:
                _add_quote(writer, quote, False)
    document.save(str(path))
