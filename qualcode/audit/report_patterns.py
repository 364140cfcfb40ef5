"""The report's frequency-by-attribute and co-occurrence sections, as HTML and as Markdown rows."""

from __future__ import annotations

from html import escape

from qualcode.analysis.patterns import AttributeTable, CoOccurrence
from qualcode.analysis.patterns_gather import Patterns
from qualcode.audit.charts import hbar_chart, heatmap

MAX_PAIRS = 50

FREQUENCY_NOTE = (
    "Each table counts the codings of {coders} per code among participants with each value of "
    "a public participant attribute, and in brackets how many distinct participants were coded "
    "with it; the column head gives how many participants have the value. A participant with "
    "several documents counts once."
)

CO_OCCURRENCE_NOTE = (
    "Unit: the passage. A coder applied a code to a passage when one of their codings with it "
    "shares at least one character with the passage. Two codes co-occur in a passage when one "
    "coder applied both there; the passage counts once however many of {coders} did so. Codes "
    "applied there by different coders only (a disagreement) do not co-occur. The diagonal is the "
    "number of passages each code was applied to by any of them."
)


def _coders(patterns: Patterns) -> str:
    return ", ".join(patterns.coders) or "no coder"


def _head(table: AttributeTable, value: str) -> str:
    size = table.sizes[value]
    return f"{value} (n={size})"


def frequency_rows(table: AttributeTable, names: dict[str, str]) -> list[list[str]]:
    """A table's rows as text: code — name, then "codings (participants)" per value."""
    return [
        [f"{code} — {names.get(code, code)}"]
        + [f"{cells[v].codings} ({cells[v].participants})" for v in table.values]
        for code, cells in table.rows
    ]


def frequency_head(table: AttributeTable) -> list[str]:
    """The column heads: "Code", then each value with its number of participants."""
    return ["Code", *(_head(table, v) for v in table.values)]


def pair_rows(co: CoOccurrence, coders: tuple[str, ...]) -> tuple[list[list[object]], int]:
    """The co-occurring pairs (most passages first, up to MAX_PAIRS) and how many were cut."""
    ranked = co.ranked()
    rows: list[list[object]] = [
        [a, b, n, *(co.by_coder[(a, b)].get(c, 0) for c in coders)] for a, b, n in ranked
    ]
    return rows[:MAX_PAIRS], max(0, len(rows) - MAX_PAIRS)


def _html_table(head: list[str], rows: list[list[object]], numeric_from: int) -> str:
    cells = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=n' if i >= numeric_from else ''}>{escape(str(v))}</td>"
            for i, v in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><tr>{cells}</tr>{body}</table>"


def frequency_html(patterns: Patterns, names: dict[str, str]) -> str:
    """Per attribute: the codes × values table and a bar chart of codings."""
    frequency = patterns.frequency
    parts = [f'<p class="unit">{escape(FREQUENCY_NOTE.format(coders=_coders(patterns)))}</p>']
    if not frequency.tables:
        parts.append("<p>No participant attributes recorded.</p>")
    for table in frequency.tables:
        parts.append(f"<h3>By {escape(table.attribute)}</h3>")
        if not table.rows:
            parts.append("<p>No codings.</p>")
            continue
        rows: list[list[object]] = [list(r) for r in frequency_rows(table, names)]
        parts.append(_html_table(frequency_head(table), rows, 1))
        series = {v: [cells[v].codings for _, cells in table.rows] for v in table.values}
        labels = [code for code, _ in table.rows]
        parts.append(hbar_chart(labels, series, title=f"Codings per code by {table.attribute}"))
    for name, count in frequency.skipped:
        parts.append(f"<p class='small'>{escape(name)}: not tabulated ({count} values).</p>")
    return "".join(parts)


def co_occurrence_html(patterns: Patterns) -> str:
    """The definition, the heat map and the table of co-occurring pairs."""
    co = patterns.co_occurrence
    parts = [f'<p class="unit">{escape(CO_OCCURRENCE_NOTE.format(coders=_coders(patterns)))}</p>']
    if len(co.codes) < 2:
        return "".join([*parts, "<p>Fewer than two codes applied: nothing co-occurs.</p>"])
    codes = co.codes
    parts.append(
        heatmap(
            codes,
            lambda i, j: co.count(codes[i], codes[j]),
            title="Passages where one coder applied both codes",
        )
    )
    rows, cut = pair_rows(co, patterns.coders)
    if not rows:
        return "".join([*parts, "<p>No two codes co-occur in any passage.</p>"])
    head = ["Code", "Code", "Passages", *(f"by {c}" for c in patterns.coders)]
    parts.append(_html_table(head, rows, 2))
    if cut:
        parts.append(f"<p>… and {cut} more pairs.</p>")
    return "".join(parts)
