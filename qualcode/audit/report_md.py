"""The audit report as Markdown: pipe tables and quoted passages, table cells escaped."""

from __future__ import annotations

from collections.abc import Sequence

from qualcode.audit.formatting import coefficient, percent, unit_name
from qualcode.audit.report import ReportData
from qualcode.audit.report_patterns import (
    CO_OCCURRENCE_NOTE,
    FREQUENCY_NOTE,
    frequency_head,
    frequency_rows,
    pair_rows,
)
from qualcode.numbering import passage_number
from qualcode.wording import plural


def _cell(value: object) -> str:
    text = " ".join(str(value).split())
    for special in ("\\", "|", "*", "_", "`", "[", "]"):
        text = text.replace(special, f"\\{special}")
    return text.replace("<", "&lt;")  # never an HTML tag in the rendered page


def _table(head: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return [*lines, ""]


def _agreement(data: ReportData) -> list[str]:
    if data.agreement_note:
        return [_cell(data.agreement_note), ""]
    docs = ", ".join(f"{label} (doc {d})" for d, label in data.documents)
    lines = [
        f"Coders compared: **{_cell(', '.join(data.coders))}**, over "
        f"{plural(len(data.documents), 'document')}: {_cell(docs)}. "
        "Codes are flagged when kappa is below "
        f"{data.threshold:g} or undefined.",
        "",
    ]
    lines += [f"*{_cell(note)}*\n" for note in data.notes]
    for table in data.agreement:
        lines += [f"### Unit: {unit_name(table.unit)}", "", f"*{_cell(table.description)}.*", ""]
        rows = [
            (
                f"{r.code} — {r.name}" if r is not table.overall else r.name,
                f"{r.n_units:,}",
                percent(r.percent),
                coefficient(r.kappa),
                coefficient(r.alpha),
                r.band or "–",
                ("⚠ " + r.flag) if r.flag else "",
            )
            for r in (*table.rows, table.overall)
        ]
        head = ("Code", "n units", "% agreement", "kappa", "alpha", "Interpretation", "Flag")
        lines += _table(head, rows)
    return lines


def _volume(data: ReportData) -> list[str]:
    lines = _table(
        ("Coder", "Codings", "Documents", "Coded passages", "Coded share"),
        [
            (
                c["coder"],
                c["codings"],
                c["documents"],
                c["coded_passages"],
                f"{c['coded_percent']} %",
            )
            for c in data.coder_counts
        ],
    )
    activity = data.activity
    lines += [f"### Codings added per {activity.period}", ""]
    names = list(activity.counts)
    rows = [
        (label, *(activity.counts[n][i] for n in names)) for i, label in enumerate(activity.labels)
    ]
    lines += (
        _table((activity.period.capitalize(), *names), rows) if rows else ["No codings yet.", ""]
    )
    coders = [str(c["coder"]) for c in data.coder_counts]
    lines += ["### Codings per code and coder", ""]
    lines += _table(
        ("Code", *coders),
        [
            (("  " if sub else "") + f"{key} — {name}", *(counts.get(c, 0) for c in coders))
            for key, name, sub, counts in data.code_counts
        ],
    )
    return lines


def _disagreements(data: ReportData) -> list[str]:
    if not data.disagreements:
        return ["No passage-level disagreements.", ""]
    lines: list[str] = []
    for d in data.disagreements:
        codes = "; ".join(f"{c}: {', '.join(k) or 'no code'}" for c, k in d.codes.items())
        lines += [
            f"**{_cell(d.code)}** — {_cell(d.code_name)} · {_cell(d.participant)} "
            f"(doc {d.document_id}, passage {passage_number(d.passage)})",
            "",
            f"> {_cell(d.text)}",
            "",
            f"Applied by {_cell(', '.join(d.applied_by))}; not by "
            f"{_cell(', '.join(d.not_applied_by))}. Codes on this passage — {_cell(codes)}",
            "",
        ]
    if data.more_disagreements:
        lines += [f"… and {data.more_disagreements} more (see `qualcode agree`).", ""]
    return lines


def _patterns(data: ReportData) -> list[str]:
    patterns = data.patterns
    if patterns is None:
        return []
    coders = ", ".join(patterns.coders) or "no coder"
    names = {key: name for key, name, _, _ in data.code_counts}
    lines = ["## Code frequency by participant attribute", ""]
    lines += [f"*{_cell(FREQUENCY_NOTE.format(coders=coders))}*", ""]
    if not patterns.frequency.tables:
        lines += ["No participant attributes recorded.", ""]
    for table in patterns.frequency.tables:
        lines += [f"### By {_cell(table.attribute)}", ""]
        if table.rows:
            lines += _table(frequency_head(table), frequency_rows(table, names))
        else:
            lines += ["No codings.", ""]
    for name, count in patterns.frequency.skipped:
        lines += [f"{_cell(name)}: not tabulated ({count} values).", ""]
    lines += ["## Code co-occurrence", "", f"*{_cell(CO_OCCURRENCE_NOTE.format(coders=coders))}*"]
    co = patterns.co_occurrence
    rows, cut = pair_rows(co, patterns.coders)
    if rows:
        lines += [
            "",
            *_table(("Code", "Code", "Passages", *(f"by {c}" for c in patterns.coders)), rows),
        ]
        lines += [f"… and {cut} more pairs.", ""] if cut else []
        lines += ["### Passages per code", ""]
        lines += _table(("Code", "Passages"), [(c, co.applied[c]) for c in co.codes])
    else:
        lines += ["", "No two codes co-occur in any passage.", ""]
    return lines


def render_markdown(data: ReportData) -> str:
    """The report as a Markdown document."""
    lines = [
        "# Coding audit report",
        "",
        f"Codebook: {_cell(data.codebook)} · generated {data.generated_at:%Y-%m-%d %H:%M} UTC · "
        "participants are named by their labels only; passage text is redacted with the "
        "project's identifier registry.",
        "",
        "## Agreement per code",
        "",
        *_agreement(data),
        "## Coding volume per coder",
        "",
        *_volume(data),
        *_patterns(data),
        "## Disagreements (passage level)",
        "",
        *_disagreements(data),
        "## Open assignments",
        "",
    ]
    if data.assignments:
        lines += _table(
            ("#", "Document", "Coders", "Mode", "Assigned by", "Since"),
            [
                (
                    a.id,
                    f"{a.participant} (doc {a.document_id})",
                    ", ".join(a.coders),
                    "blind" if a.blind else "open",
                    a.assigned_by or "",
                    f"{a.assigned_at:%Y-%m-%d}",
                )
                for a in data.assignments
            ],
        )
    else:
        lines += ["No open assignments.", ""]
    return "\n".join(lines)
