"""Rich tables of matrices and query hits for the terminal (user text stays plain text)."""

from __future__ import annotations

from rich.table import Table

from qualcode.analysis.matrix import Matrix
from qualcode.analysis.query import Hit
from qualcode.wording import plural


def matrix_table(matrix: Matrix) -> Table:
    """The grid: passages per cell (0/1 with --cell binary), a † where a summary is written."""
    title = (
        "Code co-occurrence (passages)" if matrix.kind == "co-occurrence" else "Framework matrix"
    )
    table = Table(title=title, title_justify="left", show_lines=False)
    table.add_column("", no_wrap=True)
    for column in matrix.columns:
        table.add_column(column.key, justify="right")
    for row in matrix.rows:
        values = []
        for column in matrix.columns:
            cell = matrix.cell(row.key, column.key)
            mark = " †" if cell.summary else ""
            values.append(f"{cell.value(matrix.cell_mode)}{mark}")
        table.add_row(row.name, *values)
    if matrix.kind == "framework":
        table.caption = "passages carrying each code or its sub-codes; † a cell summary"
    return table


def hits_table(hits: list[Hit], limit: int = 200) -> Table:
    """Matching passages: document, passage number (from 1), participant, codes, text."""
    table = Table(title=plural(len(hits), "passage"), title_justify="left", show_lines=True)
    for name in ("Doc", "Passage", "Participant", "Codes", "Text"):
        table.add_column(name, justify="right" if name in {"Doc", "Passage"} else "left")
    for hit in hits[:limit]:
        text = hit.text if len(hit.text) <= 300 else hit.text[:300] + " …"
        table.add_row(
            str(hit.document_id), str(hit.passage), hit.participant, ", ".join(hit.codes), text
        )
    if len(hits) > limit:
        table.caption = f"first {limit} of {len(hits)}; --json or --out for all"
    return table
