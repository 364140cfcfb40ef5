"""Readers: turn an interview file (text, Word, ODT, PDF, RTF, captions) into one document."""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from pathlib import Path

from qualcode.ingest import files
from qualcode.ingest.types import PassageDraft, ReadDocument, ReadError

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "PassageDraft",
    "ReadDocument",
    "ReadError",
    "iter_import_files",
    "read_document",
]

# Each extension's reader, "module:function" in this package: a reader's libraries
# (python-docx, odfpy, pypdf, charset-normalizer...) load only when a file of its kind is read.
_READERS: dict[str, str] = {
    ".docx": "office:read_docx",
    ".md": "plain:read_md",
    ".odt": "opendocument:read_odt",
    ".pdf": "pdf:read_pdf",
    ".rtf": "rtf:read_rtf",
    ".sbv": "captions:read_sbv",
    ".srt": "captions:read_srt",
    ".txt": "plain:read_txt",
    ".vtt": "captions:read_vtt",
}
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(sorted(_READERS))
_SHEET_EXTENSIONS = frozenset({".csv", ".tsv", ".xlsx", ".xls", ".ods"})


def read_document(path: Path, *, data: bytes | None = None) -> ReadDocument:
    """Read one interview file (or `data`, its bytes, named by `path`) into a ReadDocument.

    The reader is chosen by extension, ignoring case. Every failure raises ReadError with a
    one-line message "{file name}: {reason}".
    """
    from qualcode.ingest.decode import collect_warnings
    from qualcode.ingest.document import fail

    name = path.name
    extension = path.suffix.lower()
    if extension not in _READERS:
        kind = f"file type {extension}" if extension else "file without an extension"
        if extension in _SHEET_EXTENSIONS:
            kind += " (a participant sheet is imported with: qualcode participants import)"
        raise fail(name, f"unsupported {kind} (supported: {', '.join(SUPPORTED_EXTENSIONS)})")
    if data is None:
        data = _read_bytes(path)
    if not data:
        raise fail(name, "the file is empty")
    module, _, function = _READERS[extension].partition(":")
    reader: Callable[[str, bytes], ReadDocument] = getattr(
        importlib.import_module(f"{__name__}.{module}"), function
    )
    with collect_warnings() as warnings:
        document = reader(name, data)
    if warnings:
        document = dataclasses.replace(document, warnings=[*document.warnings, *warnings])
    return document


def _read_bytes(path: Path) -> bytes:
    from qualcode.ingest.document import fail

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
