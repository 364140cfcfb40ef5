"""The audit report: agreement at both units, counts, disagreements, assignments; anonymised."""

from __future__ import annotations

import re
from pathlib import Path

from audit_helpers import Study, code_passages, run
from typer.testing import CliRunner

from qualcode.store.codes import add_code

HOSTILE = "<script>alert('x')</script> & \"co\""


def _report(runner: CliRunner, study: Study, out: Path, *extra: str) -> str:
    code, _, err = run(runner, "audit", "report", study.target, "--out", out, *extra)
    assert code == 0, err
    return out.read_text(encoding="utf-8")


def _prepare(runner: CliRunner, study: Study) -> None:
    with study.open() as project:
        with project.write() as session:
            add_code(session, "hostile", HOSTILE, coder="tester")
        code_passages(project, study.document_id, "ana", {"hostile": [9]})
    code, _, err = run(
        runner, "assign", study.target, "--doc", study.document_id, "--coders", "ana,ben",
        "--blind", coder="sam",
    )  # fmt: skip
    assert code == 0, err


def test_html_report_contents(runner: CliRunner, study: Study, tmp_path: Path) -> None:
    _prepare(runner, study)
    html = _report(runner, study, tmp_path / "report.html")
    assert html.startswith("<!DOCTYPE html>")
    for expected in (
        "Unit: passage",
        "Unit: character",
        "every character of each document is a unit",
        "competitive-tendering",
        "0.583",  # passage-level kappa of competitive-tendering
        "kappa 0.583 is below 0.6",
        "Codings per code and coder",
        "Codings added per day",
        "<svg",
        "Disagreements (passage level)",
        "Security clearance for our volunteers",
        "Interviewee 3 (doc 1)",
        "Open assignments",
        "sam",
        "blind",
    ):
        assert expected in html, expected
    assert "Siobhan" not in html and "siobhan" not in html  # name redacted, title left out
    assert "[name]: Security clearance" in html
    assert HOSTILE not in html and "&lt;script&gt;" in html
    # self-contained: nothing to fetch, nothing to run
    assert not re.search(r"<script|\ssrc=|href=|url\(|@import", html)


def test_markdown_report(runner: CliRunner, study: Study, tmp_path: Path) -> None:
    _prepare(runner, study)
    text = _report(runner, study, tmp_path / "report.md")
    assert text.startswith("# Coding audit report")
    assert "### Unit: passage" in text and "### Unit: character" in text
    assert "| competitive-tendering — Competitive tendering | 10 | 80.0 % | 0.583 |" in text
    assert "> \\[name\\]: Security clearance" in text
    assert "Siobhan" not in text and "siobhan" not in text
    assert "<script>" not in text and "&lt;script>alert" in text
    assert "| 1 | Interviewee 3 (doc 1) | ana, ben | blind | sam |" in text


def test_report_needs_two_coders_and_a_known_format(
    runner: CliRunner, study: Study, tmp_path: Path
) -> None:
    text = _report(runner, study, tmp_path / "one.md", "--coders", "ana")
    assert "Agreement needs two coders" in text
    code, _, err = run(runner, "audit", "report", study.target, "--out", tmp_path / "r.pdf")
    assert code == 1 and "must end in .html or .md" in err
    assert not (tmp_path / "r.pdf").exists()
