"""`--coder NAME` as a filter: a name nobody has used is one `error:` line, not an empty (or,
under NOT, a complete) selection."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli.app import app

runner = CliRunner()

FILTERING = [
    ["query", "{p}", "NOT commissioning"],
    ["matrix", "{p}"],
    ["export", "quotes", "{p}", "--out", "{out}"],
    ["code", "list", "{p}"],
    ["code", "export", "{p}", "-"],
    ["words", "{p}", "--code", "commissioning"],
    ["kwic", "{p}", "funding"],
    ["audit", "log", "{p}"],
    ["memo", "list", "{p}"],
]


@pytest.mark.parametrize("command", FILTERING, ids=lambda c: " ".join(c[:2]))
def test_an_unknown_coder_is_refused_by_name(
    project_file: Path, tmp_path: Path, command: list[str]
) -> None:
    out = tmp_path / "quotes.md"
    args = [a.format(p=project_file, out=out) for a in command]
    result = runner.invoke(app, [*args, "--coder", "[bold]tpyo[/]"])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == ["error: no coder named '[bold]tpyo[/]' (coders: tester)"], lines
    assert result.stdout == "" and not out.exists()


def test_a_known_coder_still_filters(project_file: Path) -> None:
    result = runner.invoke(
        app, ["query", str(project_file), "NOT commissioning", "--coder", "tester"]
    )
    assert result.exit_code == 0, result.output
