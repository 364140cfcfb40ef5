"""Import interview files into a project: read, skip duplicates, one transaction per file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qualcode.errors import QualcodeError
from qualcode.files import is_text, shown
from qualcode.ingest import iter_import_files, read_document
from qualcode.store.db import Project
from qualcode.store.documents import add_document, find_by_sha

Progress = Callable[[Path, "ImportOutcome"], None]


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one file: imported, duplicate (already in the project) or failed."""

    path: Path
    status: str
    message: str
    document_id: int | None = None
    passages: int = 0
    warnings: tuple[str, ...] = ()


def import_files(
    project: Project,
    paths: list[Path],
    *,
    participant: str | None = None,
    attributes: dict[str, str] | None = None,
    coder: str | None = None,
    on_file: Progress | None = None,
) -> list[ImportOutcome]:
    """Import files and folders (recursively); each file is all-or-nothing, others carry on."""
    outcomes = []
    for path in iter_import_files(paths):
        outcome = import_one(
            project, path, participant=participant, attributes=attributes, coder=coder
        )
        outcomes.append(outcome)
        if on_file is not None:
            on_file(path, outcome)
    return outcomes


def import_one(
    project: Project,
    path: Path,
    *,
    participant: str | None = None,
    attributes: dict[str, str] | None = None,
    coder: str | None = None,
) -> ImportOutcome:
    """Import a single file in one transaction; a failure leaves nothing of it behind."""
    if not is_text(str(path)):  # the store and the messages hold text; the OS gave bytes
        return ImportOutcome(
            path,
            "failed",
            f"{shown(path)}: the file name is not valid UTF-8 text; rename the file to import it",
        )
    try:
        read = read_document(path)
        with project.write() as session:
            existing = find_by_sha(session, read.sha256)
            if existing is not None:
                existing_id, existing_title = existing
                return ImportOutcome(
                    path,
                    "duplicate",
                    f"{path.name}: already imported as document {existing_id} "
                    f"('{existing_title}'), nothing changed",
                    existing_id,
                )
            document = add_document(
                session,
                read,
                participant_label=participant,
                attributes=attributes,
                coder=coder,
            )
            document_id = document.id
    except QualcodeError as exc:
        return ImportOutcome(path, "failed", str(exc))
    except OSError as exc:
        return ImportOutcome(path, "failed", f"{path.name}: cannot be read ({exc.strerror})")
    return ImportOutcome(
        path,
        "imported",
        f"{path.name}: imported as document {document_id} ({len(read.passages)} passages)",
        document_id,
        len(read.passages),
        tuple(read.warnings),
    )
