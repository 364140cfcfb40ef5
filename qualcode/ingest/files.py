"""Expand the paths given to an import into the list of files to read."""

from __future__ import annotations

import os
import re
from pathlib import Path

_DIGITS = re.compile(r"(\d+)")


def _natural_key(path: Path) -> list[tuple[int, int | str]]:
    """Sort key that puts "interview 2" before "interview 10", ignoring case."""
    return [
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in _DIGITS.split(path.as_posix())
    ]


def _skipped(name: str) -> bool:
    """Hidden files and folders, and Office lock files such as "~$notes.docx"."""
    return name.startswith((".", "~$"))


def iter_import_files(paths: list[Path], supported: tuple[str, ...]) -> list[Path]:
    """Files to import: folders searched recursively for supported files (sorted, hidden ones
    skipped); files named explicitly are kept whatever their extension, for the caller to report.
    Each file appears once, in the order the paths were given."""
    result: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.absolute()
        if key not in seen:
            seen.add(key)
            result.append(path)

    for path in paths:
        if not path.is_dir():
            add(path)
            continue
        found: list[Path] = []
        for folder, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not _skipped(d)]
            found.extend(
                Path(folder, f)
                for f in files
                if not _skipped(f) and os.path.splitext(f)[1].lower() in supported
            )
        for file in sorted(found, key=_natural_key):
            add(file)
    return result
