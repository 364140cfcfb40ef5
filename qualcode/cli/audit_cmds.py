"""Supervisor commands: agree, assign (blind coding), merge into consensus, audit log and report."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup

from qualcode.audit import (
    DEFAULT_CONSENSUS,
    DEFAULT_THRESHOLD,
    AgreementSummary,
    EventRecord,
    PendingItem,
    agreement,
    assign,
    audit_events,
    build_report,
    close_assignment,
    gather,
    list_assignments,
    merge_document,
    open_assignment_of,
    parse_since,
    pending,
    resolve_passage,
    selected_codes,
    suggester_extra,
    trim,
    write_report,
)
from qualcode.audit.formatting import coefficient, percent, unit_name
from qualcode.cli.common import (
    CoderOpt,
    JsonOpt,
    ProjectArg,
    console,
    default_coder,
    error_console,
    fail,
    print_json,
    project_open,
)
from qualcode.store.documents import find_document


class _DefaultCommandGroup(TyperGroup):
    """A group that runs `default_command` when its first argument names no subcommand."""

    default_command = ""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


class _AssignGroup(_DefaultCommandGroup):
    default_command = "add"


class _MergeGroup(_DefaultCommandGroup):
    default_command = "apply"


assign_app = typer.Typer(
    cls=_AssignGroup,
    no_args_is_help=True,
    help="Assign documents to coders for independent (blind) coding: add (default), list, close.",
)
merge_app = typer.Typer(
    cls=_MergeGroup,
    no_args_is_help=True,
    help="Merge coders' codings into a consensus coder: apply (default), pending, resolve.",
)
audit_app = typer.Typer(no_args_is_help=True, help="The audit trail and the supervisor's report.")

CodersOpt = Annotated[str, typer.Option("--coders", help="Coders, comma-separated: A,B[,C].")]
DocsOpt = Annotated[list[str], typer.Option("--doc", help="Document id, title or file name.")]
DocOpt = Annotated[str, typer.Option("--doc", help="Document id, title or file name.")]
IntoOpt = Annotated[str, typer.Option("--into", help="The consensus coder's name.")]


class UnitChoice(StrEnum):
    """The unit of analysis for agreement."""

    passage = "passage"
    char = "char"


def _names(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


def agree(
    project: ProjectArg,
    coders: CodersOpt,
    code: Annotated[
        list[str] | None, typer.Option("--code", help="Only this code and its sub-codes.")
    ] = None,
    doc: Annotated[
        list[str] | None,
        typer.Option("--doc", help="Only this document (default: all both coded)."),
    ] = None,
    unit: Annotated[UnitChoice, typer.Option(help="Unit of analysis.")] = UnitChoice.passage,
    threshold: Annotated[
        float, typer.Option(help="Flag codes whose kappa is below this.")
    ] = DEFAULT_THRESHOLD,
    limit: Annotated[int, typer.Option(min=0, help="Disagreements to list (0: all).")] = 20,
    as_json: JsonOpt = False,
) -> None:
    """Inter-coder agreement per code (n, %, kappa, alpha, band) and the disagreements behind it."""
    names = _names(coders)
    with project_open(project) as opened:
        with opened.read() as session:
            ids = [find_document(session, d).id for d in doc] if doc else None
        extra = suggester_extra(opened, names, documents=ids)
        with opened.read() as session:
            keys = selected_codes(session, code) if code else None
            data = gather(session, names, documents=ids, extra=extra)
            summary = agreement(session, data, unit=unit.value, codes=keys, threshold=threshold)
    if as_json:
        print_json(summary.as_json())
    else:
        _print_agreement(summary, limit)


def _print_agreement(summary: AgreementSummary, limit: int) -> None:
    two = len(summary.coders) == 2
    console.print(
        f"[bold]Agreement between {' and '.join(summary.coders)}[/] · unit: "
        f"[bold]{unit_name(summary.unit)}[/] — {summary.unit_description}."
    )
    console.print(
        f"{len(summary.documents)} document(s): "
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
        console.print(f"[dim]note: {note}[/]")
    if summary.flagged:
        console.print(f"[bold yellow]{len(summary.flagged)} code(s) flagged[/]:")
        for row in summary.flagged:
            console.print(f"  {row.code}: {row.flag}", soft_wrap=True)
    items = summary.disagreements
    console.print(f"\n[bold]{len(items)} disagreement(s)[/] (passage level)")
    shown = items if limit == 0 else items[:limit]
    current = None
    for item in shown:
        if item.code != current:
            current = item.code
            console.print(f"\n[bold cyan]{item.code}[/] — {item.code_name}")
            for label, rules in (("include", item.include), ("exclude", item.exclude)):
                if rules:
                    console.print(Text(f"  {label}: " + "; ".join(rules), style="dim"))
        who = f"{item.participant or item.title}, doc {item.document_id}, passage {item.passage}"
        console.print(
            f"  [bold]{who}[/]: applied by {', '.join(item.applied_by)}; "
            f"not by {', '.join(item.not_applied_by)}"
        )
        console.print(Text(f"    “{trim(item.text, 240)}”"))
        codes = " · ".join(f"{c}: {', '.join(k) or '—'}" for c, k in item.codes.items())
        console.print(Text(f"    codes: {codes}", style="dim"))
    if len(shown) < len(items):
        console.print(f"\n… {len(items) - len(shown)} more (--limit 0 for all, or --json).")


@assign_app.command("add")
def assign_add(
    project: ProjectArg,
    doc: DocsOpt,
    coders: CodersOpt,
    blind: Annotated[
        bool, typer.Option("--blind", help="Each coder sees only their own codings until closed.")
    ] = False,
    coder: CoderOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Assign documents to two or more coders (recorded as the supervisor's act)."""
    who = coder or default_coder()
    with project_open(project) as opened, opened.write() as session:
        made = [
            assign(session, find_document(session, d), _names(coders), blind=blind, supervisor=who)
            for d in doc
        ]
    if as_json:
        print_json([a.as_json() for a in made])
        return
    for a in made:
        mode = "blind" if a.blind else "open"
        console.print(
            f"Assignment {a.id}: document {a.document_id} to {', '.join(a.coders)} ({mode}), "
            f"by {who}."
        )


