"""Commands for independent coding and how well it agrees: `qualcode agree` measures
inter-coder agreement per code (n, %, kappa, alpha, band) and lists the disagreements behind it,
and the `qualcode assign` group (add, the default; list; close) hands documents to two or more
coders, optionally blind, and records it as the supervisor's act; merging into a consensus and
the audit trail are in `audit_cmds`, the agreement rendering in `audit_render`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from qualcode.audit.agreement import DEFAULT_THRESHOLD, agreement, selected_codes
from qualcode.audit.assignments import (
    assign,
    close_assignment,
    list_assignments,
    open_assignment_of,
)
from qualcode.audit.gather import gather, suggester_extra
from qualcode.audit.redacted import redacted_summary
from qualcode.cli.audit_render import print_agreement
from qualcode.cli.common import (
    CoderOpt,
    JsonOpt,
    ProjectArg,
    console,
    default_coder,
    fail,
    print_json,
    project_open,
)
from qualcode.cli.options import ThresholdOpt
from qualcode.cli.supervisor_common import CodersOpt, DefaultCommandGroup, DocsOpt, coder_names
from qualcode.cli.unreviewed import UnreviewedOpt, keep_unreviewed, warn_unreviewed
from qualcode.export.policy import ExportRedactor
from qualcode.store.documents import find_document


class _AssignGroup(DefaultCommandGroup):
    default_command = "add"


assign_app = typer.Typer(
    cls=_AssignGroup,
    no_args_is_help=True,
    help="Assign documents to coders for independent (blind) coding: add (default), list, close.",
)


class UnitChoice(StrEnum):
    """The unit of analysis for agreement."""

    passage = "passage"
    char = "char"


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
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    limit: Annotated[int, typer.Option(min=0, help="Disagreements to list (0: all).")] = 20,
    unreviewed: UnreviewedOpt = "redact",
    as_json: JsonOpt = False,
) -> None:
    """Inter-coder agreement per code (n, %, kappa, alpha, band) and the disagreements behind it;
    passages, codes and labels redacted as in exports."""
    keep = keep_unreviewed(unreviewed)
    names = coder_names(coders)
    with project_open(project) as opened:
        with opened.read() as session:
            ids = [find_document(session, d).id for d in doc] if doc else None
        extra = suggester_extra(opened, names, documents=ids)
        with opened.read() as session:
            keys = selected_codes(session, code) if code else None
            data = gather(session, names, documents=ids, extra=extra)
            summary = agreement(session, data, unit=unit.value, codes=keys, threshold=threshold)
            policy = ExportRedactor.for_project(session, keep_unreviewed=keep)
            summary = redacted_summary(session, summary, policy)
    if as_json:
        print_json(summary.as_json())
    else:
        print_agreement(summary, limit)
    warn_unreviewed(len(policy.flagged), project, kept=keep)


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
            assign(
                session, find_document(session, d), coder_names(coders), blind=blind,
                supervisor=who,
            )
            for d in doc
        ]  # fmt: skip
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
