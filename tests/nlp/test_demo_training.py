"""`qualcode demo` trains the suggester; the review queue skips passages with nothing to code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.demo import DEMO_TRANSCRIPTS
from qualcode.importing import import_files
from qualcode.nlp import review_queue
from qualcode.nlp.content import is_content
from qualcode.nlp.types import PassageText
from qualcode.store.db import open_project

NOTES = """Interview 12 — drug treatment charity — 4 June 2024

Interviewer: Shall we start?

Jo: Yes.

Interviewer: How do you work with the prison?

Jo: Sessions get cancelled at short notice when there is a lockdown, and security clearance
for our volunteers took four months.

Interviewer: Thank you.

Jo: Thanks very much.
"""


def passage(body: str, speaker: str | None = None) -> PassageText:
    return PassageText(1, 1, "Interview", 0, 0, len(body), speaker, body, 0)


@pytest.mark.parametrize(
    ("body", "speaker", "content"),
    [
        ("Interview 7 — housing charity — 3 May 2024", None, False),
        ("Date: 3 May 2024\nInterviewer: A. Smith\nLocation: Leeds", None, False),
        ("# Interview with the housing charity lead", None, False),
        ("Yes.", "Priya", False),
        ("Thank you very much.", "Priya", False),
        ("Mostly through competitive tendering, and we were undercut.", "Priya", True),
        ("Funding: the contract went to a national provider after a long tender.", None, True),
        ("The PQQ alone took three weeks and the volunteers carried the service", None, True),
    ],
)
def test_what_counts_as_content(body: str, speaker: str | None, content: bool) -> None:
    assert is_content(passage(body, speaker)) is content


def test_the_review_queue_skips_headers_and_bare_answers(
    project_file: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "interview-12.txt"
    notes.write_text(NOTES, encoding="utf-8")
    with open_project(str(project_file)) as project:
        import_files(project, [notes], participant="Interviewee 12", coder="tester")
        queued = review_queue(project, limit=None)
    assert [item.passage.body.split()[:2] for item in queued] == [["Sessions", "get"]]


@pytest.mark.skipif(not DEMO_TRANSCRIPTS.is_dir(), reason="demo transcripts not present")
def test_demo_trains_the_suggester_so_suggestions_use_the_model(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "demo.qc"
    result = runner.invoke(app, ["demo", str(target)])
    assert result.exit_code == 0, result.stderr
    assert "suggester trained on" in result.stdout
    status = json.loads(runner.invoke(app, ["suggest", "status", str(target), "--json"]).stdout)
    assert status["model"] is not None
    queue = json.loads(
        runner.invoke(app, ["suggest", "queue", str(target), "--json", "--limit", "10"]).stdout
    )
    assert queue and all(len(item["passage"]) == 3 for item in queue)
    run = runner.invoke(app, ["suggest", "run", str(target), "--doc", "1", "--json"])
    origins = {row["origin"] for row in json.loads(run.stdout)}
    assert origins & {"model", "both"}  # not cue phrases alone
