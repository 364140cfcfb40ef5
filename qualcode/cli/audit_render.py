"""Terminal rendering of the supervisor's reports: `qualcode agree` prints a per-code agreement
table (n, %, kappa, alpha, band), the flagged codes and the passage-level disagreements behind
them, and `qualcode merge pending` lists the coders' disagreements still to settle into the
consensus; these functions only decide how the results look (the numbers come from
`qualcode.audit`, the commands that call them live in `agree_cmds` and `audit_cmds`).
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from qualcode.audit.agreement import AgreementSummary
from qualcode.audit.formatting import coefficient, percent, unit_name
from qualcode.audit.pending import PendingItem
from qualcode.audit.report import trim
from qualcode.cli.common import console
from qualcode.numbering import passage_number
from qualcode.wording import plural


def print_agreement(summary: AgreementSummary, limit: int) -> None:
    """The agreement table, notes, flagged codes and up to `limit` disagreements (0: all)."""
    two = len(summary.coders) == 2
    console.print(
        Text.assemble(
            (f"Agreement between {' and '.join(summary.coders)}", "bold"),
            " · unit: ",
            (unit_name(summary.unit), "bold"),
            f" — {summary.unit_description}.",
        )
    )
    console.print(
        f"{plural(len(summary.documents), 'document')}: "
        + ", ".join(f"{d} ({p or t})" for d, t, p in summary.documents)
    )
    table = Table(title_justify="left", show_edge=False)
    table.add_column("Code", overflow="fold")
    for column in ("n units", "% agree", "Cohen's κ" if two else "Fleiss' κ", "α"):
        table.add_column(column, justify="right")
    table.add_column("Band", overflow="fold")
    for row in summary.rows:
        style = "yellow" if row.flag else ""
        cells = (row.code or "", f"{row.n_units:,}", percent(row.percent))
        table.add_row(
            *cells, coefficient(row.kappa), coefficient(row.alpha), row.band or "–", style=style
        )
    o = summary.overall
    table.add_section()
    table.add_row(
        "overall (pooled)", f"{o.n_units:,}", percent(o.percent), coefficient(o.kappa),
        coefficient(o.alpha), o.band or "–", style="bold",
    )  # fmt: skip
    console.print(table)
    for note in summary.notes:
        console.print(Text(f"note: {note}", style="dim"))
    if summary.flagged:
        flagged = f"{plural(len(summary.flagged), 'code')} flagged"
        console.print(Text.assemble((flagged, "bold yellow"), ":"))
        for row in summary.flagged:
            console.print(f"  {row.code}: {row.flag}", soft_wrap=True)
    items = summary.disagreements
    heading = "\n" + plural(len(items), "disagreement")
    console.print(Text.assemble((heading, "bold"), " (passage level)"))
    shown = items if limit == 0 else items[:limit]
    current = None
    for item in shown:
        if item.code != current:
            current = item.code
            console.print(Text.assemble("\n", (item.code, "bold cyan"), f" — {item.code_name}"))
            for label, rules in (("include", item.include), ("exclude", item.exclude)):
                if rules:
                    console.print(Text(f"  {label}: " + "; ".join(rules), style="dim"))
        where = f"doc {item.document_id}, passage {passage_number(item.passage)}"
        who = f"{item.participant or item.title}, {where}"
        console.print(
            Text.assemble(
                "  ",
                (who, "bold"),
                f": applied by {', '.join(item.applied_by)}; "
                f"not by {', '.join(item.not_applied_by)}",
            )
        )
        console.print(Text(f"    “{trim(item.text, 240)}”"))
        codes = " · ".join(f"{c}: {', '.join(k) or '—'}" for c, k in item.codes.items())
        console.print(Text(f"    codes: {codes}", style="dim"))
    if len(shown) < len(items):
        console.print(f"\n… {len(items) - len(shown)} more (--limit 0 for all, or --json).")


def print_pending(items: list[PendingItem], into: str) -> None:
    """Each unsettled disagreement with the consensus coder's current state and the passage."""
    if not items:
        console.print("Nothing left to resolve.")
        return
    for p in items:
        d = p.disagreement
        state = f"{into} {'applies' if p.consensus_applies else 'does not apply'} it"
        decided = f", resolved: {p.decision}" if p.decision else ""
        console.print(
            Text.assemble(
                (f"--code {d.code} --passage {passage_number(d.passage)}", "bold"),
                f": applied by {', '.join(d.applied_by)};"
                f" not by {', '.join(d.not_applied_by)} ({state}{decided})",
            )
        )
        console.print(Text(f"    “{trim(d.text, 240)}”"))
    settle = "settle each with: qualcode merge resolve ..."
    console.print(f"{plural(len(items), 'disagreement')}; {settle}")
