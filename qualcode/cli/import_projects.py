"""`import TARGET a.qdpx b.qc notes/`: several project files in one import, each on its own."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from qualcode.cli.combine_cmd import project_source, say_combined
from qualcode.cli.common import error_console, labelled
from qualcode.cli.outcome import Outcome
from qualcode.errors import QualcodeError
from qualcode.files import shown
from qualcode.ingest import SUPPORTED_EXTENSIONS
from qualcode.ingest.files import iter_import_files
from qualcode.store.db import display, sqlite_path

PROJECT_EXTENSIONS = (".qc", ".qdpx")


def whole_project(path: Path) -> str | None:
    """The project a file argument brings in whole (.qdpx, .qc, any SQLite project, a URL)."""
    return str(path) if path.suffix.lower() == ".qdpx" else project_source(path)


def gather(project: str, files: list[Path]) -> list[Path]:
    """The files named, and the interview and project files in folders named (recursively);
    the project itself is skipped when a folder holds it. A folder holding none is an error."""
    found = iter_import_files(files, SUPPORTED_EXTENSIONS + PROJECT_EXTENSIONS)
    own = sqlite_path(project)
    named = {file.absolute() for file in files}
    if own is not None:
        itself = own.absolute()
        found = [path for path in found if path.absolute() in named or path.absolute() != itself]
    for folder in files:
        if folder.is_dir() and not any(
            path.resolve().is_relative_to(folder.resolve()) for path in found
        ):
            # A folder that gives nothing is a mistyped path or the wrong folder, not success.
            supported = ", ".join(SUPPORTED_EXTENSIONS + PROJECT_EXTENSIONS)
            raise QualcodeError(
                f"{shown(str(folder))}: no files to import in this folder (supported: {supported})"
            )
    return found


@dataclasses.dataclass(frozen=True)
class Bringing:
    """How project files come in: as which coder, only one coder's work, whose definitions win
    a conflict, for real or as a dry run (the keyword arguments of the combine functions)."""

    coder: str
    only_coder: str | None = None
    prefer_other: bool = False
    dry_run: bool = False


def bring_projects(
    project: str, paths: list[Path], how: Bringing, report: Outcome
) -> list[dict[str, Any]]:
    """Bring in each project file in its own transaction, in order: one that fails gives a
    one-line error naming it and leaves nothing of itself; the others carry on (as each
    interview file does). Returns each file's outcome for --json."""
    outcomes = []
    for path in paths:
        try:
            outcomes.append(_bring(project, path, how, report))
        except QualcodeError as exc:
            message = str(exc)
        except SQLAlchemyError as exc:
            message = f"database error ({str(exc).strip().splitlines()[0]})"
        else:
            continue
        if path.name not in message:  # most errors name the file already
            message = f"{shown(str(path))}: {message}"
        error_console.print(labelled("error", message), soft_wrap=True)
        outcomes.append({"path": display(str(path)), "status": "failed", "error": message})
    return outcomes


def _bring(project: str, path: Path, how: Bringing, report: Outcome) -> dict[str, Any]:
    from qualcode.combine.api import combine_into, combine_qdpx, has_documents

    source = whole_project(path)
    assert source is not None
    name = display(source)
    if path.suffix.lower() == ".qdpx":
        if not (how.dry_run or how.only_coder or has_documents(project)):
            # Into a new or empty project a .qdpx comes straight in, its codebook alone.
            from qualcode.cli.refi_cmds import say_imported
            from qualcode.refi.api import import_qdpx

            imported, created = import_qdpx(project, path, coder=how.coder)
            say_imported(report, project, path, imported, created=created)
            counts = dataclasses.asdict(imported)
            del counts["remarks"]
            return {"path": name, "format": "qdpx", "status": "imported", "counts": counts}
        summary = combine_qdpx(project, path, **dataclasses.asdict(how))
    else:
        summary = combine_into(project, source, **dataclasses.asdict(how))
    say_combined(report, project, name, summary, only_coder=how.only_coder, dry_run=how.dry_run)
    status = "changed" if summary.changed else "unchanged"
    kind = "qdpx" if path.suffix.lower() == ".qdpx" else "qualcode"
    return {"path": name, "format": kind, "status": status, "counts": dict(summary.counts)}
