"""Combining a coder's copy brings memos about participants onto the same participants."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.memos.listing import list_memos
from qualcode.store.db import open_project

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_participant_memos_combine_onto_their_participant_and_not_a_withdrawn_one(
    memo_project: Path,
) -> None:
    theirs = memo_project.parent / "theirs.qc"
    shutil.copy(memo_project, theirs)
    for label in ("Interviewee 1", "Interviewee 2"):
        run("memo", "add", str(theirs), "--participant", label, "--coder", "cy", f"on {label}")
    run("participants", "withdraw", str(memo_project), "Interviewee 2", "--yes")
    run("import", str(memo_project), str(theirs))
    run("import", str(memo_project), str(theirs))  # a second time matches, adds nothing
    with open_project(str(memo_project)) as project, project.read() as session:
        memos = [(m.kind, m.participant, m.text) for m in list_memos(session)]
    assert memos == [("participant", "Interviewee 1", "on Interviewee 1")]
