"""Issue 16's "also fix": --where after a participant sheet, the audit report's default coder
pair, numbers in Excel exports, Markdown exports that quotes cannot turn into headings or lists."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.demo import build_demo

LISTS = (
    "Interviewer: Anything else?\n\n"
    "Sam: Three things, and the council knows them all.\n"
    "- first, the contracts are short\n"
    "1. second, the tender is long\n"
    "# third, nobody reads [the report](http://example.org)\n"
)


def ok(*args: object) -> str:
    done = CliRunner().invoke(app, [str(a) for a in args])
    assert done.exit_code == 0, done.output
    return done.stdout


def _linked(project: Path, transcript: Path, tmp_path: Path) -> None:
    ok("import", project, transcript, "--attr", "wave=1", "--attr", "age=34")
    sheet = tmp_path / "participants.csv"
    sheet.write_text(
        "label,documents,organisation_type\nInterviewee 7,interview-07.txt,Housing charity\n",
        encoding="utf-8",
    )
    ok("participants", "import", project, sheet)
    text = transcript.read_text(encoding="utf-8")
    start = text.index("competitive tendering")
    span = f"{start}:{start + len('competitive tendering')}"
    ok("code", "add", project, "--doc", "1", "--code", "competitive-tendering", "--span", span)


def test_where_finds_attributes_given_at_import_after_a_sheet_links_the_document(
    project_file: Path, transcript: Path, tmp_path: Path
) -> None:
    _linked(project_file, transcript, tmp_path)
    out = tmp_path / "wave.json"
    ok("export", "quotes", project_file, "--where", "wave=1", "--out", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["counts"]["quotes"] == 1
    quote = data["groups"][0]["groups"][0]["quotes"][0]
    assert quote["participant"] == "Interviewee 7"
    assert quote["attributes"]["wave"] == "1"
    assert quote["attributes"]["organisation_type"] == "Housing charity"
    ok("export", "quotes", project_file, "--where", "wave=2", "--out", out)
    assert json.loads(out.read_text(encoding="utf-8"))["counts"]["quotes"] == 0


def test_excel_export_stores_numbers_as_numbers(
    project_file: Path, transcript: Path, tmp_path: Path
) -> None:
    _linked(project_file, transcript, tmp_path)
    out = tmp_path / "quotes.xlsx"
    ok("export", "quotes", project_file, "--out", out)
    sheet = openpyxl.load_workbook(str(out))["Quotes"]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, (c.value for c in sheet[2]), strict=True))
    assert row["wave"] == 1 and row["age"] == 34
    assert isinstance(row["document"], int) and isinstance(row["start"], int)
    assert row["organisation_type"] == "Housing charity"


def test_markdown_export_keeps_quote_lines_from_becoming_lists_headings_or_links(
    project_file: Path, tmp_path: Path
) -> None:
    source = tmp_path / "lists.txt"
    source.write_text(LISTS, encoding="utf-8")
    ok("import", project_file, source, "--participant", "Interviewee 3")
    start = LISTS.index("- first")
    span = f"{start}:{len(LISTS) - 1}"
    ok("code", "add", project_file, "--doc", "1", "--code", "competitive-tendering", "--span", span)
    out = tmp_path / "quotes.md"
    ok("export", "quotes", project_file, "--out", out, "--include-interviewer")
    markdown = out.read_text(encoding="utf-8")
    quote_lines = [line for line in markdown.splitlines() if line.startswith(">")]
    assert len(quote_lines) >= 3
    assert not [line for line in quote_lines if re.match(r">\s*([-+#]|\d+[.)])\s", line)]
    assert "\\- first" in markdown and "> 1\\. second" in markdown
    assert "\\# third" in markdown and "](http" not in markdown


def test_audit_report_compares_the_pair_with_most_documents_in_common(tmp_path: Path) -> None:
    project = tmp_path / "demo.qc"
    build_demo(str(project), coder="tester")
    for doc in ("1", "2"):
        ok("code", "add", project, "--doc", doc, "--code", "commissioning", "--span", "0:5",
           "--coder", "carl")  # fmt: skip
    out = tmp_path / "report.md"
    said = ok("audit", "report", project, "--out", out)
    assert "coders compared: ana, ben)" in " ".join(said.split())
    report = out.read_text(encoding="utf-8")
    assert "Coders compared: **ana, ben**, over 16" in report
    assert (
        "Compared ana and ben, the two coders with the most documents coded in common (16)"
        in report
    )
    assert "not compared: carl" in report
    ok("audit", "report", project, "--out", out, "--coders", "ana,ben,carl")
    assert "Coders compared: **ana, ben, carl**" in out.read_text(encoding="utf-8")
