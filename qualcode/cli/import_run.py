"""The import command's work: interview files stored, project files brought in, the report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from qualcode.cli.combine_cmd import combine, project_source
from qualcode.cli.common import (
    default_coder,
    error_console,
    fail,
    labelled,
    parse_pairs,
    project_open,
)
from qualcode.cli.import_projects import Bringing, bring_projects, gather, whole_project
from qualcode.cli.outcome import Outcome
from qualcode.cli.progress import progress
from qualcode.errors import QualcodeError
from qualcode.files import shown
from qualcode.importing import ImportOutcome, import_paths
from qualcode.ingest.speaker_map import parse_speaker_map
from qualcode.reading_process import EarlyReading

PROJECTS_ONLY = "--dry-run and --prefer-other apply when importing another qualcode project"


def run(
    project: str,
    files: list[Path],
    participant: str | None,
    attr: list[str] | None,
    speakers: str | None,
    coder: str | None,
    dry_run: bool,
    prefer_other: bool,
    as_json: bool,
    early: EarlyReading,
) -> None:
    """`qualcode import` (import_cmds.import_), given the files read early if they may be."""
    try:
        mapping = parse_speaker_map(speakers) if speakers is not None else {}
    except QualcodeError as exc:
        fail(exc)
    try:
        paths = gather(project, files)
    except QualcodeError as exc:
        fail(exc)
    wholes = [path for path in paths if whole_project(path) is not None]
    if len(paths) == 1 and wholes and not _combines_qdpx(project, paths[0]):
        _one_project(project, paths[0], mapping, participant, attr, coder, prefer_other, dry_run,
                     as_json)  # fmt: skip
        return
    paths = [path for path in paths if path not in wholes]
    reading = early.reading if early.holds(paths, mapping) else None
    if reading is None:  # not the files named: stop reading them now, not at the end
        early.reading.close()
    if (dry_run or prefer_other) and (paths or not wholes):
        fail(PROJECTS_ONLY)
    if wholes and coder and paths:
        fail("--coder with project files takes one coder's work: import interview files apart")
    report = Outcome(as_json)
    how = Bringing(coder or default_coder(), coder, prefer_other, dry_run)
    projects = bring_projects(project, wholes, how, report) if wholes else []
    projects_failed = sum(outcome["status"] == "failed" for outcome in projects)
    if wholes and not paths:
        _say_projects(report, len(wholes), projects_failed)
        report.done(projects=projects, failed=projects_failed)
        if projects_failed:
            raise typer.Exit(1)
        return
    attributes = parse_pairs(attr or [])
    with project_open(project) as opened, progress(hidden=as_json) as steps:
        steps.stage("Importing", total=len(paths))
        done = 0

        def reported(path: Path, outcome: ImportOutcome) -> None:
            nonlocal done
            done += 1
            _report(outcome, report)
            steps.advance(done, f"Importing: {shown(path.name)} stored")

        outcomes = import_paths(
            opened,
            paths,
            participant=participant,
            attributes=attributes,
            coder=coder or default_coder(),
            speakers=mapping,
            on_file=reported,
            reading=reading,
        )
    found = {label for o in outcomes for label in o.mapped}
    for label in mapping:
        if label not in found and any(o.status == "imported" for o in outcomes):
            report.warn(f"--speakers: {label!r} is not a speaker in any file imported")
    imported = sum(o.status == "imported" for o in outcomes)
    duplicates = sum(o.status == "duplicate" for o in outcomes)
    failed = sum(o.status == "failed" for o in outcomes)
    if wholes:
        _say_projects(report, len(wholes), projects_failed)
    report.say(f"{imported} imported, {duplicates} already present, {failed} failed.")
    more = {"projects": projects} if wholes else {}
    report.done(
        files=[_as_json(o) for o in outcomes],
        imported=imported,
        duplicates=duplicates,
        failed=failed,
        **more,
    )
    if failed or projects_failed:
        raise typer.Exit(1)


def _say_projects(report: Outcome, projects: int, failed: int) -> None:
    report.say(f"Project files: {projects - failed} brought in, {failed} failed.")


def _combines_qdpx(project: str, path: Path) -> bool:
    """A .qdpx into a project that already has documents is combined, as a coder's file is
    (into a new or empty one it comes straight in, its codebook alone)."""
    if path.suffix.lower() != ".qdpx":
        return False
    from qualcode.combine.api import has_documents

    return has_documents(project)


def _one_project(
    project: str,
    path: Path,
    mapping: dict[str, str],
    participant: str | None,
    attr: list[str] | None,
    coder: str | None,
    prefer_other: bool,
    dry_run: bool,
    as_json: bool,
) -> None:
    """A single project file: combined (another qualcode project) or imported (.qdpx)."""
    if mapping or participant or attr:
        fail("--speakers, --participant and --attr apply to interview files, not a project")
    other = project_source(path)
    if other is not None:
        combine(project, other, only_coder=coder, prefer_other=prefer_other, dry_run=dry_run,
                as_json=as_json)  # fmt: skip
        return
    if dry_run or prefer_other:
        fail(PROJECTS_ONLY)
    from qualcode.cli.refi_cmds import import_qdpx

    import_qdpx(project, path, coder, as_json=as_json)


def _report(outcome: ImportOutcome, report: Outcome) -> None:
    if outcome.status == "failed":  # an error line even with --json, where the file says it too
        error_console.print(labelled("error", outcome.message), soft_wrap=True)
    else:
        report.say(outcome.message)
    for warning in outcome.warnings:
        report.warn(warning)


def _as_json(outcome: ImportOutcome) -> dict[str, Any]:
    """One file's outcome for --json (docs/json-output.md)."""
    document = None
    if outcome.document_id is not None:
        document = {"id": outcome.document_id, "title": outcome.title}
    record: dict[str, Any] = {"path": str(outcome.path), "status": outcome.status}
    if outcome.status == "failed":
        return record | {"error": outcome.message}
    record |= {"document": document, "message": outcome.message}
    if outcome.status == "imported":
        record |= {
            "layout": outcome.layout,
            "passages": outcome.passages,
            "longest": outcome.longest,
            "speakers": list(outcome.speakers),
            "warnings": list(outcome.warnings),
        }
    return record
