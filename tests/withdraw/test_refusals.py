"""Withdrawal and removals refuse before they ask: no answer, a bad key or an impossible --to
stops them with one `error:` line and the project unchanged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from qualcode.cli.app import app

runner = CliRunner()


def _count(path: Path, sql: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute(sql).fetchone()[0])
    finally:
        connection.close()


def _label(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("SELECT label FROM participant ORDER BY id").fetchone()[0])
    finally:
        connection.close()


def _one_error(result: object, text: str) -> None:
    lines = [line for line in getattr(result, "stderr", "").splitlines() if line.strip()]
    assert lines and lines[0].startswith("error:") and text in lines[0], lines
    assert len(lines) == 1, lines
    assert "Aborted" not in getattr(result, "output", "")


def test_no_answer_to_the_question_changes_nothing(demo_copy: Path) -> None:
    label = _label(demo_copy)
    before = _count(demo_copy, "SELECT count(*) FROM participant")
    for args in (
        ["participants", "withdraw", str(demo_copy), label],
        ["participants", "attribute", "remove", str(demo_copy), "size"],
        ["doc", "remove", str(demo_copy), "1"],
    ):
        result = runner.invoke(app, args, input="")  # end of input, as from a script or cron
        assert result.exit_code == 1, result.output
        _one_error(result, "nothing was changed")
    assert _count(demo_copy, "SELECT count(*) FROM participant") == before
    assert _count(demo_copy, "SELECT count(*) FROM document WHERE id = 1") == 1


def test_a_key_that_is_not_text_is_refused_before_anything_goes(
    demo_copy: Path, tmp_path: Path
) -> None:
    key = tmp_path / "key.json"
    key.write_bytes(b"\xff\xfe{\x00")
    label = _label(demo_copy)
    args = ["participants", "withdraw", str(demo_copy), label, "--key", str(key), "--yes"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    _one_error(result, "not a pseudonym key")
    assert _count(demo_copy, f"SELECT count(*) FROM participant WHERE label = '{label}'") == 1
    key.write_text('{"format": "qualcode-pseudonym-key", "entities": [{"kind": "name"}]}')
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    _one_error(result, "not a qualcode pseudonym key")


def test_impossible_code_removals_are_refused_before_the_plan_is_shown(demo_copy: Path) -> None:
    connection = sqlite3.connect(demo_copy)
    parent, child = connection.execute(
        "SELECT p.key, c.key FROM code c JOIN code p ON p.id = c.parent_id LIMIT 1"
    ).fetchone()
    connection.close()
    for extra, problem in (
        ([], "sub-code"),
        (["--to", parent], "into itself"),
        (["--to", child], "into its own sub-code"),
    ):
        result = runner.invoke(app, ["codebook", "remove", str(demo_copy), parent, *extra])
        assert result.exit_code == 1, result.output
        _one_error(result, problem)
        assert "Removing" not in result.stdout and "Go ahead" not in result.stdout
    assert _count(demo_copy, f"SELECT count(*) FROM code WHERE key = '{parent}'") == 1
