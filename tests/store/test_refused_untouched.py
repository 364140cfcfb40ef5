"""A refused project is left untouched; new files are private; URLs never show a password."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli.app import app


def _state(path: Path) -> tuple[str, str, list[str]]:
    """The file's bytes, its journal mode (read without changing it) and what lies beside it."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    connection.close()
    return digest, mode, sorted(p.name for p in path.parent.iterdir())


def _foreign(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    connection.execute("INSERT INTO contacts VALUES ('Jo Pinder', '01632 960 001')")
    connection.commit()
    connection.close()
    return path


@pytest.mark.parametrize("command", [["status"], ["check"], ["docs"], ["search", "--", "x"]])
def test_another_applications_database_is_refused_unchanged(
    tmp_path: Path, command: list[str]
) -> None:
    foreign = _foreign(tmp_path / "contacts.sqlite")
    before = _state(foreign)
    assert before[1] == "delete"
    args = [command[0], str(foreign), *command[1:]]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "not a qualcode project" in result.stderr
    assert _state(foreign) == before


def test_a_project_from_a_newer_qualcode_is_refused_unchanged(project_file: Path) -> None:
    connection = sqlite3.connect(project_file)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("UPDATE alembic_version SET version_num = 'f00dcafe9999'")
    connection.commit()
    connection.close()
    before = _state(project_file)
    result = CliRunner().invoke(app, ["status", str(project_file)])
    assert result.exit_code == 1
    assert "newer version of qualcode" in result.stderr
    assert _state(project_file) == before


def test_init_with_a_sqlite_url_creates_a_private_file(tmp_path: Path) -> None:
    path = tmp_path / "study.qc"
    result = CliRunner().invoke(app, ["init", f"sqlite:///{path}"])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "sqlite+pysqlite://"])
def test_an_in_memory_project_is_refused(url: str) -> None:
    result = CliRunner().invoke(app, ["init", url])
    assert result.exit_code == 1
    assert "in-memory" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://ana:s3cr3t-pw@db.example:port/study",
        "postgresql+psycopg://ana:s3cr3t@pw@db.example:x/study",
        "mysql://ana:s3cr3t-pw@db.example/study",
        "postgresql://ana:s3cr3t-pw@db.example:5432:1/study",
    ],
)
@pytest.mark.parametrize("command", ["init", "status", "check", "backup"])
def test_a_database_url_is_never_shown_with_its_password(url: str, command: str) -> None:
    args = [command, url] + (["out.qc"] if command == "backup" else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code != 0
    assert "s3cr3t" not in result.output + result.stderr
    assert "ana" in result.stderr or "database" in result.stderr
