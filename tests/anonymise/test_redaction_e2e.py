"""End to end: punctuation-heavy registered names leave no trace in any export or the report."""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from pathlib import Path

import pytest
from docx import Document as WordDocument
from typer.testing import CliRunner

from qualcode.cli.app import app

INTERVIEW = """Interviewer: Who do you work with?

Mary: We refer people to Women’s Aid and to St. Giles Trust most weeks; st giles trust runs \
the hostel. Barnardos and the Children’s Society see the young people.

Interviewer: Who leads the partnership?

Mary: Siobhan D’Souza does, with Connor O'Brien-Brady from Smith and Jones Ltd. O’Neill's \
team at St Mungo’s in Kings Lynn helps too, and Zoe\u0308 Bra\u00addy chairs it.

Interviewer: Thanks.
"""
SHEET = """label,real_name,aliases,organisation,places,organisation_type
Interviewee 1,Mary O'Neill,,Women's Aid;St. Giles Trust,King's Lynn,housing charity
Interviewee 2,Siobhán D'Souza,,Smith & Jones Ltd;Barnardo's,,infrastructure agency
Interviewee 3,Connor O’Brien,,The Children's Society;St Mungo's,,policy stakeholder
Interviewee 4,Zoë Brady,,,,drug treatment charity
"""
QUOTES = [
    "We refer people to Women’s Aid",
    "Barnardos and the Children’s Society see the young people.",
    "Siobhan D’Souza does, with Connor O'Brien-Brady from Smith and Jones Ltd.",
    "team at St Mungo’s in Kings Lynn helps too",
]
SECRETS = [
    "mary", "oneill", "neill", "siobhan", "dsouza", "souza", "connor", "obrien", "brien",
    "brady", "zoe", "womens aid", "giles", "childrens society", "barnardo", "barnardos",
    "smith", "jones", "mungo", "mungos", "lynn",
]  # fmt: skip


def plain(text: str) -> str:
    """Text folded for searching: no accents, apostrophes, soft hyphens or case."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in ("Mn", "Cf"))
    return re.sub(r"['’‘ʼ`]", "", kept).lower()


def leaks(text: str) -> list[str]:
    folded = plain(text)
    return [s for s in SECRETS if re.search(rf"(?<![^\W_]){s}(?![^\W_])", folded)]


def run(runner: CliRunner, *args: object) -> str:
    result = runner.invoke(app, [str(a) for a in args], env={"QUALCODE_CODER": "ana"})
    assert result.exit_code == 0, result.stderr or result.stdout
    return result.stdout


def read_back(path: Path) -> str:
    if path.suffix == ".docx":
        document = WordDocument(str(path))
        texts = [p.text for p in document.paragraphs]
        texts += [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join(texts)
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".json":
        return json.dumps(json.loads(text), ensure_ascii=False)
    if path.suffix == ".csv":
        return "\n".join(" ".join(row) for row in csv.reader(text.splitlines()))
    return text


@pytest.fixture
def project(runner: CliRunner, tmp_path: Path) -> Path:
    path = tmp_path / "study.qc"
    source = tmp_path / "interview-01.txt"
    source.write_text(INTERVIEW, encoding="utf-8")
    sheet = tmp_path / "participants.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    codings = tmp_path / "codings.csv"
    rows = [("interview-01.txt", "commissioning", "ana", q) for q in QUOTES]
    rows += [("interview-01.txt", "independence", "ben", q) for q in QUOTES]
    with codings.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([("document", "code", "coder", "text"), *rows])
    run(runner, "init", path)
    run(runner, "import", path, source, "--participant", "Interviewee 1")
    run(runner, "participants", "import", path, sheet)
    run(runner, "code", "import", path, codings)
    return path


@pytest.mark.parametrize("fmt", ["md", "csv", "json", "docx"])
def test_quote_exports_hold_none_of_them(
    runner: CliRunner, project: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"quotes.{fmt}"
    run(runner, "export", "quotes", project, "--out", out, "--format", fmt, "--context", "1")
    text = read_back(out)
    assert "[organisation]" in text and "[name]" in text and "[place]" in text
    assert leaks(text) == []


def test_audit_report_holds_none_of_them(runner: CliRunner, project: Path, tmp_path: Path) -> None:
    for suffix in ("html", "md"):
        out = tmp_path / f"report.{suffix}"
        run(runner, "audit", "report", project, "--out", out, "--coders", "ana,ben")
        text = out.read_text(encoding="utf-8")
        assert re.search(r"\\?\[organisation\\?\]", text)  # Markdown escapes brackets
        assert leaks(text) == [], suffix


def test_check_reports_no_residual(runner: CliRunner, project: Path) -> None:
    findings = json.loads(run(runner, "anonymise", "check", project, "--json"))
    assert [f["value"] for doc in findings for f in doc["findings"]] == []
