"""Readers: turn an interview file (text, Word, ODT, PDF, RTF, captions) into one document."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from qualcode.ingest import files
from qualcode.ingest.captions import read_sbv, read_srt, read_vtt
from qualcode.ingest.decode import collect_warnings
from qualcode.ingest.document import fail
from qualcode.ingest.office import read_docx
from qualcode.ingest.opendocument import read_odt
from qualcode.ingest.pdf import read_pdf
from qualcode.ingest.plain import read_md, read_txt
from qualcode.ingest.rtf import read_rtf
from qualcode.ingest.types import PassageDraft, ReadDocument, ReadError

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "PassageDraft",
    "ReadDocument",
    "ReadError",
    "iter_import_files",
    "read_document",
]

_READERS: dict[str, Callable[[str, bytes], ReadDocument]] = {
    ".docx": read_docx,
    ".md": read_md,
    ".odt": read_odt,
    ".pdf": read_pdf,
    ".rtf": read_rtf,
    ".sbv": read_sbv,
    ".srt": read_srt,
    ".txt": read_txt,
    ".vtt": read_vtt,
}
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(sorted(_READERS))


def read_document(path: Path, *, data: bytes | None = None) -> ReadDocument:
    """Read one interview file (or `data`, its bytes, named by `path`) into a ReadDocument.

    The reader is chosen by extension, ignoring case. Every failure raises ReadError with a
    one-line message "{file name}: {reason}".
    """
    name = path.name
    extension = path.suffix.lower()
    reader = _READERS.get(extension)
    if reader is None:
        kind = f"file type {extension}" if extension else "file without an extension"
        raise fail(name, f"unsupported {kind} (supported: {', '.join(SUPPORTED_EXTENSIONS)})")
    if data is None:
        data = _read_bytes(path)
    if not data:
        raise fail(name, "the file is empty")
    with collect_warnings() as warnings:
        document = reader(name, data)
    if warnings:
        document = dataclasses.replace(document, warnings=[*document.warnings, *warnings])
    return document


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise fail(path.name, "file not found") from None
    except IsADirectoryError:
        raise fail(path.name, "is a folder, not a file") from None
    except OSError as exc:
        raise fail(path.name, f"cannot be read ({exc.strerror or exc})") from None


def iter_import_files(paths: list[Path]) -> list[Path]:
    """Files to import from `paths`: folders are searched recursively for supported files
    (sorted naturally, hidden files and folders skipped); files named explicitly are returned
    whatever their extension, so that the caller reports unsupported ones."""
    return files.iter_import_files(paths, SUPPORTED_EXTENSIONS)
