"""A matrix as an Excel workbook: summaries, counts and quotes sheets, numbers stored as numbers."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from qualcode.analysis.matrix import Matrix
from qualcode.analysis.write import safe_cell

WRAP = Alignment(wrap_text=True, vertical="top")


def _grid(sheet: Worksheet, matrix: Matrix, summaries: bool) -> None:
    sheet.append(["", *(c.key for c in matrix.columns)])
    for row in matrix.rows:
        values: list[str | int | None] = []
        for column in matrix.columns:
            cell = matrix.cell(row.key, column.key)
            values.append(cell.summary or "" if summaries else cell.value(matrix.cell_mode))
        sheet.append([safe_cell(row.name), *(safe_cell(v) for v in values)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 24
    if summaries:
        for line in sheet.iter_rows(min_row=2, min_col=2):
            for cell in line:
                cell.alignment = WRAP
        for letter in [c.column_letter for c in sheet[1]][1:]:
            sheet.column_dimensions[letter].width = 40


def write_xlsx(matrix: Matrix, path: Path) -> None:
    """Summaries, Counts (passages, or 0/1) and Quotes sheets; a text cell that would run as a
    formula starts with an apostrophe."""
    workbook = Workbook()
    summaries = workbook.active
    assert summaries is not None
    summaries.title = "Summaries"
    _grid(summaries, matrix, summaries=True)
    _grid(workbook.create_sheet("Counts"), matrix, summaries=False)
    quotes = workbook.create_sheet("Quotes")
    quotes.append(
        ["row", "column", "quote", "label", "participant", "document", "start", "end", "codes"]
    )
    for row in matrix.rows:
        for column in matrix.columns:
            for quote in matrix.cell(row.key, column.key).quotes:
                quotes.append(
                    [
                        safe_cell(row.key),
                        safe_cell(column.key),
                        safe_cell(quote.text),
                        safe_cell(quote.label),
                        safe_cell(quote.participant),
                        quote.document_id,
                        quote.start,
                        quote.end,
                        safe_cell("; ".join(quote.codes)),
                    ]
                )
    for cell in quotes[1]:
        cell.font = Font(bold=True)
    quotes.column_dimensions["C"].width = 80
    for line in quotes.iter_rows(min_row=2, min_col=3, max_col=3):
        line[0].alignment = WRAP
    workbook.properties.creator = ""
    workbook.properties.lastModifiedBy = ""
    workbook.save(str(path))
