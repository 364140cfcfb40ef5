"""Move whole projects between databases (SQLite ⇄ PostgreSQL) and back them up, losslessly."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, func, select, text

from qualcode.errors import QualcodeError
from qualcode.files import (
    atomic_path,
    fresh_name,
    publish,
    refuse_project_files,
    shown,
    sync_file,
)
from qualcode.store.db import (
    Project,
    backup_sqlite,
    create_project,
    display,
    is_url,
    remove_sqlite_files,
    sqlite_path,
)
from qualcode.store.models import Base
from qualcode.store.trail import as_utc

BATCH = 2_000


def _rows_in_order(connection: Connection, table: Table) -> list[dict[str, Any]]:
    rows = [
        dict(row._mapping) for row in connection.execute(select(table).order_by(*table.primary_key))
    ]
    if table.name == "code":
        return _parents_first(rows)
    return rows


def _parents_first(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Codes ordered so every parent is inserted before its children."""
    by_id = {row["id"]: row for row in rows}
    ordered: list[dict[str, Any]] = []
    placed: set[int] = set()

    def place(row: dict[str, Any]) -> None:
        if row["id"] in placed:
            return
        parent = row["parent_id"]
        if parent is not None and parent in by_id:
            place(by_id[parent])
        placed.add(row["id"])
        ordered.append(row)

    for row in rows:
        place(row)
    return ordered


def _utc(row: dict[str, Any]) -> dict[str, Any]:
    # SQLite hands back naive datetimes for values that were stored as UTC; PostgreSQL hands
    # back its session's time zone, which SQLite would keep as a naive local time.
    return {
        key: as_utc(value) if isinstance(value, datetime) else value for key, value in row.items()
    }


def copy_rows(source: Project, destination: Project) -> dict[str, int]:
    """Copy every row of every table from one project to an empty one; returns row counts."""
    counts: dict[str, int] = {}
    with source.engine.connect() as reader, destination.engine.begin() as writer:
        for table in Base.metadata.sorted_tables:
            rows = [_utc(row) for row in _rows_in_order(reader, table)]
            for start in range(0, len(rows), BATCH):
                writer.execute(table.insert(), rows[start : start + BATCH])
            counts[table.name] = len(rows)
            if writer.dialect.name == "postgresql" and rows and "id" in table.c:
                writer.execute(
                    text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :n)"),
                    {"t": table.name, "n": max(row["id"] for row in rows)},
                )
    return counts


def copy_project(source: Project, target: str) -> dict[str, int]:
    """Create a new project at target (file or empty database) holding everything in source.

    A SQLite destination is built under a temporary name beside it and renamed at the end, so
    a copy that is killed or fails leaves nothing at target and can simply be run again.
    """
    path = sqlite_path(target)
    if path is None:
        return _copy_into(source, create_project(target))
    refuse_project_files(path, [source.path])
    replace = is_url(target) and path.is_file() and path.stat().st_size == 0
    if path.exists() and not replace:
        raise QualcodeError(f"{display(target)}: already exists; choose a new project file name")
    temporary = fresh_name(path)
    counts = _copy_into(source, create_project(str(temporary)))
    try:
        sync_file(temporary)
        publish(temporary, path, replace=replace)
    except OSError as exc:
        raise QualcodeError(f"{display(target)}: cannot be written ({exc.strerror})") from None
    finally:
        remove_sqlite_files(temporary)
    return counts


def _copy_into(source: Project, destination: Project) -> dict[str, int]:
    try:
        counts = copy_rows(source, destination)
    except BaseException:
        destination.close()
        if destination.path is not None:
            remove_sqlite_files(destination.path)
        raise
    destination.close()
    return counts


def table_counts(project: Project) -> dict[str, int]:
    """Row counts of every table, for reports and checks."""
    with project.engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        }


def backup_project(project: Project, destination: str) -> str:
    """Back a project up: SQLite's online backup, pg_dump for a .sql file, else a new project."""
    if not is_url(destination):
        refuse_project_files(Path(destination), [project.path])
        if Path(destination).exists():
            raise QualcodeError(f"{shown(destination)}: already exists; choose a new backup name")
    if project.is_sqlite and not is_url(destination):
        backup_sqlite(project.engine, Path(destination))
        return "SQLite online backup"
    if destination.endswith(".sql") and project.engine.dialect.name == "postgresql":
        _pg_dump(project, Path(destination))
        return "pg_dump (plain SQL)"
    copy_project(project, destination)
    return "copy of every row"


def _pg_dump(project: Project, destination: Path) -> None:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise QualcodeError("pg_dump is not installed; back up to a .qc file instead")
    url = project.engine.url
    env = dict(os.environ, PGPASSWORD=url.password or "")
    command = [
        pg_dump,
        "--no-owner",
        "-h",
        url.host or "localhost",
        "-p",
        str(url.port or 5432),
        "-U",
        url.username or "",
        "-f",
        str(destination),
        url.database or "",
    ]
    with atomic_path(destination, replace=False) as temporary:
        command[command.index("-f") + 1] = str(temporary)
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            lines = result.stderr.strip().splitlines() or [f"exit status {result.returncode}"]
            raise QualcodeError(f"pg_dump failed: {lines[-1]}")
