"""No command writes over the project file or its journals, however the path is spelled."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli.app import app

COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "code export": lambda out: ["code", "export", "study.qc", out],
    "codebook export": lambda out: ["codebook", "export", "study.qc", out],
    "doc show --output": lambda out: ["doc", "show", "study.qc", "1", "--output", out],
    "export quotes": lambda out: ["export", "quotes", "study.qc", "--out", out, "--format", "md"],
    "export qdpx": lambda out: ["export", "qdpx", "study.qc", "--out", out],
    "export qdc": lambda out: ["export", "qdc", "study.qc", "--out", out],
    "audit report": lambda out: ["audit", "report", "study.qc", "--out", out],
    "anonymise key": lambda out: ["anonymise", "key", "study.qc", "--out", out],
    "backup": lambda out: ["backup", "study.qc", out],
    "copy": lambda out: ["copy", "study.qc", out],
}


def _spellings(folder: Path) -> dict[str, str]:
    """Ways of naming the project file (or a journal SQLite would read as its own)."""
    (folder / "sub").mkdir()
    os.symlink(folder / "study.qc", folder / "link.qc")
    os.link(folder / "study.qc", folder / "hard.qc")
    os.symlink(folder / "study.qc-wal", folder / "dangling-to-wal")
    return {
        "as given": "study.qc",
        "./": "./study.qc",
        "..": "sub/../study.qc",
        "absolute": str(folder / "study.qc"),
        "symlink": "link.qc",
        "hard link": "hard.qc",
        "wal": "study.qc-wal",
        "shm": "./study.qc-shm",
        "journal": "study.qc-journal",
        "symlink to the wal": "dangling-to-wal",
        "other case": "STUDY.QC-wal",
    }


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_no_command_writes_over_the_project(
    command: str, project_file: Path, transcript: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = project_file.parent
    monkeypatch.chdir(folder)
    runner = CliRunner()
    assert runner.invoke(app, ["import", "study.qc", str(transcript)]).exit_code == 0
    before = _digest(project_file)
    for label, spelling in _spellings(folder).items():
        result = runner.invoke(app, COMMANDS[command](spelling))
        assert result.exit_code == 1, (label, result.output)
        assert "refusing to overwrite the project file" in result.stderr, (label, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, (label, result.stderr)
        assert _digest(project_file) == before, label
        for side in ("-wal", "-shm", "-journal"):
            assert not (folder / f"study.qc{side}").exists(), (label, side)
    assert runner.invoke(app, ["check", "study.qc"]).exit_code == 0


def test_a_sqlite_url_project_is_guarded_too(project_file: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{project_file}"
    before = _digest(project_file)
    result = CliRunner().invoke(app, ["codebook", "export", url, str(project_file)])
    assert result.exit_code == 1 and "refusing to overwrite the project" in result.stderr
    assert _digest(project_file) == before


def test_an_export_may_still_replace_an_ordinary_file(project_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "codebook.yaml"
    out.write_text("old\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["codebook", "export", str(project_file), str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("codebook:")
