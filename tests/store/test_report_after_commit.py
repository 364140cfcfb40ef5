"""A command says a change is saved only once it is: the report comes after the commit.

The command's standard output is a pipe that is already full, so its first report blocks.
If it reported inside the transaction, the change would stay uncommitted for as long as the
report waits (and be lost if it were killed then); the test sees the change in the project
while the report is still stuck.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli.app import app

QUALCODE = str(Path(sys.executable).with_name("qualcode"))


def _full_pipe() -> tuple[int, int]:
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    for chunk in (b"." * 4096, b"."):  # pages first, then byte by byte to the last one
        try:
            while True:
                os.write(write_end, chunk)
        except BlockingIOError:
            pass
    os.set_blocking(write_end, True)
    return read_end, write_end


def _count(project: Path, sql: str) -> int:
    connection = sqlite3.connect(f"{project.as_uri()}?mode=ro", uri=True)
    try:
        return int(connection.execute(sql).fetchone()[0])
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("args", "sql", "said"),
    [
        (
            ["code", "add", "--doc", "1", "--code", "commissioning", "--passage", "3"],
            "SELECT count(*) FROM coding",
            b"Coded",
        ),
        (
            ["codebook", "add", "tea-breaks", "Tea breaks"],
            "SELECT count(*) FROM code WHERE key = 'tea-breaks'",
            b"Added code",
        ),
    ],
)
def test_the_report_comes_after_the_commit(
    project_file: Path, transcript: Path, args: list[str], sql: str, said: bytes
) -> None:
    assert CliRunner().invoke(app, ["import", str(project_file), str(transcript)]).exit_code == 0
    read_end, write_end = _full_pipe()
    command = [QUALCODE, args[0], args[1], str(project_file), *args[2:]]
    child = subprocess.Popen(
        command, stdout=write_end, env=dict(os.environ, PYTHONUNBUFFERED="1", COLUMNS="200")
    )
    os.close(write_end)
    try:
        deadline = time.monotonic() + 30
        while _count(project_file, sql) == 0:
            assert child.poll() is None, "the command ended without saving"
            assert time.monotonic() < deadline, "the report was written before the commit"
            time.sleep(0.05)
        output = b""
        while said not in output:  # the report follows once the pipe drains
            chunk = os.read(read_end, 65536)
            assert chunk, output[-200:]
            output += chunk
    finally:
        child.kill()
        child.wait()
        os.close(read_end)
