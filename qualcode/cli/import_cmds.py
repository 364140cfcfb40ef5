"""Import command: interview files (the participant sheet is in participants_cmds)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from qualcode.cli.combine_cmd import combine, project_source
from qualcode.cli.common import (
    CoderOpt,
    ProjectArg,
    console,
    default_coder,
    error_console,
    fail,
    labelled,
    parse_pairs,
    project_open,
    warn,
)
from qualcode.errors import QualcodeError
from qualcode.importing import ImportOutcome, import_paths
from qualcode.ingest import iter_import_files
from qualcode.revise.speakers import parse_speaker_map


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
) -> None:
    """Import interview notes (.txt .md .docx .odt .pdf .rtf .vtt .srt), a REFI-QDA .qdpx, or
    another qualcode project (.qc or a database URL) to combine with this one.

    For another project, --coder NAME takes only that coder's codings, memos and reviews.
    """
    try:
        mapping = parse_speaker_map(speakers) if speakers is not None else {}
    except QualcodeError as exc:
        fail(exc)
    other = project_source(files[0]) if len(files) == 1 else None
    if other is not None:
        if mapping or participant or attr:
            fail("--speakers, --participant and --attr apply to interview files, not a project")
        combine(project, other, only_coder=coder, prefer_other=prefer_other, dry_run=dry_run)
        return
    if dry_run or prefer_other:
        fail("--dry-run and --prefer-other apply when importing another qualcode project")
    if len(files) == 1 and files[0].suffix.lower() == ".qdpx":
        if mapping:
            fail("--speakers applies to interview files, not to a .qdpx project")
        from qualcode.cli.refi_cmds import import_qdpx

        import_qdpx(project, files[0], coder)
        return
    attributes = parse_pairs(attr or [])
    paths = iter_import_files(files)
    with (
        project_open(project) as opened,
        Progress(
            TextColumn("{task.description}", style="progress.description", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            console=error_console,
            transient=True,
            disable=len(paths) < 2,
        ) as progress,
    ):
        task = progress.add_task("Importing", total=len(paths))

        def reported(_path: Path, outcome: ImportOutcome) -> None:
            _report(outcome)
            progress.advance(task)

        outcomes = import_paths(
            opened,
            paths,
            participant=participant,
            attributes=attributes,
            coder=coder or default_coder(),
            speakers=mapping,
            on_file=reported,
        )
    found = {label for o in outcomes for label in o.mapped}
    for label in mapping:
        if label not in found and any(o.status == "imported" for o in outcomes):
            warn(f"--speakers: {label!r} is not a speaker in any file imported")
    imported = sum(o.status == "imported" for o in outcomes)
    duplicates = sum(o.status == "duplicate" for o in outcomes)
    failed = sum(o.status == "failed" for o in outcomes)
    console.print(f"{imported} imported, {duplicates} already present, {failed} failed.")
    if failed:
        raise typer.Exit(1)


def _report(outcome: ImportOutcome) -> None:
    if outcome.status == "failed":
        error_console.print(labelled("error", outcome.message), soft_wrap=True)
    else:
        console.print(outcome.message, soft_wrap=True)
    for warning in outcome.warnings:
        warn(warning)
