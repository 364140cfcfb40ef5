"""A matrix as one self-contained HTML page from the matrix.html template (text escaped)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qualcode.analysis.matrix import Matrix
from qualcode.export.templating import render_page


def grid(matrix: Matrix) -> list[dict[str, Any]]:
    """Rows of cells as the template reads them: summary, value, quotes, and an anchor for a
    cell with quotes."""
    rows = []
    for i, row in enumerate(matrix.rows):
        cells = []
        for j, column in enumerate(matrix.columns):
            cell = matrix.cell(row.key, column.key)
            cells.append(
                {
                    "column": column.name,
                    "summary": cell.summary,
                    "value": cell.value(matrix.cell_mode),
                    "passages": cell.passages,
                    "codings": cell.codings,
                    "quotes": cell.quotes,
                    "anchor": f"c-{i}-{j}" if cell.quotes else None,
                }
            )
        rows.append({"name": row.name, "key": row.key, "cells": cells})
    return rows


def render_html(matrix: Matrix, template: Path | None = None) -> str:
    """The grid (summary and passage count per cell, linked to its quotes), then the quotes."""
    title = "Code co-occurrence" if matrix.kind == "co-occurrence" else "Framework matrix"
    return render_page(
        "matrix.html",
        template,
        title=title,
        columns=[{"key": c.key, "name": c.name} for c in matrix.columns],
        grid=grid(matrix),
    )
