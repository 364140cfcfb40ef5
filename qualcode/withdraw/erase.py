"""After a removal commits: make the removed words unrecoverable from the database's files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from qualcode.files import shown
from qualcode.store.db import Project

# Tables whose dead rows may hold a removed participant's words, names or memos.
POSTGRESQL_TABLES = (
    "passage",
    "document",
    "document_version",
    "coding",
    "orphaned_coding",
    "memo",
    "identifier",
    "participant",
    "suggestion_model",
    "suggestion_decision",
    "review",
    "audit_event",
)


@dataclass
class Erasure:
    """How the clean-up after a removal went: what was done, and what the user must still do."""

    done: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)


def erase_traces(project: Project) -> Erasure:
    """Rebuild the search index, rewrite the file and empty the WAL (SQLite), or VACUUM FULL
    the tables (PostgreSQL), so deleted rows survive nowhere in the database's own files."""
    erasure = Erasure(backups=migration_backups(project.path))
    if project.is_sqlite:
        _erase_sqlite(project, erasure)
    elif project.engine.dialect.name == "postgresql":
        _erase_postgresql(project, erasure)
    return erasure


def _erase_sqlite(project: Project, erasure: Erasure) -> None:
    with project.engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert driver is not None
        driver.execute("PRAGMA secure_delete = ON")
        # VACUUM builds its copy in memory rather than in a temporary file that would hold
        # the remaining text on disk; it rewrites every page, so no freed page survives.
        driver.execute("PRAGMA temp_store = MEMORY")
        driver.execute("VACUUM")
        busy, _, _ = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    erasure.done.append("project file rewritten (VACUUM), WAL emptied")
    if busy:
        erasure.warnings.append(
            "another program has the project open, so its WAL could not be emptied: close it "
            "(the WAL is emptied when the last program closes the project) before copying it"
        )


def _erase_postgresql(project: Project, erasure: Erasure) -> None:
    tables = ", ".join(POSTGRESQL_TABLES)
    try:
        with project.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f"VACUUM (FULL) {tables}"))
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0][:200]
        erasure.warnings.append(
            "VACUUM FULL was refused (only a table's owner may run it): ask the database "
            f"administrator to run `VACUUM (FULL) {tables};` ({reason})"
        )
        return
    erasure.done.append("tables rewritten (VACUUM FULL): deleted rows are gone from the tables")
    erasure.warnings.append(
        "the server's write-ahead log, replicas and base backups still hold the deleted rows "
        "until they are recycled or expire: see docs/privacy.md"
    )


def migration_backups(path: Path | None) -> list[Path]:
    """The copies qualcode made before upgrading the project's schema (they hold old data)."""
    if path is None:
        return []
    return sorted(path.parent.glob(f"{_glob_safe(path.name)}.backup-*"))


def _glob_safe(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def describe_backups(backups: list[Path]) -> list[str]:
    """One line per backup, for the user to delete by hand."""
    return [shown(backup) for backup in backups]
