"""Document commands: correct a transcript after coding, its versions, and orphaned codings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy.orm import Session

from qualcode.cli import withdraw_cmds
from qualcode.cli.common import (
    CoderOpt,
    JsonOpt,
    ProjectArg,
    console,
    default_coder,
    fail,
    parse_span,
    print_json,
    project_open,
    refuse_project_output,
)
from qualcode.cli.doc_speakers_cmd import speakers
from qualcode.errors import QualcodeError
from qualcode.files import write_text
from qualcode.ingest.decode import decode_text
from qualcode.numbering import passage_index
from qualcode.revise import (
    EditReport,
    OrphanRecord,
    discard_orphan,
    document_history,
    edit_passage,
    find_orphan,
    list_orphans,
    reattach_orphan,
    replace_from_file,
    revert_document,
    text_at_version,
)
from qualcode.store.documents import find_document, passage_at
from qualcode.store.models import Document
from qualcode.wording import plural

doc_app = typer.Typer(
    help="Correct a document after coding: edit its text, versions, orphans, speakers."
)
DocArg = Annotated[str, typer.Argument(metavar="DOC", help="Document id, title or file name.")]
VersionOpt = Annotated[int, typer.Option("--version", min=1, help="Version number (see history).")]


def _print_report(project: str, report: EditReport) -> None:
    if not report.changed:
        console.print(f"No change: document {report.document_id} already has exactly that text.")
        return
    c, p = report.codings, report.passages
    before, after = report.characters
    console.print(
        f"Document {report.document_id} '{report.title}' is now version {report.version} "
        f"({report.change} {report.note}): {after:,} characters (was {before:,}).\n"
        f"Codings: {c.unchanged} unchanged, {c.moved} moved, {len(c.resized)} resized, "
        f"{len(c.orphaned)} orphaned, {len(c.merged)} merged into an identical one.\n"
        f"Passages: {p.after} (was {p.before}): {p.kept} kept ({p.rewritten} with new text), "
        f"{p.added} added, {p.removed} removed.",
        soft_wrap=True,
    )
    if c.orphaned:
        console.print(
            f"{plural(len(c.orphaned), 'coding')} lost all their words; re-attach or discard them: "
            f"qualcode doc resolve {project} {report.document_id}",
            soft_wrap=True,
        )


def _done(project: str, report: EditReport, as_json: bool) -> None:
    if as_json:
        print_json(report.as_json())
    else:
        _print_report(project, report)


@doc_app.command("replace")
def replace(
    project: ProjectArg,
    doc: DocArg,
    file: Annotated[Path, typer.Argument(help="The corrected transcript (any importable format).")],
    coder: CoderOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Replace a document's whole text by a corrected file; codings are carried over."""
    with project_open(project) as opened, opened.write() as session:
        document = find_document(session, doc)
        report = replace_from_file(session, document, file, coder or default_coder())
    _done(project, report, as_json)


def _passage_text(text: str | None, from_file: Path | None) -> str:
    if (text is None) == (from_file is None):
        raise QualcodeError("give exactly one of --text or --from-file")
    if text is not None:
        return text
    assert from_file is not None
    try:
        data = sys.stdin.buffer.read() if str(from_file) == "-" else from_file.read_bytes()
    except OSError as exc:
        raise QualcodeError(f"{from_file}: cannot be read ({exc.strerror})") from None
    return decode_text(from_file.name or "stdin", data) if data else ""


