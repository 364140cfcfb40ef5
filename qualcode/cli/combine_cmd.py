"""`import TARGET OTHER.qc`: bring another qualcode project's work into this one."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from qualcode.cli.common import default_coder, fail
from qualcode.cli.outcome import Outcome
from qualcode.errors import QualcodeError
from qualcode.store.db import display

if TYPE_CHECKING:
    from qualcode.combine.merge import CombineSummary

SQLITE_MAGIC = b"SQLite format 3\x00"
# A database URL given where a path is expected loses one slash of "://" to Path.
_MANGLED_URL = re.compile(r"^([a-z][a-z0-9+.-]*):/(?!/)")
ORDER = ("documents", "participants", "codes", "coders", "codings", "memos", "reviews",
         "cell summaries", "coder keys")  # fmt: skip


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
    project: str,
    other: str,
    *,
    only_coder: str | None,
    prefer_other: bool,
    dry_run: bool,
    as_json: bool = False,
) -> None:
    """Combine `other` into `project` and print what was added, matched and in conflict
    (with `as_json`, one JSON document: the counts, and the conflicts as warnings)."""
    from qualcode.combine.api import combine_into  # only when a project is combined

    try:
        summary = combine_into(
            project, other, coder=default_coder(), only_coder=only_coder,
            prefer_other=prefer_other, dry_run=dry_run,
        )  # fmt: skip
    except QualcodeError as exc:
        fail(exc)
    except SQLAlchemyError as exc:
        fail(f"{display(project)}: database error ({str(exc).strip().splitlines()[0]})")
    report = Outcome(as_json)
    say_combined(report, project, display(other), summary, only_coder=only_coder, dry_run=dry_run)
    report.done(
        path=display(other),
        format="qualcode",
        dry_run=dry_run,
        changed=summary.changed,
        counts=dict(summary.counts),
    )


def say_combined(
    report: Outcome,
    project: str,
    other: str,
    summary: CombineSummary,
    *,
    only_coder: str | None,
    dry_run: bool,
) -> None:
    """What one combine added, matched and found in conflict (conflicts as warnings)."""
    verb = "Would combine" if dry_run else "Combined"
    whose = f" ({only_coder}'s codings and memos)" if only_coder else ""
    report.say(f"{verb} {other} into {display(project)}{whose}:")
    for line in _lines(summary):
        report.say(f"  {line}")
    for conflict in summary.conflicts:
        report.warn(conflict)
    if dry_run:
        report.say("Nothing was changed (--dry-run).")
    elif not summary.changed:
        report.say("Nothing new: everything was already here.")


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
