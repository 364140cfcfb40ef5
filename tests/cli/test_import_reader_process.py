"""`qualcode import` of a big folder: read in a second process started first; Ctrl-C stops both."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import qualcode.reading_process
from qualcode import import_read
from qualcode.cli.app import app
from qualcode.store.check import check_project
from qualcode.store.db import open_project

ROOT = Path(__file__).parent.parent.parent


def _interviews(folder: Path, count: int, repeat: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for number in range(1, count + 1):
        path = folder / f"interview-{number:03d}.txt"
        turn = (
            f"Interviewer: How did the tender go, time {number}?\n\n"
            f"Morgan: We were undercut on price by a national provider ({number}).\n\n"
        )
        path.write_text(turn * repeat, encoding="utf-8")
        paths.append(path)
    return paths


def test_a_big_folder_is_read_in_the_process_started_before_the_project_opens(
    runner: CliRunner, project_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _interviews(tmp_path / "notes", 12, 40)
    (tmp_path / "notes" / "interview-005.txt").write_bytes(b"")  # fails alone
    monkeypatch.setattr(qualcode.reading_process, "PROCESS_BYTES", 20_000)
    started: list[list[Path]] = []
    start = qualcode.reading_process.ReadingProcess.__init__

    def counted(
        self: qualcode.reading_process.ReadingProcess,
        files: list[Path],
        speakers: dict[str, str] | None,
    ) -> None:
        started.append(list(files))
        start(self, files, speakers)

    monkeypatch.setattr(qualcode.reading_process.ReadingProcess, "__init__", counted)

    def not_here(path: Path, **_: object) -> None:
        raise AssertionError(f"{path.name} was read in the storing process")

    monkeypatch.setattr(import_read, "read_document", not_here)
    result = runner.invoke(
        app, ["import", str(project_file), str(tmp_path / "notes"), "--coder", "ana", "--json"]
    )
    assert result.exit_code == 1
    assert started == [files]  # one reader, started early, used
    assert result.stderr.splitlines() == ["error: interview-005.txt: the file is empty"]
    report = json.loads(result.stdout)
    assert (report["imported"], report["duplicates"], report["failed"]) == (11, 0, 1)
    assert [f["path"] for f in report["files"]] == [str(path) for path in files]


def test_ctrl_c_stops_the_import_and_its_reader_leaving_whole_files(
    project_file: Path, tmp_path: Path
) -> None:
    files = _interviews(tmp_path / "notes", 150, 300)  # 6 MB: a second process reads them
    command = [sys.executable, "-c", "from qualcode.cli.app import main; main()"]
    command += ["import", str(project_file), str(tmp_path / "notes"), "--coder", "ana"]
    env = os.environ | {"PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    # A session of its own, as a shell gives a job: Ctrl-C signals the whole process group.
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()  # the first batch is stored
    assert b"imported as document 1" in first
    os.killpg(process.pid, signal.SIGINT)
    rest, errors = process.communicate(timeout=120)
    assert process.returncode == 130, errors  # 128 + SIGINT, as the shell reports it
    assert "Traceback" not in errors.decode(), errors  # from neither process
    with pytest.raises(ProcessLookupError):  # nothing of the group is left running
        os.killpg(process.pid, 0)
    said = (first + rest).decode().splitlines()
    with open_project(str(project_file)) as project:
        assert check_project(project).ok
    with sqlite3.connect(project_file) as db:
        names = [row[0] for row in db.execute("SELECT source_name FROM document ORDER BY id")]
        counts = {row[0] for row in db.execute("SELECT count(*) FROM passage GROUP BY document_id")}
    db.close()
    # A batch committed is stored whole, whether or not Ctrl-C came before all of it was said.
    assert 1 <= len(said) <= len(names) < len(files)
    assert names == [path.name for path in files[: len(names)]]
    assert counts == {600}  # every stored file whole


def test_a_reader_started_for_other_files_than_those_imported_is_stopped_at_once(
    runner: CliRunner, project_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _interviews(tmp_path / "notes", 6, 40)
    other = tmp_path / "other.qc"
    other.write_bytes(project_file.read_bytes())  # a project named: brought in, not read
    monkeypatch.setattr(qualcode.reading_process, "PROCESS_BYTES", 20_000)
    monkeypatch.setenv("QUALCODE_CODER", "ana")
    readers: list[qualcode.reading_process.ReadingProcess] = []
    start = qualcode.reading_process.ReadingProcess.__init__

    def kept(
        self: qualcode.reading_process.ReadingProcess,
        files: list[Path],
        speakers: dict[str, str] | None,
    ) -> None:
        if readers:  # the first, started early for every file named, has ended by now
            with pytest.raises(ProcessLookupError):
                os.kill(readers[0].pid, 0)
        readers.append(self)
        start(self, files, speakers)

    monkeypatch.setattr(qualcode.reading_process.ReadingProcess, "__init__", kept)
    result = runner.invoke(app, ["import", str(project_file), str(other), str(tmp_path / "notes")])
    assert result.exit_code == 0, result.output
    assert "6 imported, 0 already present, 0 failed." in result.stdout
    assert len(readers) == 2
    with sqlite3.connect(project_file) as db:
        names = [row[0] for row in db.execute("SELECT source_name FROM document ORDER BY id")]
    db.close()
    assert names == [path.name for path in files]