@assign_app.command("list")
def assign_list(
    project: ProjectArg,
    all_: Annotated[bool, typer.Option("--all", help="Closed assignments too.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Open assignments (with --all, closed ones too)."""
    with project_open(project) as opened, opened.read() as session:
        found = list_assignments(session, status=None if all_ else "open")
    if as_json:
        print_json([a.as_json() for a in found])
        return
    table = Table(title="Assignments", title_justify="left")
    for column in ("#", "Document", "Coders", "Mode", "Status", "By", "Since"):
        table.add_column(column)
    for a in found:
        table.add_row(
            str(a.id), f"{a.document_id} {a.participant or a.title}", ", ".join(a.coders),
            "blind" if a.blind else "open", a.status, a.assigned_by or "",
            f"{a.assigned_at:%Y-%m-%d %H:%M}",
        )  # fmt: skip
    console.print(table if found else "No assignments.")


@assign_app.command("close")
def assign_close(
    project: ProjectArg,
    assignment: Annotated[int | None, typer.Argument(help="Assignment number.")] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Close this document's.")] = None,
    coder: CoderOpt = None,
) -> None:
    """Close an assignment: a blind document's codings become visible to its coders."""
    who = coder or default_coder()
    with project_open(project) as opened, opened.write() as session:
        if (assignment is None) == (doc is None):
            fail("give an assignment number or --doc")
        if doc is not None:
            document = find_document(session, doc)
            found = open_assignment_of(session, document.id)
            if found is None:
                fail(f"document {document.id} has no open assignment")
            assignment = found.id
        assert assignment is not None
        closed = close_assignment(session, assignment, supervisor=who)
    console.print(f"Assignment {closed.id} (document {closed.document_id}) is closed.")


@merge_app.command("apply")
def merge_apply(
    project: ProjectArg,
    doc: DocsOpt,
    coders: CodersOpt,
    strategy: Annotated[
        str, typer.Option(help="take:CODER, union or intersection (of the coded characters).")
    ],
    into: IntoOpt = DEFAULT_CONSENSUS,
    code: Annotated[list[str] | None, typer.Option("--code", help="Only these codes.")] = None,
    coder: CoderOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Set the consensus coder's codings of documents from the coders' (idempotent)."""
    who = coder or default_coder()
    with project_open(project) as opened, opened.write() as session:
        results = [
            merge_document(
                session, find_document(session, d), _names(coders), strategy=strategy,
                into=into, codes=code, supervisor=who,
            )
            for d in doc
        ]  # fmt: skip
    if as_json:
        print_json([r.as_json() for r in results])
        return
    for r in results:
        console.print(
            f"Document {r.document_id}: {r.into} ← {strategy} of {coders}: "
            f"{r.added} coding(s) added, {r.removed} removed."
        )


@merge_app.command("pending")
def merge_pending(
    project: ProjectArg,
    doc: DocOpt,
    coders: CodersOpt,
    into: IntoOpt = DEFAULT_CONSENSUS,
    all_: Annotated[bool, typer.Option("--all", help="Resolved disagreements too.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """The coders' disagreements on a document not yet resolved into the consensus."""
    with project_open(project) as opened, opened.read() as session:
        document = find_document(session, doc)
        items = pending(session, document, _names(coders), into=into, include_decided=all_)
    if as_json:
        print_json([i.as_json() for i in items])
    else:
        _print_pending(items, into)


def _print_pending(items: list[PendingItem], into: str) -> None:
    if not items:
        console.print("Nothing left to resolve.")
        return
    for p in items:
        d = p.disagreement
        state = f"{into} {'applies' if p.consensus_applies else 'does not apply'} it"
        decided = f", resolved: {p.decision}" if p.decision else ""
        console.print(
            f"[bold]--code {d.code} --passage {d.passage}[/]: applied by {', '.join(d.applied_by)};"
            f" not by {', '.join(d.not_applied_by)} ({state}{decided})"
        )
        console.print(Text(f"    “{trim(d.text, 240)}”"))
    console.print(f"{len(items)} disagreement(s); settle each with: qualcode merge resolve ...")


@merge_app.command("resolve")
def merge_resolve(
    project: ProjectArg,
    doc: DocOpt,
    code: Annotated[str, typer.Option("--code", help="Code key.")],
    passage: Annotated[int, typer.Option("--passage", min=0, help="Passage index.")],
    keep: Annotated[
        bool, typer.Option("--keep/--drop", help="Consensus applies the code here, or not.")
    ],
    into: IntoOpt = DEFAULT_CONSENSUS,
    coders: Annotated[
        str | None, typer.Option("--coders", help="With --keep: take spans from these coders.")
    ] = None,
    coder: CoderOpt = None,
) -> None:
    """Settle one disagreement: the consensus coder keeps or drops a code on a passage."""
    who = coder or default_coder()
    with project_open(project) as opened, opened.write() as session:
        document = find_document(session, doc)
        result = resolve_passage(
            session, document, code, passage, keep=keep, into=into,
            coders=_names(coders) if coders else None, supervisor=who,
        )  # fmt: skip
    console.print(
        f"Passage {passage} of document {document.id}: {into} {result.action}s '{code}' "
        f"({result.added} added, {result.removed} removed)."
    )


def _describe(event: EventRecord) -> str:
    state: dict[str, Any] = event.after or event.before or {}
    parts = [f"{k}={v}" for k, v in state.items() if v not in (None, "", [], {})]
    return trim(", ".join(parts), 90)


@audit_app.command("log")
def audit_log(
    project: ProjectArg,
    coder: Annotated[str | None, typer.Option("--coder", help="Only this person's.")] = None,
    since: Annotated[
        str | None, typer.Option(help="From YYYY-MM-DD[THH:MM] (UTC), or 7d, 12h, 2w ago.")
    ] = None,
    code: Annotated[str | None, typer.Option("--code", help="Only about this code.")] = None,
    action: Annotated[
        str | None, typer.Option(help="Only this action, e.g. coding.add, or coding.")
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Only the newest N.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The append-only audit log: who changed what and when, oldest first."""
    moment = None
    if since is not None:
        try:
            moment = parse_since(since)
        except Exception as exc:  # a QualcodeError with the accepted forms
            fail(str(exc))
    with project_open(project) as opened, opened.read() as session:
        events = audit_events(
            session, coder=coder, since=moment, code=code, action=action, limit=limit
        )
    if as_json:
        print_json([e.as_json() for e in events])
        return
    table = Table(title=f"Audit log ({len(events)} events)", title_justify="left")
    for column in ("#", "When (UTC)", "Who", "Action", "What", "Details"):
        table.add_column(column, overflow="fold")
    for e in events:
        table.add_row(
            str(e.id), f"{e.at:%Y-%m-%d %H:%M:%S}", e.coder or "", e.action,
            f"{e.entity} {e.entity_id if e.entity_id is not None else ''}", _describe(e),
        )  # fmt: skip
    console.print(table)


@audit_app.command("report")
def audit_report(
    project: ProjectArg,
    out: Annotated[Path, typer.Option("--out", help="report.html or report.md")],
    coders: Annotated[
        str | None, typer.Option("--coders", help="Coders to compare (default: all human coders).")
    ] = None,
    threshold: Annotated[float, typer.Option(help="Flag kappa below this.")] = DEFAULT_THRESHOLD,
) -> None:
    """Write the supervisor's report: agreement, volume, disagreements, patterns, assignments."""
    with project_open(project) as opened:
        with opened.read() as session:
            data = build_report(
                session, coders=_names(coders) if coders else None, threshold=threshold
            )
        write_report(data, out)
    console.print(f"Wrote the audit report to {out}.")
    if data.unreviewed:
        error_console.print(
            f"[yellow]warning:[/] {data.unreviewed} possible identifier(s) in the report's "
            f"passages were never reviewed; list them with: qualcode anonymise check {project}",
            soft_wrap=True,
        )
