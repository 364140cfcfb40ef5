"""`import TARGET OTHER.qc`: bring another qualcode project's work into this one."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from qualcode.cli.common import console, default_coder, fail, warn
from qualcode.combine.api import combine_into
from qualcode.combine.merge import CombineSummary
from qualcode.errors import QualcodeError
from qualcode.store.db import display

SQLITE_MAGIC = b"SQLite format 3\x00"
# A database URL given where a path is expected loses one slash of "://" to Path.
_MANGLED_URL = re.compile(r"^([a-z][a-z0-9+.-]*):/(?!/)")
ORDER = ("documents", "participants", "codes", "coders", "codings", "memos", "reviews")


def project_source(file: Path) -> str | None:
    """The project a file argument names (a .qc file, any SQLite project, or a URL), else None."""
    raw = str(file)
    if _MANGLED_URL.match(raw) and not file.exists():
        return _MANGLED_URL.sub(r"\1://", raw)
    if file.suffix.lower() == ".qc":
        return raw
    try:
        with file.open("rb") as handle:
            return raw if handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC else None
    except OSError:
        return None


def combine(
    project: str, other: str, *, only_coder: str | None, prefer_other: bool, dry_run: bool
) -> None:
    """Combine `other` into `project` and print what was added, matched and in conflict."""
    try:
        summary = combine_into(
            project, other, coder=default_coder(), only_coder=only_coder,
            prefer_other=prefer_other, dry_run=dry_run,
        )  # fmt: skip
    except QualcodeError as exc:
        fail(exc)
    except SQLAlchemyError as exc:
        fail(f"{display(project)}: database error ({str(exc).strip().splitlines()[0]})")
    verb = "Would combine" if dry_run else "Combined"
    whose = f" ({only_coder}'s codings and memos)" if only_coder else ""
    console.print(f"{verb} {display(other)} into {display(project)}{whose}:", soft_wrap=True)
    for line in _lines(summary):
        console.print(f"  {line}", soft_wrap=True)
    for conflict in summary.conflicts:
        warn(conflict)
    if dry_run:
        console.print("Nothing was changed (--dry-run).")
    elif not summary.changed:
        console.print("Nothing new: everything was already here.")


def _lines(summary: CombineSummary) -> list[str]:
    lines = []
    for kind in ORDER:
        parts = [
            f"{n} {what.removeprefix(kind + ' ')}"
            for what, n in summary.counts.items()
            if what.startswith(kind + " ") and n
        ]
        if parts:
            lines.append(f"{kind}: {', '.join(parts)}")
    extra = [f"{what}: {n}" for what, n in summary.counts.items()
             if n and not what.startswith(ORDER)]  # fmt: skip
    return lines + extra
