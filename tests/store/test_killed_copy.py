"""A `copy` killed part-way leaves nothing at DEST, so running it again simply works."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from qualcode.cli.app import app

QUALCODE = str(Path(sys.executable).with_name("qualcode"))


def test_a_killed_copy_leaves_nothing_at_dest_and_can_be_retried(
    project_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "copies"
    folder.mkdir()
    dest = folder / "copy.qc"
    child = subprocess.Popen([QUALCODE, "copy", str(project_file), str(dest)])
    try:
        deadline = time.monotonic() + 60
        while not any(folder.iterdir()):  # the copy has started writing
            assert child.poll() is None, "the copy ended before anything was seen"
            assert time.monotonic() < deadline
            time.sleep(0.001)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert not dest.exists()
    result = CliRunner().invoke(app, ["copy", str(project_file), str(dest)])
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(app, ["check", str(dest)]).exit_code == 0
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600


def test_code_export_is_private_like_the_project(
    project_file: Path, tmp_path: Path, transcript: Path
) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(project_file), str(transcript)]).exit_code == 0
    coded = ["code", "add", str(project_file), "--doc", "1", "--code", "commissioning"]
    assert runner.invoke(app, [*coded, "--passage", "3"]).exit_code == 0
    previous = os.umask(0o022)
    try:
        for command in (
            ["code", "export", str(project_file), str(tmp_path / "codings.csv")],
            ["doc", "show", str(project_file), "1", "--output", str(tmp_path / "doc.txt")],
            ["audit", "report", str(project_file), "--out", str(tmp_path / "audit.html")],
        ):
            assert runner.invoke(app, command).exit_code == 0
    finally:
        os.umask(previous)
    for name in ("codings.csv", "doc.txt", "audit.html"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name
    assert "competitive tendering" in (tmp_path / "codings.csv").read_text(encoding="utf-8")
