"""Commands for what happens after independent coding: the `qualcode merge` group (apply, the
default; pending; resolve) sets a consensus coder's codings from the coders' by a strategy and
settles their disagreements one passage at a time, and the `qualcode audit` group shows the
append-only audit log (log) and writes the supervisor's report (report); agreement and
assignments are in `agree_cmds`, the pending-list rendering in `audit_render`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from qualcode.audit.agreement import DEFAULT_THRESHOLD
from qualcode.audit.consensus import DEFAULT_CONSENSUS, merge_document, resolve_passage
from qualcode.audit.log import EventRecord, audit_events, parse_since
from qualcode.audit.pending import pending
from qualcode.audit.report import build_report, trim
from qualcode.audit.writers import write_report
from qualcode.cli.audit_render import print_pending
from qualcode.cli.common import (
    CoderOpt,
    JsonOpt,
    ProjectArg,
    console,
    default_coder,
    fail,
    print_json,
    project_open,
    refuse_project_output,
)
from qualcode.cli.options import ThresholdOpt
from qualcode.cli.outcome import Outcome
from qualcode.cli.progress import progress
from qualcode.cli.supervisor_common import (
    CodersOpt,
    DefaultCommandGroup,
    DocOpt,
    DocsOpt,
    IntoOpt,
    coder_names,
)
from qualcode.cli.unreviewed import UnreviewedOpt, keep_unreviewed
from qualcode.files import shown
from qualcode.numbering import passage_index
from qualcode.store.audit import known_coder
from qualcode.store.documents import find_document
from qualcode.wording import plural


class _MergeGroup(DefaultCommandGroup):
    default_command = "apply"


merge_app = typer.Typer(
    cls=_MergeGroup,
    no_args_is_help=True,
    help="Merge coders' codings into a consensus coder: apply (default), pending, resolve.",
)
audit_app = typer.Typer(no_args_is_help=True, help="The audit trail and the supervisor's report.")


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
                session, find_document(session, d), coder_names(coders), strategy=strategy,
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
            f"{plural(r.added, 'coding')} added, {r.removed} removed."
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
        items = pending(session, document, coder_names(coders), into=into, include_decided=all_)
    if as_json:
        print_json([i.as_json() for i in items])
    else:
        print_pending(items, into)


@merge_app.command("resolve")
def merge_resolve(
    project: ProjectArg,
    doc: DocOpt,
    code: Annotated[str, typer.Option("--code", help="Code key.")],
    passage: Annotated[int, typer.Option("--passage", help="Passage number, from 1.")],
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
            session, document, code, passage_index(passage), keep=keep, into=into,
            coders=coder_names(coders) if coders else None, supervisor=who,
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
        if not events:  # a name only in the log (e.g. from a combined project) is still known
            known_coder(session, coder)
    if as_json:
        print_json([e.as_json() for e in events])
        return
    table = Table(title=f"Audit log ({plural(len(events), 'event')})", title_justify="left")
    for column in ("#", "When (UTC)", "Who", "Action", "What", "Details"):
        table.add_column(column, overflow="fold")
    for e in events:
        table.add_row(
            str(e.sequence), f"{e.at:%Y-%m-%d %H:%M:%S}", e.coder or "", e.action,
            f"{e.entity} {e.entity_id if e.entity_id is not None else ''}", _describe(e),
        )  # fmt: skip
    console.print(table)


@audit_app.command("report")
def audit_report(
    project: ProjectArg,
    out: Annotated[Path, typer.Option("--out", help="report.html or report.md")],
    coders: Annotated[
        str | None,
        typer.Option(
            "--coders",
            help="Coders to compare (default: the two with the most documents in common).",
        ),
    ] = None,
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    unreviewed: UnreviewedOpt = "redact",
    as_json: JsonOpt = False,
) -> None:
    """Write the supervisor's report: agreement, volume, disagreements, patterns, assignments."""
    refuse_project_output(project, out)
    keep = keep_unreviewed(unreviewed)
    report = Outcome(as_json)
    with project_open(project) as opened, progress(hidden=as_json) as steps:
        with opened.read() as session:
            steps.stage("Gathering agreement, counts and disagreements")
            data = build_report(
                session,
                coders=coder_names(coders) if coders else None,
                threshold=threshold,
                keep_unreviewed=keep,
            )
        steps.stage(f"Writing {shown(out.name)}")
        write_report(data, out)
    compared = ", ".join(data.coders)
    report.say(f"Wrote the audit report to {out} (coders compared: {compared}).")
    report.unreviewed(data.unreviewed, project, kept=keep)
    report.done(
        path=str(out),
        format=out.suffix.lower().lstrip("."),
        coders=list(data.coders),
        compared_documents=len(data.documents),
        disagreements=len(data.disagreements) + data.more_disagreements,
        open_assignments=len(data.assignments),
        unreviewed=data.unreviewed,
        unreviewed_kept=data.unreviewed_kept,
    )
