"""`anonymise dismiss` and `register` with a value longer than its column: one `error:` line
and nothing stored, on SQLite (which would keep it) and PostgreSQL (which raised DataError)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.store.db import open_project
from qualcode.store.models import DismissedHit, Identifier


@pytest.mark.parametrize(
    ("command", "what"),
    [(["dismiss"], "a dismissed value"), (["register"], "an identifier")],
)
def test_a_value_longer_than_its_column_is_refused(
    runner: CliRunner, project_ref: str, command: list[str], what: str
) -> None:
    value = "Leeds " * 84  # 503 characters after trimming
    result = runner.invoke(app, ["anonymise", *command, project_ref, value])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [f"error: {what} must be at most 500 characters (this one has 503)"]
    project = open_project(project_ref)
    try:
        with project.read() as session:
            assert session.scalar(select(func.count()).select_from(DismissedHit)) == 0
            assert session.scalar(select(func.count()).select_from(Identifier)) == 0
    finally:
        project.close()
    at_limit = ("x" * 499) + "y"
    result = runner.invoke(app, ["anonymise", *command, project_ref, at_limit])
    assert result.exit_code == 0, result.output
