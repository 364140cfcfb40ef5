"""A matrix as one self-contained HTML page: the grid, then each cell's quotes; all text escaped."""

from __future__ import annotations

from html import escape

from qualcode.analysis.matrix import Matrix
from qualcode.export.html import POLICY, STYLE, _quote

GRID_STYLE = """
main { max-width: 80rem; }
table.matrix { border-collapse: collapse; font: 14px/1.4 system-ui, sans-serif; }
table.matrix th, table.matrix td { border: 1px solid #bbb; padding: 0.4rem; vertical-align: top; }
table.matrix td .count { color: #555; font-size: 0.85rem; display: block; }
"""


def render_html(matrix: Matrix) -> str:
    """The grid (summary and passage count per cell, linked to its quotes), then the quotes."""
    title = "Code co-occurrence" if matrix.kind == "co-occurrence" else "Framework matrix"
    head = "".join(f"<th>{escape(c.name)}</th>" for c in matrix.columns)
    lines = [f'<table class="matrix"><thead><tr><th></th>{head}</tr></thead><tbody>']
    sections: list[str] = []
    for i, row in enumerate(matrix.rows):
        cells = []
        for j, column in enumerate(matrix.columns):
            cell = matrix.cell(row.key, column.key)
            value = cell.value(matrix.cell_mode)
            count = f'<span class="count">{value}</span>'
            if cell.quotes:
                count = f'<a class="count" href="#c-{i}-{j}">{value}</a>'
                sections.append(
                    f'<section id="c-{i}-{j}"><h2>{escape(row.name)} × {escape(column.name)}</h2>'
                    + (f"<p>{escape(cell.summary)}</p>" if cell.summary else "")
                    + "".join(_quote(q, False) for q in cell.quotes)
                    + "</section>"
                )
            summary = f"<div>{escape(cell.summary)}</div>" if cell.summary else ""
            cells.append(f"<td>{summary}{count}</td>")
        lines.append(f"<tr><th>{escape(row.name)}</th>{''.join(cells)}</tr>")
    lines.append("</tbody></table>")
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                '<html lang="en"><head><meta charset="utf-8">',
                f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
                f"<title>{escape(title)}</title><style>{STYLE}{GRID_STYLE}</style></head>",
                f"<body><main><h1>{escape(title)}</h1>",
                *lines,
                *sections,
                "</main></body></html>",
            ]
        )
        + "\n"
    )
