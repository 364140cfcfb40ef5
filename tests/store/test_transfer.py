"""Copy, backup and check: lossless SQLite ⇄ PostgreSQL round trip, compared row by row."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.demo import build_demo
from qualcode.store.db import Project, open_project
from qualcode.store.models import Base


def _all_rows(project: Project) -> dict[str, list[tuple[Any, ...]]]:
    def norm(value: Any) -> Any:
        if isinstance(value, datetime):
            return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
        return value

    out = {}
    with project.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            rows = connection.execute(select(table).order_by(*table.primary_key))
            out[table.name] = [tuple(norm(v) for v in row) for row in rows]
    return out


@pytest.fixture(scope="module")
def demo_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.qc"
    build_demo(str(path), coder="tester", train=False)
    return path


def test_copy_round_trip_through_postgresql_keeps_every_row(
    demo_project: Path, empty_postgres: str, tmp_path: Path
) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["copy", str(demo_project), empty_postgres])
    assert result.exit_code == 0, result.stderr
    back = tmp_path / "back.qc"
    result = runner.invoke(app, ["copy", empty_postgres, str(back)])
    assert result.exit_code == 0, result.stderr

    with open_project(str(demo_project)) as a, open_project(empty_postgres) as b:
        original, middle = _all_rows(a), _all_rows(b)
    with open_project(str(back)) as c:
        final = _all_rows(c)
    assert sum(len(rows) for rows in original.values()) > 1000
    assert middle == original
    assert final == original
    # PostgreSQL sequences continue after the copied ids, and search works there.
    hits = runner.invoke(app, ["search", empty_postgres, "tender*", "--json"])
    assert hits.exit_code == 0 and len(json.loads(hits.stdout)) > 0
    added = runner.invoke(app, ["codebook", "add", empty_postgres, "new-code", "New code"])
    assert added.exit_code == 0, added.stderr
    check = runner.invoke(app, ["check", empty_postgres, "--json"])
    assert json.loads(check.stdout)["ok"] is True


def test_copy_refuses_an_existing_destination(demo_project: Path) -> None:
    result = CliRunner().invoke(app, ["copy", str(demo_project), str(demo_project)])
    assert result.exit_code == 1 and "refusing to overwrite the project" in result.stderr


def test_backup_is_a_consistent_private_copy(demo_project: Path, tmp_path: Path) -> None:
    dest = tmp_path / "backup.qc"
    result = CliRunner().invoke(app, ["backup", str(demo_project), str(dest)])
    assert result.exit_code == 0, result.stderr
    assert oct(dest.stat().st_mode & 0o777) == "0o600"
    with open_project(str(demo_project)) as a, open_project(str(dest)) as b:
        assert _all_rows(a) == _all_rows(b)
    again = CliRunner().invoke(app, ["backup", str(demo_project), str(dest)])
    assert again.exit_code == 1 and "already exists" in again.stderr


def test_check_finds_codings_past_the_end_and_bad_passages(
    demo_project: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["check", str(demo_project), "--json"])
    assert ok.exit_code == 0, ok.stdout
    report = json.loads(ok.stdout)
    assert report["ok"] is True and report["checked"]["codings"] > 300

    broken = tmp_path / "broken.qc"
    assert runner.invoke(app, ["backup", str(demo_project), str(broken)]).exit_code == 0
    with sqlite3.connect(broken) as connection:
        connection.execute('UPDATE coding SET "end" = 10000000 WHERE id = 1')
        connection.execute("UPDATE passage SET text = 'tampered' WHERE id = 2")
    connection.close()
    bad = runner.invoke(app, ["check", str(broken), "--json"])
    assert bad.exit_code == 1
    problems = json.loads(bad.stdout)["problems"]
    assert any(p.startswith("coding 1: span") and "past the end" in p for p in problems)
    assert any("stored text differs" in p for p in problems)


def test_postgresql_backup_as_sql_dump_and_as_project_file(
    demo_project: Path, empty_postgres: str, tmp_path: Path
) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["copy", str(demo_project), empty_postgres]).exit_code == 0
    dump = tmp_path / "study.sql"
    result = runner.invoke(app, ["backup", empty_postgres, str(dump)])
    assert result.exit_code == 0, result.stderr
    assert oct(dump.stat().st_mode & 0o777) == "0o600"
    sql = dump.read_text(encoding="utf-8")
    assert "CREATE TABLE public.coding" in sql and "COPY public.passage" in sql
    copy = tmp_path / "study-backup.qc"
    result = runner.invoke(app, ["backup", empty_postgres, str(copy)])
    assert result.exit_code == 0, result.stderr
    with open_project(str(demo_project)) as a, open_project(str(copy)) as b:
        assert _all_rows(a) == _all_rows(b)