@doc_app.command("edit")
def edit(
    project: ProjectArg,
    doc: DocArg,
    passage: Annotated[int, typer.Option("--passage", help="Passage number, from 1 (see show).")],
    text: Annotated[str | None, typer.Option("--text", help="The passage's new text.")] = None,
    from_file: Annotated[
        Path | None, typer.Option("--from-file", help="Read the new text from a file ('-': stdin).")
    ] = None,
    coder: CoderOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Correct one passage's text (empty text deletes the passage); codings are carried over."""
    with project_open(project) as opened:
        new_text = _passage_text(text, from_file)
        with opened.write() as session:
            document = find_document(session, doc)
            who = coder or default_coder()
            report = edit_passage(session, document, passage_index(passage), new_text, who)
    _done(project, report, as_json)


@doc_app.command("revert")
def revert(
    project: ProjectArg,
    doc: DocArg,
    version: VersionOpt,
    coder: CoderOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Make an earlier version's text current again (as a new version)."""
    with project_open(project) as opened, opened.write() as session:
        document = find_document(session, doc)
        report = revert_document(session, document, version, coder or default_coder())
    _done(project, report, as_json)


@doc_app.command("history")
def history(project: ProjectArg, doc: DocArg, as_json: JsonOpt = False) -> None:
    """A document's versions: who changed its text, when, and what it did to codings."""
    with project_open(project) as opened, opened.read() as session:
        document = find_document(session, doc)
        versions = document_history(session, document)
    if as_json:
        print_json(
            {
                "document": {"id": document.id, "title": document.title},
                "versions": [v.as_json() for v in versions],
            }
        )
        return
    table = Table(title=f"{document.id} {document.title}: versions", title_justify="left")
    for column in ("Version", "Change", "By", "At", "Characters", "Codings"):
        table.add_column(column, justify="right" if column in ("Version", "Characters") else "left")
    for v in versions:
        codings = v.summary.get("codings", {})
        effect = ", ".join(
            f"{len(codings[key]) if isinstance(codings[key], list | dict) else codings[key]} {key}"
            for key in ("moved", "resized", "orphaned", "merged")
            if codings.get(key)
        )
        table.add_row(
            f"{v.number}{' (current)' if v.current else ''}",
            f"{v.change} {v.note}".strip(),
            v.created_by or "—",
            v.created_at.strftime("%Y-%m-%d %H:%M"),
            f"{v.characters:,}",
            effect or "—",
        )
    console.print(table)


@doc_app.command("show")
def show(
    project: ProjectArg,
    doc: DocArg,
    version: Annotated[
        int | None, typer.Option("--version", min=1, help="Version (default: current).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the text to this file.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Print (or export) a document's text as of any version."""
    if output is not None:
        refuse_project_output(project, output)
    with project_open(project) as opened, opened.read() as session:
        document = find_document(session, doc)
        number = version or document_history(session, document)[-1].number
        text = text_at_version(session, document, number)
    if output is not None:
        try:
            write_text(output, text + "\n")
        except QualcodeError as exc:
            fail(exc)
        console.print(f"Wrote version {number} of document {document.id} to {output}.")
    elif as_json:
        print_json(
            {
                "document": {"id": document.id, "title": document.title},
                "version": number,
                "text": text,
            }
        )
    else:
        typer.echo(text)


def _orphans_table(orphans: list[OrphanRecord]) -> Table:
    table = Table(title="Orphaned codings", title_justify="left", show_lines=True)
    for column in ("Orphan", "Document", "Code", "Coder", "Words (version)", "Found now at"):
        table.add_column(column, overflow="fold")
    for o in orphans:
        found = f"{o.suggested[0]}:{o.suggested[1]}" if o.suggested else "—"
        table.add_row(
            str(o.id), f"{o.document_id} {o.document}", o.code, o.coder,
            f"{o.text} (v{o.version})", found,
        )  # fmt: skip
    return table


def _target(
    session: Session,
    document: Document,
    record: OrphanRecord,
    span: str | None,
    passage: int | None,
    found: bool,
) -> tuple[int, int]:
    if found:
        if record.suggested is None:
            raise QualcodeError(
                f"the words of orphan {record.id} do not occur exactly once in the text now; "
                "give --span or --passage"
            )
        return record.suggested
    if passage is not None:
        chosen = passage_at(session, document, passage_index(passage))
        return chosen.start, chosen.end
    return parse_span(str(span))


@doc_app.command("resolve")
def resolve(
    project: ProjectArg,
    doc: Annotated[
        str | None, typer.Argument(metavar="[DOC]", help="Only this document's orphans.")
    ] = None,
    orphan: Annotated[int | None, typer.Option("--orphan", help="Orphan id to resolve.")] = None,
    span: Annotated[str | None, typer.Option(help="Re-attach to START:END.")] = None,
    passage: Annotated[
        int | None, typer.Option(help="Re-attach to passage N (numbered from 1).")
    ] = None,
    found: Annotated[
        bool, typer.Option("--found", help="Re-attach where its words are now.")
    ] = False,
    drop: Annotated[bool, typer.Option("--drop", help="Discard the orphan for good.")] = False,
    code: Annotated[str | None, typer.Option(help="Re-attach with this code instead.")] = None,
    coder: CoderOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List codings whose words an edit deleted; re-attach one to a span, or discard it."""
    who = coder or default_coder()
    if orphan is None:
        with project_open(project) as opened, opened.read() as session:
            document = find_document(session, doc) if doc else None
            orphans = list_orphans(session, document)
        if as_json:
            print_json([o.as_json() for o in orphans])
        elif not orphans:
            console.print("No orphaned codings.")
        else:
            console.print(_orphans_table(orphans))
        return
    with project_open(project) as opened, opened.write() as session:
        row = find_orphan(session, orphan)
        if doc and find_document(session, doc).id != row.document_id:
            fail(f"orphan {orphan} belongs to document {row.document_id}, not '{doc}'")
        record = list_orphans(session, orphan_id=row.id)[0]
        result: dict[str, object] = {"orphan": orphan, "coding": record.coding_id}
        if [span is not None, passage is not None, found, drop].count(True) != 1:
            fail("give exactly one of --span START:END, --passage N, --found or --drop")
        if drop:
            discard_orphan(session, row, who)
            result["action"] = "discarded"
            message = f"Discarded orphan {orphan} ({record.code}: {record.text!r})."
        else:
            document = find_document(session, str(row.document_id))
            start, end = _target(session, document, record, span, passage, found)
            coding = reattach_orphan(session, row, start, end, who, code_key=code)
            result.update(action="re-attached", coding=coding.id, start=start, end=end)
            message = f"Re-attached orphan {orphan} as coding {coding.id} at {start}:{end}."
    if as_json:
        print_json(result)
    else:
        console.print(message)


doc_app.command("speakers")(speakers)
doc_app.command("remove")(withdraw_cmds.doc_remove)
