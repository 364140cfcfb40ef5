"""`doc speakers`: show a document's speaker labels and map them to roles or participant labels."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from qualcode.cli.common import (
    CoderOpt,
    JsonOpt,
    ProjectArg,
    console,
    default_coder,
    print_json,
    project_open,
)
from qualcode.revise.speakers import (
    SpeakerRow,
    document_speakers,
    parse_speaker_map,
    relabel_speakers,
)
from qualcode.store.documents import find_document


def speakers(
    project: ProjectArg,
    doc: Annotated[str, typer.Argument(metavar="DOC", help="Document id, title or file name.")],
    set_: Annotated[
        str | None,
        typer.Option(
            "--set",
            help="Map labels to roles or participant labels, e.g. 'Sara=Interviewer' "
            "('Sara=Sara' undoes it). Text and codings are untouched.",
        ),
    ] = None,
    coder: CoderOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show the speakers of a document and the role each is stored as; --set changes that."""
    with project_open(project) as opened:
        if set_ is None:
            with opened.read() as session:
                document = find_document(session, doc)
                rows = document_speakers(session, document)
                document_id, title = document.id, document.title
        else:
            mapping = parse_speaker_map(set_)
            with opened.write() as session:
                document = find_document(session, doc)
                rows = relabel_speakers(session, document, mapping, coder or default_coder())
                document_id, title = document.id, document.title
    if as_json:
        print_json([{"label": r.label, "speaker": r.speaker, "passages": r.passages} for r in rows])
        return
    _print(document_id, title, rows)


def _print(document_id: int, title: str, rows: list[SpeakerRow]) -> None:
    if not rows:
        console.print(f"Document {document_id} '{title}' has no speakers; passages are paragraphs.")
        return
    table = Table(title=f"Speakers of document {document_id} '{title}'")
    table.add_column("label in the text")
    table.add_column("stored as")
    table.add_column("passages", justify="right")
    for row in rows:
        table.add_row(row.label, row.speaker if row.mapped else "(as written)", str(row.passages))
    console.print(table)
