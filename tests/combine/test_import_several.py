"""Several project files in one `import`: each brought in on its own, a bad one named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.store.db import open_project
from qualcode.store.models import Coder, Coding, Document

INTERVIEW = (
    "Interviewer: How did the allotment start?\nRespondent: Slowly, with one bed of leeks.\n"
)


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def qdpx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another tool's project: one interview, coded by 'ola', written as a .qdpx."""
    folder = tmp_path_factory.mktemp("refi")
    project, notes = folder / "garden.qc", folder / "garden.txt"
    notes.write_text(INTERVIEW, encoding="utf-8")
    assert run("init", project)[0] == 0
    assert run("import", project, notes)[0] == 0
    code, _, stderr = run(
        "code", "add", project, "--doc", "garden", "--passage", 2, "--code", "partnership-barriers",
        "--coder", "ola",
    )  # fmt: skip
    assert code == 0, stderr
    out = folder / "garden.qdpx"
    assert run("export", "qdpx", project, "--out", out)[0] == 0
    return out


def a_coders_copy(demo: Path, path: Path) -> Path:
    """A copy of the demo in which 'ben' coded one more passage."""
    shutil.copy(demo, path)
    code, _, stderr = run(
        "code",
        "add",
        path,
        "--doc",
        1,
        "--passage",
        1,
        "--code",
        "partnership-barriers",
        "--coder",
        "ben",
    )
    assert code == 0, stderr
    return path


def facts(target: Path) -> tuple[int, set[str], set[str]]:
    with open_project(str(target)) as project, project.read() as session:
        documents = session.scalar(select(func.count(Document.id))) or 0
        titles = set(session.scalars(select(Document.title)))
        coders = set(session.scalars(select(Coder.name).join(Coding, Coding.coder_id == Coder.id)))
    return documents, titles, coders


def test_project_files_and_transcripts_in_one_import(
    demo: Path, qdpx: Path, tmp_path: Path
) -> None:
    ours = tmp_path / "ours.qc"
    shutil.copy(demo, ours)
    theirs = a_coders_copy(demo, tmp_path / "ben.qc")
    notes = tmp_path / "extra.txt"
    notes.write_text("Interviewer: Anything else?\nRespondent: No, thank you.\n", "utf-8")
    before, _, _ = facts(ours)
    code, stdout, stderr = run("import", ours, theirs, qdpx, notes, "--json")
    assert code == 0, stderr
    result = json.loads(stdout)
    assert [p["status"] for p in result["projects"]] == ["changed", "changed"]
    assert result["imported"] == 1
    documents, titles, coders = facts(ours)
    assert documents == before + 2 and "garden" in titles and "extra" in titles
    assert {"ben", "ola"} <= coders
    code, stdout, _ = run("import", ours, theirs, qdpx)  # again: nothing new
    assert code == 0 and stdout.count("Nothing new") == 2
    assert facts(ours)[0] == documents


def test_a_bad_file_is_named_and_the_others_come_in(demo: Path, tmp_path: Path) -> None:
    ours = tmp_path / "ours.qc"
    shutil.copy(demo, ours)
    theirs = a_coders_copy(demo, tmp_path / "ben.qc")
    bad = tmp_path / "broken.qdpx"
    bad.write_text("not a zip", encoding="utf-8")
    code, stdout, stderr = run("import", ours, bad, theirs)
    assert code == 1
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert errors == ["error: broken.qdpx: not a .qdpx file (a .qdpx is a zip archive)"]
    assert "Traceback" not in stderr
    assert "1 brought in, 1 failed" in stdout
    assert "ben" in facts(ours)[2]


def test_a_folder_of_project_files_and_transcripts(demo: Path, qdpx: Path, tmp_path: Path) -> None:
    folder = tmp_path / "collected"
    folder.mkdir()
    ours = folder / "study.qc"  # the project sits in the folder too: it is skipped
    shutil.copy(demo, ours)
    a_coders_copy(demo, folder / "ben.qc")
    shutil.copy(qdpx, folder / "garden.qdpx")
    (folder / "extra.txt").write_text("Interviewer: Last one?\nRespondent: Yes.\n", "utf-8")
    code, stdout, stderr = run("import", ours, folder)
    assert code == 0, stderr
    assert "is the project itself" not in stderr
    _, titles, coders = facts(ours)
    assert {"garden", "extra"} <= titles and {"ben", "ola"} <= coders
    assert "Project files: 2 brought in, 0 failed." in stdout


def test_several_qdpx_into_a_new_project(qdpx: Path, tmp_path: Path) -> None:
    target, second = tmp_path / "new.qc", tmp_path / "second.qdpx"
    shutil.copy(qdpx, second)
    code, stdout, stderr = run("import", target, qdpx, second)
    assert code == 0, stderr
    assert stdout.startswith(f"Created {target} from garden.qdpx")
    assert "Nothing new" in stdout  # the same project twice: the second matches the first
    documents, _, coders = facts(target)
    assert documents == 1 and "ola" in coders
