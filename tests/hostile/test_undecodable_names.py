"""File names and arguments that are not UTF-8 bytes get one clear line, never a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from qualcode.store.db import open_project
from qualcode.store.models import Code
from qualcode.store.transfer import table_counts

QUALCODE = os.fsencode(Path(sys.executable).with_name("qualcode"))


def _run(*args: bytes, env: dict[bytes, bytes] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [QUALCODE, *args],
        capture_output=True,
        text=True,
        errors="backslashreplace",
        env=env,
        timeout=120,
        check=False,
    )


def _one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr
    return errors[0]


def test_a_folder_import_goes_on_past_a_name_that_is_not_utf8(
    project_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    for i, name in enumerate([b"a.txt", b"b\xff\xfe.txt", b"z.txt"]):
        text = f"Interviewer: question {i}?\n\nMorgan: answer {i} about commissioning.\n"
        with open(os.path.join(os.fsencode(folder), name), "w", encoding="utf-8") as handle:
            handle.write(text)
    result = _run(b"import", os.fsencode(project_file), os.fsencode(folder))
    assert result.returncode == 1
    line = _one_error_line(result)
    assert "b\\xff\\xfe.txt" in line and "not valid UTF-8" in line
    assert "2 imported" in result.stdout
    with open_project(str(project_file)) as project:
        assert table_counts(project)["document"] == 2


def test_an_argument_that_is_not_utf8_is_refused_in_one_line(
    project_file: Path, tmp_path: Path
) -> None:
    out = os.path.join(os.fsencode(tmp_path), b"codings\xff.csv")
    result = _run(b"code", b"export", os.fsencode(project_file), out)
    assert result.returncode == 1
    assert "codings\\xff.csv" in _one_error_line(result)
    assert not os.path.exists(out)
    missing = os.path.join(os.fsencode(tmp_path), b"\xe9tude.qc")
    result = _run(b"status", missing)
    assert result.returncode == 1 and "\\xe9tude.qc" in _one_error_line(result)


def test_a_coder_name_that_is_not_utf8_is_refused_in_one_line(project_file: Path) -> None:
    env = dict(os.environb, QUALCODE_CODER=b"Ana\xff")
    args = [b"codebook", b"add", os.fsencode(project_file), b"tea-breaks", b"Tea breaks"]
    result = _run(*args, env=env)
    assert result.returncode == 1
    assert "Ana\\xff" in _one_error_line(result)
    with open_project(str(project_file)) as project, project.read() as session:
        assert session.scalar(select(func.count()).where(Code.key == "tea-breaks")) == 0
