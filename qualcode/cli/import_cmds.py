"""Import command: interview files (the participant sheet is in participants_cmds)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qualcode.cli.arguments import CoderOpt, ProjectArg
from qualcode.errors import QualcodeError
from qualcode.ingest import iter_import_files
from qualcode.ingest.speaker_map import parse_speaker_map
from qualcode.reading_process import EarlyReading, read_ahead


def import_(
    project: ProjectArg,
    files: Annotated[list[Path], typer.Argument(help="Files or folders (folders recurse).")],
    participant: Annotated[
        str | None, typer.Option(help="Participant label, e.g. 'Interviewee 3'.")
    ] = None,
    attr: Annotated[
        list[str] | None, typer.Option(help="Public attribute KEY=VALUE (repeatable).")
    ] = None,
    speakers: Annotated[
        str | None,
        typer.Option(
            "--speakers",
            help="Map speaker labels to roles or participant labels, e.g. "
            "'Sara=Interviewer,BSR01=Interviewee 1' (the names stay private).",
        ),
    ] = None,
    coder: CoderOpt = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Another project: say what would change, change nothing."),
    ] = False,
    prefer_other: Annotated[
        bool,
        typer.Option(
            "--prefer-other", help="Another project: take its code definitions on conflict."
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON document: each file's outcome, counts.")
    ] = False,
) -> None:
    """Import interview notes (.txt .md .docx .odt .pdf .rtf .vtt .srt), a REFI-QDA .qdpx, or
    another qualcode project (.qc or a database URL) to combine with this one.

    For another project, --coder NAME takes only that coder's codings, memos and reviews.
    Several project files (or a folder holding them) are brought in one after another, each
    all or nothing: one that fails is named in an error and the others carry on.
    """
    # A big folder's files are read in a second process (qualcode.reading_process), started
    # here, before SQLAlchemy and the project are loaded: the first batch is read meanwhile.
    early = _read_early(files, speakers)
    from qualcode.cli.import_run import run

    try:
        run(project, files, participant, attr, speakers, coder, dry_run, prefer_other, as_json,
            early)  # fmt: skip
    finally:
        early.reading.close()


def _read_early(files: list[Path], speakers: str | None) -> EarlyReading:
    found = iter_import_files(files)
    try:
        mapping = parse_speaker_map(speakers) if speakers is not None else {}
    except QualcodeError:  # said when the command goes on, which then stops: read nothing
        return EarlyReading([], {}, read_ahead([], {}))
    return EarlyReading(found, mapping, read_ahead(found, mapping))
