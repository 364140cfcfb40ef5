"""Writing commands given a place they cannot write, a key that is not text, or options out of
range: one `error:` line (exit 1, or 2 for a bad option), never an unexpected failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli.app import app

runner = CliRunner()


def _one_error(result: object, text: str) -> None:
    assert getattr(result, "exit_code", None) == 1, getattr(result, "output", "")
    assert getattr(result, "exception", None) is None or isinstance(
        getattr(result, "exception", None), SystemExit
    )
    lines = [line for line in getattr(result, "stderr", "").splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and text in lines[0], lines


@pytest.mark.parametrize("command", [["matrix"], ["query", "commissioning"]])
@pytest.mark.parametrize("fmt", ["md", "docx", "xlsx", "csv", "html"])
def test_matrix_and_query_into_a_folder_or_a_missing_one(
    project_file: Path, tmp_path: Path, command: list[str], fmt: str
) -> None:
    name, *rest = command
    folder = tmp_path / "reports"
    folder.mkdir()
    result = runner.invoke(
        app, [name, str(project_file), *rest, "--out", str(folder), "--format", fmt]
    )
    _one_error(result, "cannot be written")
    plain = tmp_path / "notes.txt"
    plain.write_text("x")
    result = runner.invoke(app, [name, str(project_file), *rest, "--out", f"{plain}/out.{fmt}"])
    _one_error(result, "does not exist")
    assert list(folder.iterdir()) == []


def test_export_with_a_key_that_is_not_text(project_file: Path, tmp_path: Path) -> None:
    key = tmp_path / "key.json"
    key.write_bytes(b"\x93\xff not json")
    out = tmp_path / "quotes.md"
    args = ["export", "quotes", str(project_file), "--out", str(out), "--key", str(key), "--json"]
    result = runner.invoke(app, args)
    _one_error(result, "not a pseudonym key")
    assert result.stdout == "" and not out.exists()


def test_audit_report_refuses_coders_it_cannot_compare(project_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    for coders, problem in (("[bold]x[/]", "no coder named '[bold]x[/]'"), ("zed,a", "'zed'")):
        result = runner.invoke(
            app, ["audit", "report", str(project_file), "--out", str(out), "--coders", coders]
        )
        _one_error(result, problem)
    assert not out.exists()


@pytest.mark.parametrize("value", ["nan", "inf", "-5", "1.5"])
def test_a_threshold_must_be_a_kappa(project_file: Path, tmp_path: Path, value: str) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(
        app, ["audit", "report", str(project_file), "--out", str(out), "--threshold", value]
    )
    assert result.exit_code == 2 and "is not a kappa" in result.output
    assert not out.exists()
    result = runner.invoke(
        app, ["agree", str(project_file), "--coders", "a,b", "--threshold", value]
    )
    assert result.exit_code == 2 and "is not a kappa" in result.output
