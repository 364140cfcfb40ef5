"""Quote sets as tables, one row per quote in each group: CSV and Excel for pivoting."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from qualcode.export.model import Quote, QuoteSet

BASE_COLUMNS = [
    "group",
    "group_path",
    "codes",
    "code_paths",
    "quote",
    "context_before",
    "context_after",
    "label",
    "participant",
    "document",
    "passage",
    "start",
    "end",
    "coders",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
WIDTHS = {"quote": 80, "context_before": 30, "context_after": 30, "label": 40, "group": 28}


def rows(quote_set: QuoteSet) -> tuple[list[str], list[list[str | int]]]:
    """The header and one row per (group, quote), in reading order."""
    attributes = quote_set.attribute_names()
    memos = quote_set.options.memos
    header = BASE_COLUMNS + attributes + (["memos"] if memos else [])
    out: list[list[str | int]] = []
    for group in quote_set.walk():
        for quote in group.quotes:
            out.append(
                [
                    group.title,
                    " / ".join(group.path),
                    "; ".join(quote.codes),
                    "; ".join(quote.code_paths),
                    quote.text,
                    quote.before,
                    quote.after,
                    quote.label,
                    quote.participant,
                    quote.document_id,
                    "" if quote.passage_number is None else quote.passage_number,
                    quote.start,
                    quote.end,
                    "; ".join(quote.coders),
                    *(quote.attributes.get(name, "") for name in attributes),
                    *([memo_cell(quote)] if memos else []),
                ]
            )
    return header, out


def memo_cell(quote: Quote) -> str:
    """A quote's memos in one cell, one per line: "Memo by ana on passage 4: …"."""
    return "\n".join(f"{m.heading()}: {m.text}" for m in quote.memos or ())


NUMBER = re.compile(r"-?(?:0|[1-9]\d{0,14})(?:\.\d+)?")


def as_number(value: str | int) -> str | int | float:
    """A value that is plainly a number ("1", "34", "2.5") as a number, for spreadsheets to sum
    and sort; "007", "1e3", phone numbers and everything else stay text."""
    if isinstance(value, str) and NUMBER.fullmatch(value):
        return float(value) if "." in value else int(value)
    return value


def _safe(value: str | int) -> str | int:
    # A cell starting with "=" or "+" would run as a formula in a spreadsheet.
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(quote_set: QuoteSet, path: Path) -> None:
    """UTF-8 CSV with a byte-order mark, so Excel reads accents and £ correctly."""
    header, body = rows(quote_set)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([_safe(v) for v in row] for row in body)


def write_xlsx(quote_set: QuoteSet, path: Path) -> None:
    """An Excel workbook: a Quotes sheet (filterable, frozen header) and a Groups sheet."""
    header, body = rows(quote_set)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Quotes"
    sheet.append(header)
    numeric = len(BASE_COLUMNS)  # attribute columns (wave, age…) hold numbers as text
    words = len(header) - (1 if quote_set.options.memos else 0)  # the memos column stays text
    for row in body:
        sheet.append(row[:numeric] + [as_number(v) for v in row[numeric:words]] + row[words:])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column_cells in sheet.iter_cols(min_row=1):
        name = str(column_cells[0].value)
        letter = column_cells[0].column_letter
        sheet.column_dimensions[letter].width = WIDTHS.get(name, 16)
        for cell in column_cells[1:]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
            if name in WIDTHS:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    groups = workbook.create_sheet("Groups")
    groups.append(["group_path", "title", "level", "definition", "quotes", "participants"])
    for cell in groups[1]:
        cell.font = Font(bold=True)
    for group in quote_set.walk():
        groups.append(
            [
                " / ".join(group.path),
                group.title,
                group.level,
                group.description,
                group.quote_count,
                group.participant_count,
            ]
        )
    groups.column_dimensions["A"].width = 40
    groups.column_dimensions["D"].width = 80
    workbook.properties.creator = ""
    workbook.properties.lastModifiedBy = ""
    workbook.save(str(path))
