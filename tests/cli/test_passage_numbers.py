"""Passages are numbered from 1 wherever a person reads or types them, through the real CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import docx
import openpyxl
import pytest
from typer.testing import CliRunner

from qualcode.cli.app import app

FIRST = "Priya: We share a building with the housing charity and refer clients every week."
NOTES = f"""{FIRST}

Interviewer: Any joint bids?

Priya: We put in a consortium bid last year with two others, and lost it to a prime contractor.
"""


def run(runner: CliRunner, *args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def ok(runner: CliRunner, *args: object) -> str:
    code, out, err = run(runner, *args)
    assert code == 0, err
    return out


@pytest.fixture
def project(runner: CliRunner, project_file: Path, tmp_path: Path) -> Path:
    notes = tmp_path / "interview-08.txt"
    notes.write_text(NOTES, encoding="utf-8")
    ok(runner, "import", project_file, notes, "--participant", "Interviewee 8")
    return project_file


def coded(runner: CliRunner, project: Path, passage: int, coder: str = "ana") -> None:
    ok(runner, "code", "add", project, "--doc", "1", "--passage", passage,
       "--code", "partnership-levels", "--coder", coder)  # fmt: skip


def test_show_numbers_the_first_passage_1(runner: CliRunner, project: Path) -> None:
    shown = json.loads(ok(runner, "show", project, "1", "--json"))
    assert (shown["passages"][0]["passage"], shown["passages"][0]["text"]) == (1, FIRST)
    assert [p["passage"] for p in shown["passages"]] == [1, 2, 3]
    table = ok(runner, "show", project, "1")
    row = next(line for line in table.splitlines() if "Priya: We share" in line)
    assert row.split("│")[1].strip() == "1"


def test_code_add_passage_1_codes_the_first_passage(runner: CliRunner, project: Path) -> None:
    coded(runner, project, 1)
    [coding] = json.loads(ok(runner, "code", "list", project, "--json"))
    assert coding["passage"] == 1 and coding["start"] == 0 and coding["text"] == FIRST
    table = ok(runner, "code", "list", project)
    row = next(line for line in table.splitlines() if "manual" in line)
    assert row.split("│")[3].strip() == "1"
    exported = ok(runner, "code", "export", project, "-")
    assert next(csv.DictReader(exported.splitlines()))["passage"] == "1"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("code", "add", "{p}", "--doc", "1", "--code", "partnership-levels", "--passage", "0"),
         "error: passage numbers start at 1 (the first passage), not 0"),
        (("code", "add", "{p}", "--doc", "1", "--code", "partnership-levels", "--passage", "-2"),
         "error: passage numbers start at 1 (the first passage), not -2"),
        (("code", "add", "{p}", "--doc", "1", "--code", "partnership-levels", "--passage", "4"),
         "error: document 1 has no passage 4 (passages 1–3)"),
        (("code", "remove", "{p}", "--doc", "1", "--code", "partnership-levels", "--passage", "0"),
         "error: passage numbers start at 1 (the first passage), not 0"),
        (("doc", "edit", "{p}", "1", "--passage", "0", "--text", "x"),
         "error: passage numbers start at 1 (the first passage), not 0"),
        (("suggest", "accept", "{p}", "--doc", "1", "--passage", "0", "--code", "volunteers"),
         "error: passage numbers start at 1 (the first passage), not 0"),
        (("merge", "resolve", "{p}", "--doc", "1", "--code", "volunteers", "--passage", "0",
          "--keep"), "error: passage numbers start at 1 (the first passage), not 0"),
    ],
)  # fmt: skip
def test_passage_0_is_a_one_line_error_that_changes_nothing(
    runner: CliRunner, project: Path, args: tuple[str, ...], message: str
) -> None:
    before = ok(runner, "audit", "log", project, "--json")
    code, out, err = run(runner, *(a.replace("{p}", str(project)) for a in args))
    assert code == 1 and err.splitlines() == [message] and out == ""
    assert ok(runner, "audit", "log", project, "--json") == before


def test_search_and_suggest_accept_count_from_1(runner: CliRunner, project: Path) -> None:
    [hit] = json.loads(ok(runner, "search", project, "building", "--json"))
    assert hit["passage"] == 1
    table = ok(runner, "search", project, "building")
    row = next(line for line in table.splitlines() if "Priya: We share" in line)
    assert row.split("│")[2].strip() == "1"
    out = ok(runner, "suggest", "accept", project, "--doc", "1", "--passage", "1",
             "--code", "volunteers", "--coder", "ana")  # fmt: skip
    assert "for passage 1:" in out
    [coding] = json.loads(ok(runner, "code", "list", project, "--json"))
    assert coding["passage"] == 1 and coding["text"] == FIRST.removeprefix("Priya: ")


def test_doc_edit_passage_1_edits_the_first_passage(runner: CliRunner, project: Path) -> None:
    ok(runner, "doc", "edit", project, "1", "--passage", "1",
       "--text", "Priya: We share a building.")  # fmt: skip
    shown = json.loads(ok(runner, "show", project, "1", "--json"))
    assert shown["passages"][0]["text"] == "Priya: We share a building."
    history = json.loads(ok(runner, "doc", "history", project, "1", "--json"))
    assert history["versions"][-1]["note"] == "passage 1"


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv", "xlsx", "docx"])
def test_every_export_format_numbers_the_first_passage_1(
    runner: CliRunner, project: Path, tmp_path: Path, fmt: str
) -> None:
    coded(runner, project, 1)
    out = tmp_path / f"quotes.{fmt}"
    ok(runner, "export", "quotes", project, "--out", out, "--format", fmt,
       "--label", "{label}, passage {passage}")  # fmt: skip
    label = "Interviewee 8, passage 1"
    if fmt == "json":
        [quote] = json.loads(out.read_text())["groups"][0]["quotes"]
        assert quote["passage"] == 1 and quote["label"] == label
    elif fmt == "csv":
        [row] = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
        assert row["passage"] == "1" and row["label"] == label
    elif fmt == "xlsx":
        sheet = openpyxl.load_workbook(out)["Quotes"]
        header, row = (list(r) for r in sheet.iter_rows(max_row=2, values_only=True))
        assert row[header.index("passage")] == 1 and row[header.index("label")] == label
    elif fmt == "docx":
        text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
        assert f"[{label}]" in text
    else:
        assert f"[{label}]" in out.read_text()


def test_disagreements_and_audit_report_count_from_1(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    coded(runner, project, 1, coder="ana")
    coded(runner, project, 3, coder="ana")
    coded(runner, project, 3, coder="ben")
    agree = json.loads(ok(runner, "agree", project, "--coders", "ana,ben", "--json"))
    assert [d["passage"] for d in agree["disagreements"]] == [1]
    ok(runner, "merge", project, "--doc", "1", "--coders", "ana,ben", "--strategy", "intersection")
    pending = json.loads(ok(runner, "merge", "pending", project, "--doc", "1",
                            "--coders", "ana,ben", "--json"))  # fmt: skip
    assert [p["passage"] for p in pending] == [1]
    assert "--passage 1" in ok(runner, "merge", "pending", project, "--doc", "1", "--coders",
                               "ana,ben")  # fmt: skip
    out = ok(runner, "merge", "resolve", project, "--doc", "1", "--code", "partnership-levels",
             "--passage", "1", "--keep", "--coder", "sam")  # fmt: skip
    assert out.startswith("Passage 1 of document 1")
    report = tmp_path / "report.md"
    ok(runner, "audit", "report", project, "--out", report)
    assert "(doc 1, passage 1)" in report.read_text()
