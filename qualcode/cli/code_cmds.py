"""Coding commands: add, remove, list, and CSV import/export of codings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.orm import Session

from qualcode.audit.blind import visible
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
from qualcode.cli.render import codings_table
from qualcode.errors import QualcodeError
from qualcode.files import write_text
from qualcode.numbering import passage_index
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding, coding_records, find_codings, remove_coding
from qualcode.store.documents import MAX_ROW_ID, find_document, passage_at
from qualcode.store.models import Coding, Document
from qualcode.tables.codings import import_table, read_table, write_table

code_app = typer.Typer(help="Apply, remove, list, import and export codings.")
DocOpt = Annotated[str, typer.Option("--doc", help="Document id, title or file name.")]
PassageOpt = Annotated[
    int | None, typer.Option("--passage", help="Passage number, from 1 (see show).")
]
SpanOpt = Annotated[str | None, typer.Option("--span", help="START:END code-point offsets.")]
CodeOpt = Annotated[str, typer.Option("--code", help="Code key.")]


def _span(
    session: Session, document: Document, passage: int | None, span: str | None
) -> tuple[int, int]:
    if (passage is None) == (span is None):
        raise QualcodeError("give exactly one of --passage N or --span START:END")
    if passage is not None:
        found = passage_at(session, document, passage_index(passage))
        return found.start, found.end
    assert span is not None
    return parse_span(span)


@code_app.command("add")
def add(
    project: ProjectArg,
    doc: DocOpt,
    code: CodeOpt,
    passage: PassageOpt = None,
    span: SpanOpt = None,
    memo: Annotated[str | None, typer.Option(help="A memo on this coding.")] = None,
    coder: CoderOpt = None,
) -> None:
    """Code a passage or a span of a document."""
    who = coder or default_coder()
    with project_open(project) as opened, opened.write() as session:
        document = find_document(session, doc)
        start, end = _span(session, document, passage, span)
        coding = add_coding(session, document, find_code(session, code), who, start, end, memo=memo)
    # Told only after the commit: a coding reported as saved is saved.
    console.print(
        f"Coded {start}:{end} of document {document.id} with '{code}' "
        f"for {who} (coding {coding.id})."
    )


@code_app.command("remove")
def remove(
    project: ProjectArg,
    coding_id: Annotated[
        int | None, typer.Option("--id", help="Coding id (see code list).")
    ] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Document id, title or file.")] = None,
    code: Annotated[str | None, typer.Option("--code", help="Code key.")] = None,
    passage: PassageOpt = None,
    span: SpanOpt = None,
    coder: CoderOpt = None,
) -> None:
    """Remove a coding, by id or by document, code, span and coder."""
    who = coder or default_coder()
    with project_open(project) as opened, opened.write() as session:
        if coding_id is not None:
            found = session.get(Coding, coding_id) if 0 < coding_id < MAX_ROW_ID else None
            if found is None:
                fail(f"no coding with id {coding_id}")
            matches = [found]
        else:
            if doc is None or code is None:
                fail("give --id, or --doc, --code and --passage/--span")
            document = find_document(session, doc)
            start, end = _span(session, document, passage, span)
            matches = find_codings(
                session,
                document=document,
                code=find_code(session, code),
                coder=who,
                start=start,
                end=end,
            )
            if not matches:
                fail(f"{who} has no '{code}' coding at {start}:{end} of document {document.id}")
        for coding in matches:
            remove_coding(session, coding, coder=who)
    console.print(f"Removed {len(matches)} coding(s).")


@code_app.command("list")
def list_(
    project: ProjectArg,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document.")] = None,
    code: Annotated[str | None, typer.Option("--code", help="Only this code.")] = None,
    coder: Annotated[str | None, typer.Option("--coder", help="Only this coder.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List codings with their text."""
    with project_open(project) as opened, opened.read() as session:
        document = find_document(session, doc) if doc else None
        found = find_code(session, code) if code else None
        records = coding_records(session, document=document, code=found, coder=coder)
        records = visible(session, records, default_coder())  # blind coding: who is looking
    if as_json:
        print_json([r.as_json() for r in records])
    else:
        console.print(codings_table(records))


@code_app.command("import")
def import_(
    project: ProjectArg,
    file: Annotated[Path, typer.Argument(help="CSV: document, code, coder, start, end | text.")],
    coder: Annotated[
        str | None, typer.Option(help="Coder for every row (else the coder column).")
    ] = None,
) -> None:
    """Import codings from CSV; all rows are checked first, then added in one transaction."""
    with project_open(project) as opened, opened.write() as session:
        rows = read_table(session, file, coder=coder)
        added, skipped = import_table(session, rows)
    console.print(f"{added} codings imported, {skipped} already present.")


@code_app.command("export")
def export(
    project: ProjectArg,
    file: Annotated[Path, typer.Argument(help="CSV file to write ('-' for standard output).")],
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document.")] = None,
    code: Annotated[str | None, typer.Option("--code", help="Only this code.")] = None,
    coder: Annotated[str | None, typer.Option("--coder", help="Only this coder.")] = None,
) -> None:
    """Export codings as CSV (one row per coding, with offsets and text)."""
    to_stdout = str(file) == "-"
    if not to_stdout:
        refuse_project_output(project, file)
    with project_open(project) as opened, opened.read() as session:
        document = find_document(session, doc) if doc else None
        found = find_code(session, code) if code else None
        records = coding_records(session, document=document, code=found, coder=coder)
        records = visible(session, records, default_coder())  # blind coding: who is looking
    text = write_table(records)
    if to_stdout:
        typer.echo(text, nl=False)
        return
    try:
        write_text(file, text)  # unredacted transcript text: owner-only, like the project
    except QualcodeError as exc:
        fail(exc)
    console.print(f"Wrote {len(records)} codings to {file}.")
