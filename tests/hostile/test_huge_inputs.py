"""Huge numbers, deep nesting and very long CSV fields: a clear line or a correct result."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.store.codes import add_code
from qualcode.store.db import open_project

HUGE = str(10**25)


def _one_error(result: Result, *words: str) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert all(word in lines[0] for word in words), lines[0]


@pytest.fixture
def imported(project_file: Path, transcript: Path) -> str:
    result = CliRunner().invoke(app, ["import", str(project_file), str(transcript)])
    assert result.exit_code == 0
    return str(project_file)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["doc", "show", "P", "1", "--version", HUGE], ["no version"]),
        (["doc", "revert", "P", "1", "--version", HUGE], ["no version"]),
        (["code", "add", "P", "--doc", "1", "--code", "commissioning", "--passage", HUGE], []),
        (["code", "add", "P", "--doc", "1", "--code", "commissioning", "--span", f"0:{HUGE}"], []),
        (
            ["code", "remove", "P", "--doc", "1", "--code", "commissioning", "--span", f"0:{HUGE}"],
            ["beyond any document"],
        ),
    ],
)
def test_a_huge_number_is_one_clear_line(imported: str, args: list[str], words: list[str]) -> None:
    _one_error(CliRunner().invoke(app, [imported if a == "P" else a for a in args]), *words)


def test_a_huge_search_limit_means_all(imported: str) -> None:
    result = CliRunner().invoke(app, ["search", imported, "tendering", "--limit", HUGE, "--json"])
    assert result.exit_code == 0, result.output
    assert '"passage"' in result.stdout or "tendering" in result.stdout


def test_huge_csv_offsets_are_one_clear_line(imported: str, tmp_path: Path) -> None:
    sheet = tmp_path / "codings.csv"
    sheet.write_text(f"document,code,coder,start,end\n1,commissioning,ana,0,{HUGE}\n")
    _one_error(CliRunner().invoke(app, ["code", "import", imported, str(sheet)]), "codings.csv:2")


def test_csv_fields_over_128_kb_are_read(imported: str, tmp_path: Path) -> None:
    memo = "a long memo " * 20_000  # 240 KB in one field
    sheet = tmp_path / "codings.csv"
    sheet.write_text(f"document,code,coder,start,end,memo\n1,commissioning,ana,0,20,{memo}\n")
    result = CliRunner().invoke(app, ["code", "import", imported, str(sheet)])
    assert result.exit_code == 0, result.output
    people = tmp_path / "participants.csv"
    people.write_text(f"label,real_name,background\nInterviewee 1,Priya Shah,{memo}\n")
    result = CliRunner().invoke(app, ["participants", "import", imported, str(people)])
    assert result.exit_code == 0, result.output


def test_deeply_nested_yaml_is_one_clear_line(project_file: Path, tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("codebook: x\ncodes: " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = CliRunner().invoke(app, ["codebook", "import", str(project_file), str(deep)])
    _one_error(result, "deep.yaml", "nested too deeply")


def test_a_200_level_code_tree_exports_and_imports_back(project_file: Path, tmp_path: Path) -> None:
    with open_project(str(project_file)) as project, project.write() as session:
        parent = None
        for level in range(200):
            add_code(session, f"level-{level}", f"Level {level}", parent_key=parent, coder="t")
            parent = f"level-{level}"
    out = tmp_path / "codebook.yaml"
    result = CliRunner().invoke(app, ["codebook", "export", str(project_file), str(out)])
    assert result.exit_code == 0, result.output
    assert "level-199" in out.read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["codebook", "import", str(project_file), str(out)])
    assert result.exit_code == 0 and "0 codes added" in result.stdout, result.output
