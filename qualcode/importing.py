"""Import interview files into a project: read, skip duplicates, one transaction per file."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qualcode.errors import QualcodeError
from qualcode.files import is_text, shown
from qualcode.ingest import ReadDocument, iter_import_files, read_document
from qualcode.revise.speakers import ORIGINAL, map_drafts, mapped_labels, private_labels
from qualcode.store.db import Project
from qualcode.store.documents import add_document, find_by_sha

Progress = Callable[[Path, "ImportOutcome"], None]


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one file: imported, duplicate (already in the project) or failed.

    For an imported file, `message` says what the reader understood: the layout, the
    passages and the longest one's length, and the speakers (roles and names, first seen
    first); a file without speakers gets a warning.
    """

    path: Path
    status: str
    message: str
    document_id: int | None = None
    passages: int = 0
    warnings: tuple[str, ...] = ()
    layout: str = ""
    speakers: tuple[str, ...] = ()
    longest: int = 0
    mapped: tuple[str, ...] = ()
    title: str = ""


def import_files(
    project: Project,
    paths: list[Path],
    *,
    participant: str | None = None,
    attributes: dict[str, str] | None = None,
    coder: str | None = None,
    speakers: dict[str, str] | None = None,
    on_file: Progress | None = None,
) -> list[ImportOutcome]:
    """Import files and folders (recursively); each file is all-or-nothing, others carry on."""
    outcomes = []
    for path in iter_import_files(paths):
        outcome = import_one(
            project,
            path,
            participant=participant,
            attributes=attributes,
            coder=coder,
            speakers=speakers,
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
    speakers: dict[str, str] | None = None,
) -> ImportOutcome:
    """Import a single file in one transaction; a failure leaves nothing of it behind.

    `speakers` maps speaker labels (any case) to roles or participant labels, stored as the
    passages' speaker; the labels as written stay private identifiers."""
    if not is_text(str(path)):  # the store and the messages hold text; the OS gave bytes
        return ImportOutcome(
            path,
            "failed",
            f"{shown(path)}: the file name is not valid UTF-8 text; rename the file to import it",
        )
    mapped: tuple[str, ...] = ()
    try:
        read = read_document(path)
        if speakers:
            mapped = tuple(sorted(mapped_labels(read.passages, speakers)))
            read = _with_roles(read, speakers)
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
                    title=existing_title,
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
    return dataclasses.replace(understood(path, read, document_id), mapped=mapped)


def _with_roles(read: ReadDocument, speakers: dict[str, str]) -> ReadDocument:
    passages = map_drafts(read.passages, speakers)
    mapped = dict.fromkeys(p.meta[ORIGINAL] for p in passages if ORIGINAL in p.meta)
    private = dict.fromkeys([*read.speakers, *private_labels(mapped)])
    return dataclasses.replace(read, passages=passages, speakers=list(private))


def understood(path: Path, read: ReadDocument, document_id: int) -> ImportOutcome:
    """The outcome of an imported file, reporting what was read from it."""
    speakers = tuple(
        dict.fromkeys(
            f"{p.meta[ORIGINAL]}={p.speaker}" if ORIGINAL in p.meta else p.speaker
            for p in read.passages
            if p.speaker
        )
    )
    longest = max((p.end - p.start for p in read.passages), default=0)
    count = len(read.passages)
    found = ", ".join(speakers) if speakers else "none"
    message = (
        f"{path.name}: imported as document {document_id}: {read.layout or read.format}, "
        f"{count} passage{'' if count == 1 else 's'} (longest {longest:,} characters), "
        f"speakers: {found}"
    )
    warnings = list(read.warnings)
    if not speakers:
        warnings.append(f"{path.name}: no speakers found; passages are paragraphs")
    return ImportOutcome(
        path,
        "imported",
        message,
        document_id,
        count,
        tuple(warnings),
        read.layout or read.format,
        speakers,
        longest,
        title=read.title,
    )
