"""Project files: creation, pragmas, refusing non-projects and newer schemas, upgrades."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from qualcode.store.db import (
    ProjectError,
    _alembic_config,
    _make_engine,
    _sqlite_url,
    create_project,
    head_revision,
    open_project,
)


def test_new_project_is_private_wal_with_foreign_keys(project_file: Path) -> None:
    assert stat.S_IMODE(project_file.stat().st_mode) == 0o600
    project = open_project(str(project_file))
    with project.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == 15000
        assert session.execute(text("PRAGMA cache_size")).scalar() == -32 * 1024  # KiB
    project.close()
    wal = project_file.with_name(project_file.name + "-wal")
    if wal.exists():
        assert stat.S_IMODE(wal.stat().st_mode) == 0o600


def test_create_refuses_existing_file(project_file: Path) -> None:
    with pytest.raises(ProjectError, match="already exists"):
        create_project(str(project_file))


def test_open_missing_file_says_how_to_create(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match=r"no such project .*qualcode init"):
        open_project(str(tmp_path / "nope.qc"))


def test_open_text_file_is_not_a_project(tmp_path: Path) -> None:
    path = tmp_path / "notes.qc"
    path.write_text("hello")
    with pytest.raises(ProjectError, match="not a qualcode project file"):
        open_project(str(path))


def test_open_other_sqlite_database_is_not_a_project(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    with pytest.raises(ProjectError, match="not a qualcode project"):
        open_project(str(path))


def test_open_newer_schema_refuses_and_changes_nothing(project_file: Path) -> None:
    with sqlite3.connect(project_file) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    before = project_file.read_bytes()
    with pytest.raises(ProjectError, match="newer version of qualcode"):
        open_project(str(project_file))
    assert project_file.read_bytes() == before


def test_older_project_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.qc"
    path.touch(mode=0o600)
    engine = _make_engine(_sqlite_url(path))
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "0001")
        connection.execute(
            text("INSERT INTO coder (name, created_at) VALUES ('ana', '2024-01-01')")
        )
    engine.dispose()

    project = open_project(str(path))
    with project.read() as session:
        version = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == head_revision()
        assert session.execute(text("SELECT name FROM coder")).scalar() == "ana"
        session.execute(text("SELECT count(*) FROM review")).scalar()
    project.close()

    backups = list(tmp_path.glob("old.qc.backup-0001-*"))
    assert len(backups) == 1
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    with sqlite3.connect(backups[0]) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert old.execute("SELECT name FROM coder").fetchone() == ("ana",)
    old.close()


def test_audit_log_is_append_only(project_file: Path) -> None:
    with sqlite3.connect(project_file) as connection:
        assert connection.execute("SELECT count(*) FROM audit_event").fetchone()[0] > 0
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute("UPDATE audit_event SET coder = 'someone else'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute("DELETE FROM audit_event")
    connection.close()


def test_failed_write_transaction_leaves_nothing(project_file: Path) -> None:
    project = open_project(str(project_file))
    with pytest.raises(RuntimeError), project.write() as session:
        session.execute(text("INSERT INTO coder (name, created_at) VALUES ('x', '2024-01-01')"))
        raise RuntimeError("killed half way")
    with project.read() as session:
        assert session.execute(text("SELECT count(*) FROM coder WHERE name='x'")).scalar() == 0
    project.close()
