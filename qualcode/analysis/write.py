"""Write a matrix as Markdown, HTML, Word, Excel or long-format CSV, whole or not at all."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from qualcode.analysis.matrix import Matrix
from qualcode.errors import QualcodeError
from qualcode.export.markdown import escape, quote_markdown
from qualcode.files import write_format
from qualcode.lazy_exports import imported

MATRIX_FORMATS = ("md", "docx", "xlsx", "csv", "html", "json")
EXTENSIONS = {".md": "md", ".markdown": "md", ".htm": "html", ".html": "html"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def matrix_format(path: Path, explicit: str | None) -> str:
    """The format: --format if given, else from the file's extension."""
    fmt = explicit or EXTENSIONS.get(path.suffix.lower(), path.suffix.lower().lstrip("."))
    if fmt not in MATRIX_FORMATS:
        raise QualcodeError(
            f"{path.name}: cannot write a matrix as '{fmt or 'no extension'}'; "
            f"give --format ({', '.join(MATRIX_FORMATS)})"
        )
    return fmt


def long_rows(matrix: Matrix) -> list[list[str | int | None]]:
    """One row per cell (row, column, passages, codings, value, summary): ready for R/pandas."""
    return [
        [
            row.key,
            column.key,
            cell.passages,
            cell.codings,
            cell.value(matrix.cell_mode),
            cell.summary or "",
        ]
        for row in matrix.rows
        for column in matrix.columns
        for cell in [matrix.cell(row.key, column.key)]
    ]


LONG_HEADER = ["row", "column", "passages", "codings", "value", "summary"]


def safe_cell(value: str | int | None) -> str | int | None:
    """A text cell that a spreadsheet would run as a formula, made text ("'=…")."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(matrix: Matrix, path: Path) -> None:
    """Long-format UTF-8 CSV with a byte-order mark (Excel reads accents and £ right)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(LONG_HEADER)
        for line in long_rows(matrix):
            writer.writerow(["" if v is None else safe_cell(v) for v in line])


def render_markdown(matrix: Matrix) -> str:
    """The grid as a Markdown table (summaries and passage counts), then each cell's quotes."""
    heading = "Code co-occurrence" if matrix.kind == "co-occurrence" else "Framework matrix"
    out = [f"# {heading}", ""]
    out.append("| | " + " | ".join(_pipe(c.name) for c in matrix.columns) + " |")
    out.append("|---" * (len(matrix.columns) + 1) + "|")
    for row in matrix.rows:
        cells = []
        for column in matrix.columns:
            cell = matrix.cell(row.key, column.key)
            value = str(cell.value(matrix.cell_mode))
            if matrix.kind == "framework":
                value += f" passage{'s' if cell.passages != 1 else ''}"
            cells.append(_pipe(cell.summary or "") + (" — " if cell.summary else "") + value)
        out.append(f"| {_pipe(row.name)} | " + " | ".join(cells) + " |")
    out.append("")
    for row in matrix.rows:
        for column in matrix.columns:
            cell = matrix.cell(row.key, column.key)
            if not cell.quotes and not cell.summary:
                continue
            out += [f"## {escape(row.name)} × {escape(column.name)}", ""]
            if cell.summary:
                out += [escape(cell.summary), ""]
            out += [quote_markdown(q) + "\n" for q in cell.quotes]
    return "\n".join(out)


def _pipe(text: str) -> str:
    return escape(" ".join(text.split()))


def write_matrix(matrix: Matrix, path: Path, fmt: str, template: Path | None = None) -> None:
    """Write the matrix in the format; heavy libraries load only for the format that needs them
    (`template`: the user's own HTML template)."""
    write_format(path, fmt, {
        "csv": lambda out: write_csv(matrix, out),
        "json": lambda _: json.dumps(matrix.as_json(), ensure_ascii=False, indent=2) + "\n",
        "md": lambda _: render_markdown(matrix),
        "html": lambda _: imported(f"{__package__}.write_html:render_html")(matrix, template),
        "xlsx": lambda out: imported(f"{__package__}.write_xlsx:write_xlsx")(matrix, out),
        "docx": lambda out: imported(f"{__package__}.write_docx:write_docx")(matrix, out),
    })  # fmt: skip
