"""Combine another project into this one: open both, one transaction, or a dry run."""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import func, select, text

from qualcode.combine.merge import CombineSummary, combine_projects
from qualcode.errors import QualcodeError
from qualcode.store.db import display, open_project, sqlite_path
from qualcode.store.models import Document

CACHE_KIB = 262_144  # SQLite page cache for the combine's connection, in KiB (closed after)


def _same(first: str, second: str) -> bool:
    one, two = sqlite_path(first), sqlite_path(second)
    if one is not None and two is not None:
        return one.resolve() == two.resolve()
    return first == second


def combine_into(
    target: str,
    other: str,
    *,
    coder: str,
    only_coder: str | None = None,
    prefer_other: bool = False,
    dry_run: bool = False,
    label: str | None = None,
) -> CombineSummary:
    """Bring another project's work into the target in one transaction (nothing on a dry run).

    The other project is only read: one made by an older qualcode is refused rather than
    upgraded, so a coder's file is never changed by collecting from it.
    """
    if _same(target, other):
        raise QualcodeError(f"{display(other)} is the project itself; give another project")
    with (
        open_project(other, upgrade=False) as theirs,
        open_project(target) as ours,
        theirs.read() as source,
        # A dry run's session closes without a commit, so everything it did rolls back.
        ours.read() if dry_run else ours.write() as session,
    ):
        if ours.is_sqlite:
            # Tens of thousands of rows go into indexed tables: with SQLite's 2 MiB default
            # cache, changed pages spill into the WAL and are written there again and again.
            session.execute(text(f"PRAGMA cache_size = -{CACHE_KIB}"))
        return combine_projects(
            session, source, coder=coder, only_coder=only_coder,
            prefer_other=prefer_other, other_name=label or display(other),
        )  # fmt: skip


def has_documents(target: str) -> bool:
    """Does the project exist and hold documents (so a .qdpx cannot go straight into it)?"""
    path = sqlite_path(target)
    if path is not None and not path.exists():
        return False
    with open_project(target) as project, project.read() as session:
        return bool(session.scalar(select(func.count(Document.id))))


def combine_qdpx(
    target: str,
    file: Path,
    *,
    coder: str,
    only_coder: str | None = None,
    prefer_other: bool = False,
    dry_run: bool = False,
) -> CombineSummary:
    """Bring a .qdpx into a project that already has documents: it is imported into a
    project of its own in a private temporary folder (removed after), which is then combined
    into the target in one transaction like any other project."""
    from qualcode.refi.api import import_qdpx

    with tempfile.TemporaryDirectory(prefix="qualcode-") as folder:
        own = str(Path(folder) / "imported.qc")
        import_qdpx(own, file, coder=coder)
        return combine_into(
            target, own, coder=coder, only_coder=only_coder, prefer_other=prefer_other,
            dry_run=dry_run, label=display(str(file)),
        )  # fmt: skip
