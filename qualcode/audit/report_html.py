"""The audit report as one self-contained HTML page: inline styles and SVG, every value escaped."""

from __future__ import annotations

from html import escape

from qualcode.audit.agreement import CodeAgreement
from qualcode.audit.charts import bar_chart
from qualcode.audit.formatting import coefficient, percent, unit_name
from qualcode.audit.report import ReportData
from qualcode.audit.report_patterns import co_occurrence_html, frequency_html
from qualcode.numbering import passage_number
from qualcode.wording import plural

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto;
       max-width: 62em; color: #222; line-height: 1.45; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { margin-top: 1.8em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: .6em 0 1.2em; font-size: .92em; }
table.wide { width: 100%; }
th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.flag td { background: #fff3e0; } tr.overall td { font-weight: bold; background: #f7f7f7; }
.meta { color: #555; } .unit { color: #444; font-style: italic; }
.sub td:first-child { padding-left: 1.6em; }
blockquote { margin: .4em 0 .4em 0; padding: .4em .8em; border-left: 4px solid #bbb;
             background: #fafafa; }
svg { display: block; margin: .4em 0 1.2em; max-width: 100%; height: auto; }
.dis { margin-bottom: 1.2em; } .small { font-size: .88em; color: #444; }
"""


def _agreement_table(rows: tuple[CodeAgreement, ...], overall: CodeAgreement) -> str:
    head = (
        "<tr><th>Code</th><th>n units</th><th>% agreement</th><th>kappa</th><th>alpha</th>"
        "<th>Interpretation</th><th>Flag</th></tr>"
    )
    body = []
    for row in (*rows, overall):
        css = "overall" if row is overall else "flag" if row.flag else ""
        label = row.name if row is overall else f"{row.code} — {row.name}"
        body.append(
            f'<tr class="{css}"><td>{escape(label)}</td><td class="n">{row.n_units:,}</td>'
            f'<td class="n">{percent(row.percent)}</td><td class="n">{coefficient(row.kappa)}</td>'
            f'<td class="n">{coefficient(row.alpha)}</td><td>{escape(row.band or "–")}</td>'
            f"<td>{escape(row.flag or '')}</td></tr>"
        )
    return f"<table class='wide'>{head}{''.join(body)}</table>"


def _agreement(data: ReportData) -> str:
    if data.agreement_note:
        return f"<p>{escape(data.agreement_note)}</p>"
    parts = [
        f"<p>Coders compared: <b>{escape(', '.join(data.coders))}</b>, over "
        f"{plural(len(data.documents), 'document')}: "
        + escape(", ".join(f"{label} (doc {d})" for d, label in data.documents))
        + f". Codes are flagged when kappa is below {data.threshold:g} or undefined.</p>"
    ]
    parts += [f'<p class="small">{escape(note)}</p>' for note in data.notes]
    for table in data.agreement:
        parts.append(f"<h3>Unit: {unit_name(table.unit)}</h3>")
        parts.append(f'<p class="unit">{escape(table.description)}.</p>')
        parts.append(_agreement_table(table.rows, table.overall))
    return "".join(parts)


def _volume(data: ReportData) -> str:
    coder_rows = "".join(
        f"<tr><td>{escape(str(c['coder']))}</td><td class='n'>{c['codings']}</td>"
        f"<td class='n'>{c['documents']}</td><td class='n'>{c['coded_passages']}</td>"
        f"<td class='n'>{c['coded_percent']} %</td></tr>"
        for c in data.coder_counts
    )
    names = [str(c["coder"]) for c in data.coder_counts]
    code_rows = "".join(
        f"<tr class='{'sub' if sub else ''}'><td>{escape(key)} — {escape(name)}</td>"
        + "".join(f"<td class='n'>{counts.get(n, 0)}</td>" for n in names)
        + "</tr>"
        for key, name, sub, counts in data.code_counts
    )
    activity = data.activity
    chart = (
        bar_chart(activity.labels, activity.counts, title=f"Codings added per {activity.period}")
        if activity.labels
        else "<p>No codings in the audit log yet.</p>"
    )
    return (
        "<table><tr><th>Coder</th><th>Codings</th><th>Documents</th><th>Coded passages</th>"
        f"<th>Coded share</th></tr>{coder_rows}</table>"
        f"<h3>Codings added per {escape(activity.period)}</h3>{chart}"
        "<h3>Codings per code and coder</h3><table><tr><th>Code</th>"
        + "".join(f"<th>{escape(n)}</th>" for n in names)
        + f"</tr>{code_rows}</table>"
    )


def _disagreements(data: ReportData) -> str:
    if not data.disagreements:
        return "<p>No passage-level disagreements.</p>"
    items = []
    for d in data.disagreements:
        codes = "; ".join(
            f"{escape(coder)}: {escape(', '.join(keys) or 'no code')}"
            for coder, keys in d.codes.items()
        )
        items.append(
            f'<div class="dis"><b>{escape(d.code)}</b> — {escape(d.code_name)} · '
            f"{escape(d.participant)} (doc {d.document_id}, passage {passage_number(d.passage)})"
            f"<blockquote>{escape(d.text)}</blockquote>"
            f'<div class="small">applied by {escape(", ".join(d.applied_by))}; not by '
            f"{escape(', '.join(d.not_applied_by))}. Codes on this passage — {codes}</div></div>"
        )
    more = (
        f"<p>… and {data.more_disagreements} more (see <code>qualcode agree</code>).</p>"
        if data.more_disagreements
        else ""
    )
    return "".join(items) + more


def _assignments(data: ReportData) -> str:
    if not data.assignments:
        return "<p>No open assignments.</p>"
    rows = "".join(
        f"<tr><td class='n'>{a.id}</td><td>{escape(a.participant)} (doc {a.document_id})</td>"
        f"<td>{escape(', '.join(a.coders))}</td><td>{'blind' if a.blind else 'open'}</td>"
        f"<td>{escape(a.assigned_by or '')}</td><td>{a.assigned_at:%Y-%m-%d}</td></tr>"
        for a in data.assignments
    )
    return (
        "<table><tr><th>#</th><th>Document</th><th>Coders</th><th>Mode</th>"
        f"<th>Assigned by</th><th>Since</th></tr>{rows}</table>"
    )


def _patterns(data: ReportData) -> list[tuple[str, str]]:
    if data.patterns is None:
        return []
    names = {key: name for key, name, _, _ in data.code_counts}
    return [
        ("Code frequency by participant attribute", frequency_html(data.patterns, names)),
        ("Code co-occurrence", co_occurrence_html(data.patterns)),
    ]


def render_html(data: ReportData) -> str:
    """The report as an HTML document that needs nothing else to display."""
    sections = [
        ("Agreement per code", _agreement(data)),
        ("Coding volume per coder", _volume(data)),
        *_patterns(data),
        ("Disagreements (passage level)", _disagreements(data)),
        ("Open assignments", _assignments(data)),
    ]
    body = "".join(f"<h2>{escape(title)}</h2>{html}" for title, html in sections)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Coding audit report</title>"
        f"<style>{STYLE}</style></head><body><h1>Coding audit report</h1>"
        f'<p class="meta">Codebook: {escape(data.codebook)} · generated '
        f"{data.generated_at:%Y-%m-%d %H:%M} UTC · participants are named by their labels only; "
        "passage text is redacted with the project's identifier registry.</p>"
        f"{body}</body></html>\n"
    )
