"""Memo commands: add, edit, list, remove and export memos on anything in the project."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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
from qualcode.cli.outcome import Outcome
from qualcode.cli.unreviewed import UnreviewedOpt, keep_unreviewed
from qualcode.errors import QualcodeError
from qualcode.wording import plural

memo_app = typer.Typer(
    help="Memos on the project, a participant, document, code, framework cell, passage or coding."
)

TextArg = Annotated[str, typer.Argument(metavar="TEXT", help="The memo's words.")]
IdArg = Annotated[
    str, typer.Argument(metavar="MEMO", help="The memo's id as `memo list` shows it (12, cell-3).")
]
KindOpt = Annotated[
    str | None,
    typer.Option("--kind", help="project, participant, document, code, cell, passage or coding."),
]
CodeFilterOpt = Annotated[
    str | None, typer.Option("--code", help="Memos about this code or its sub-codes.")
]
DocumentFilterOpt = Annotated[
    str | None,
    typer.Option("--document", help="Memos about this document, its passages and codings."),
]
CoderFilterOpt = Annotated[str | None, typer.Option("--coder", help="Only this coder's memos.")]


@memo_app.command("add")
def add(
    project: ProjectArg,
    text: TextArg,
    participant: Annotated[
        str | None, typer.Option("--participant", help="About a participant (by label).")
    ] = None,
    document: Annotated[
        str | None, typer.Option("--document", help="About a document (id or title).")
    ] = None,
    code: Annotated[str | None, typer.Option("--code", help="About a code (key).")] = None,
    passage: Annotated[
        str | None, typer.Option("--passage", help="About a passage: DOC:N, N counted from 1.")
    ] = None,
    coding: Annotated[
        str | None, typer.Option("--coding", help="About a coding (id from `code list`).")
    ] = None,
    cell: Annotated[
        tuple[str, str] | None,
        typer.Option("--cell", metavar="ROW CODE", help="About a framework matrix cell."),
    ] = None,
    rows: Annotated[
        str, typer.Option("--rows", help="What a --cell ROW is: participant, document or ATTR.")
    ] = "participant",
    coder: CoderOpt = None,
) -> None:
    """Write a memo; with no --participant/--document/--code/--passage/--coding/--cell it is
    about the project."""
    from qualcode.memos.subjects import resolve_subject
    from qualcode.memos.writes import add_memo, checked_text

    who = coder or default_coder()
    try:
        checked_text(text)
    except QualcodeError as exc:
        fail(exc)
    with project_open(project) as opened, opened.write() as session:
        subject = resolve_subject(
            session,
            participant=participant,
            document=document,
            code=code,
            passage=passage,
            coding=coding,
            cell=cell,
            rows=rows,
        )
        ref = add_memo(session, subject, who, text)
    console.print(f"Memo {ref} written ({subject.kind}).")


@memo_app.command("edit")
def edit(project: ProjectArg, memo: IdArg, text: TextArg, coder: CoderOpt = None) -> None:
    """Replace a memo's words."""
    from qualcode.memos.writes import MemoRef, checked_text, edit_memo

    who = coder or default_coder()
    try:
        ref = MemoRef.parse(memo)
        checked_text(text)
    except QualcodeError as exc:
        fail(exc)
    with project_open(project) as opened, opened.write() as session:
        edit_memo(session, ref, who, text)
    console.print(f"Memo {ref} replaced.")


@memo_app.command("remove")
def remove(project: ProjectArg, memo: IdArg, coder: CoderOpt = None) -> None:
    """Delete a memo (a coding stays, without its memo)."""
    from qualcode.memos.writes import MemoRef, remove_memo

    who = coder or default_coder()
    try:
        ref = MemoRef.parse(memo)
    except QualcodeError as exc:
        fail(exc)
    with project_open(project) as opened, opened.write() as session:
        remove_memo(session, ref, who)
    console.print(f"Memo {ref} removed.")


@memo_app.command("list")
def list_(
    project: ProjectArg,
    kind: KindOpt = None,
    code: CodeFilterOpt = None,
    document: DocumentFilterOpt = None,
    coder: CoderFilterOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Memos as written (not anonymised: this is your own project), by what they are about."""
    from rich.table import Table

    from qualcode.memos.blind import visible_memos
    from qualcode.memos.listing import MemoFilter, list_memos

    wanted = MemoFilter(kind=kind, code=code, document=document, coder=coder)
    with project_open(project) as opened, opened.read() as session:
        # blind coding: who is looking, as `code list` asks
        entries = visible_memos(session, list_memos(session, wanted), default_coder())
    if as_json:
        print_json([e.as_json() for e in entries])
        return
    if not entries:
        console.print("No memos match.")
        return
    table = Table(title="Memos", title_justify="left", show_lines=True)
    for column in ("Id", "Kind", "About", "Coder", "Memo"):
        table.add_column(column, overflow="fold")
    for e in entries:
        table.add_row(str(e.ref), e.kind, e.about, e.coder, e.text)
    console.print(table)


@memo_app.command("export")
def export(
    project: ProjectArg,
    out: Annotated[Path, typer.Argument(metavar="OUT", help="File to write: .md or .docx.")],
    fmt: Annotated[str | None, typer.Option("--format", help="md or docx.")] = None,
    kind: KindOpt = None,
    code: CodeFilterOpt = None,
    document: DocumentFilterOpt = None,
    coder: CoderFilterOpt = None,
    unreviewed: UnreviewedOpt = "redact",
    as_json: JsonOpt = False,
) -> None:
    """Write memos grouped by what they are about, anonymised as quote exports are."""
    from qualcode.memos.listing import MemoFilter
    from qualcode.memos.report import build_memo_report
    from qualcode.memos.write import memo_format, write_memo_report

    keep = keep_unreviewed(unreviewed)
    try:
        chosen = memo_format(out, fmt)
    except QualcodeError as exc:
        fail(exc)
    refuse_project_output(project, out)
    wanted = MemoFilter(kind=kind, code=code, document=document, coder=coder)
    with project_open(project) as opened, opened.read() as session:
        # blind coding: who is looking, as `memo list` asks
        report = build_memo_report(session, wanted, keep_unreviewed=keep, viewer=default_coder())
        write_memo_report(report, out, chosen)
    outcome = Outcome(as_json)
    outcome.say(f"Wrote {plural(report.count, 'memo')} to {out} ({chosen}).")
    outcome.unreviewed(report.unreviewed, project, kept=report.unreviewed_kept)
    outcome.done(path=str(out), format=chosen, memos=report.count, unreviewed=report.unreviewed)
