"""Read one interview file for import: its document, or the outcome that stopped it."""

from __future__ import annotations

import dataclasses
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

from qualcode.errors import QualcodeError
from qualcode.files import is_text, shown
from qualcode.ingest import ReadDocument, read_document
from qualcode.ingest.speaker_map import ORIGINAL, map_drafts, mapped_labels, private_labels


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


@dataclass(frozen=True)
class FileRead:
    """A file read and ready to store, or the outcome that stopped it."""

    path: Path
    read: ReadDocument | None
    mapped: tuple[str, ...] = ()
    failure: ImportOutcome | None = None


def read_for_import(path: Path, speakers: dict[str, str] | None) -> FileRead:
    """Read one file; a file that cannot be read (or named) becomes its failed outcome.

    `speakers` maps speaker labels to roles or participant labels (`--speakers`)."""
    if not is_text(str(path)):  # the store and the messages hold text; the OS gave bytes
        message = (
            f"{shown(path)}: the file name is not valid UTF-8 text; rename the file to import it"
        )
        return FileRead(path, None, failure=ImportOutcome(path, "failed", message))
    try:
        read = read_document(path)
    except QualcodeError as exc:
        return FileRead(path, None, failure=ImportOutcome(path, "failed", str(exc)))
    except OSError as exc:
        message = f"{path.name}: cannot be read ({exc.strerror})"
        return FileRead(path, None, failure=ImportOutcome(path, "failed", message))
    if not speakers:
        return FileRead(path, read)
    mapped = tuple(sorted(mapped_labels(read.passages, speakers)))
    return FileRead(path, _with_roles(read, speakers), mapped)


def read_in_turn(
    files: list[Path], speakers: dict[str, str] | None
) -> Generator[FileRead, None, None]:
    """Each file read, in order, here and only when asked for (a few small files)."""
    return (read_for_import(path, speakers) for path in files)


def _with_roles(read: ReadDocument, speakers: dict[str, str]) -> ReadDocument:
    passages = map_drafts(read.passages, speakers)
    mapped = dict.fromkeys(p.meta[ORIGINAL] for p in passages if ORIGINAL in p.meta)
    private = dict.fromkeys([*read.speakers, *private_labels(mapped)])
    return dataclasses.replace(read, passages=passages, speakers=list(private))
