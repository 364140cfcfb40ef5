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
from qualcode.cli.outcome import Outcome
from qualcode.cli.render import codings_table
from qualcode.errors import QualcodeError
from qualcode.files import write_text
from qualcode.numbering import MAX_ROW_ID, passage_index
from qualcode.store.lookup import passage_span
from qualcode.wording import plural

# `code add` writes with plain SQL and loads no models (declaring and configuring them was
# half its start-up); the other commands import the store modules they use.
code_app = typer.Typer(help="Apply, remove, list, import and export codings.")
DocOpt = Annotated[str, typer.Option("--doc", help="Document id, title or file name.")]
PassageOpt = Annotated[
    int | None, typer.Option("--passage", help="Passage number, from 1 (see show).")
]
SpanOpt = Annotated[str | None, typer.Option("--span", help="START:END code-point offsets.")]
CodeOpt = Annotated[str, typer.Option("--code", help="Code key.")]


def _span(
    session: Session, document_id: int, passage: int | None, span: str | None
) -> tuple[int, int]:
    if (passage is None) == (span is None):
        raise QualcodeError("give exactly one of --passage N or --span START:END")
    if passage is not None:
        return passage_span(session, document_id, passage_index(passage))
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
    from sqlalchemy import select

    from qualcode.store.coding_rows import insert_coding
    from qualcode.store.lookup import find_code_key, find_document_key
    from qualcode.store.tables import Document

    who = coder or default_coder()
    with project_open(project) as opened, opened.write() as session:
        document = find_document_key(session, doc)
        start, end = _span(session, document.id, passage, span)
        found = find_code_key(session, code)
        text = session.scalar(select(Document.c.text).where(Document.c.id == document.id))
        length = (document.id, len(text or ""))
        coding_id = insert_coding(session, length, found, who, start, end, memo=memo)
    # Told only after the commit: a coding reported as saved is saved.
    console.print(
        f"Coded {start}:{end} of document {document.id} with '{code}' "
        f"for {who} (coding {coding_id})."
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
    from qualcode.store.codes import find_code
    from qualcode.store.codings import find_codings, remove_coding
    from qualcode.store.documents import find_document
    from qualcode.store.models import Coding

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
            start, end = _span(session, document.id, passage, span)
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
    console.print(f"Removed {plural(len(matches), 'coding')}.")


@code_app.command("list")
def list_(
    project: ProjectArg,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document.")] = None,
    code: Annotated[str | None, typer.Option("--code", help="Only this code.")] = None,
    coder: Annotated[str | None, typer.Option("--coder", help="Only this coder.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List codings with their text."""
    from qualcode.store.audit import known_coder
    from qualcode.store.codes import find_code
    from qualcode.store.codings import coding_records
    from qualcode.store.documents import find_document

    with project_open(project) as opened, opened.read() as session:
        document = find_document(session, doc) if doc else None
        found = find_code(session, code) if code else None
        known_coder(session, coder)
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
    from qualcode.tables.codings import import_table, read_table

    with project_open(project) as opened, opened.write() as session:
        rows = read_table(session, file, coder=coder)
        added, skipped = import_table(session, rows)
    console.print(f"{plural(added, 'coding')} imported, {skipped} already present.")


@code_app.command("export")
def export(
    project: ProjectArg,
    file: Annotated[Path, typer.Argument(help="CSV file to write ('-' for standard output).")],
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document.")] = None,
    code: Annotated[str | None, typer.Option("--code", help="Only this code.")] = None,
    coder: Annotated[str | None, typer.Option("--coder", help="Only this coder.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON document: the file written, counts.")
    ] = False,
) -> None:
    """Export codings as CSV (one row per coding, with offsets and text)."""
    from qualcode.store.audit import known_coder
    from qualcode.store.codes import find_code
    from qualcode.store.codings import coding_records
    from qualcode.store.documents import find_document
    from qualcode.tables.codings import write_table

    to_stdout = str(file) == "-"
    if to_stdout and as_json:
        fail("--json reports on a file written; with '-' the CSV itself is the output")
    if not to_stdout:
        refuse_project_output(project, file)
    with project_open(project) as opened, opened.read() as session:
        document = find_document(session, doc) if doc else None
        found = find_code(session, code) if code else None
        known_coder(session, coder)
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
    report = Outcome(as_json)
    report.say(f"Wrote {plural(len(records), 'coding')} to {file}.")
    report.done(path=str(file), format="csv", codings=len(records))
