"""Interviewer turns through the real CLI: coding them is allowed and marked, and quote exports
leave them out unless --include-interviewer."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.ingest.interviewer import is_interviewer, is_interviewer_turn

QUESTION = "How do the volunteers cope with that?"
ANSWER = "They cope because the team meets every Friday and talks it through together."
MORE = "And the funding?", "Short contracts, always renewed at the last minute."
LAYOUTS = {
    layout: f"{ask}: {QUESTION}\n\n{tell}: {ANSWER}\n\n{ask}: {MORE[0]}\n\n{tell}: {MORE[1]}\n"
    for layout, ask, tell in (
        ("interviewer", "Interviewer", "Priya"),
        ("q-and-a", "Q", "A"),
        ("int", "INT", "RESP"),
        ("named", "Sara", "Priya"),  # Sara is mapped to Interviewer with doc speakers --set
    )
}


def run(runner: CliRunner, *args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def ok(runner: CliRunner, *args: object) -> str:
    code, out, err = run(runner, *args)
    assert code == 0, err
    return out


def imported(runner: CliRunner, project: Path, tmp_path: Path, layout: str) -> Path:
    notes = tmp_path / "interview-05.txt"
    notes.write_text(LAYOUTS[layout], encoding="utf-8")
    ok(runner, "import", project, notes, "--participant", "Interviewee 5")
    if layout == "named":
        ok(runner, "doc", "speakers", project, "1", "--set", "Sara=Interviewer")
    for passage in ("1", "2"):
        ok(runner, "code", "add", project, "--doc", "1", "--passage", passage,
           "--code", "volunteers", "--coder", "ana")  # fmt: skip
    return project


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_coding_a_question_is_allowed_and_marked_and_exports_leave_it_out(
    runner: CliRunner, project_file: Path, tmp_path: Path, layout: str
) -> None:
    project = imported(runner, project_file, tmp_path, layout)
    listed = json.loads(ok(runner, "code", "list", project, "--json"))
    assert [(c["passage"], c["interviewer"]) for c in listed] == [(1, True), (2, False)]
    table = ok(runner, "code", "list", project)
    assert table.count("interviewer") == 1

    out = tmp_path / "quotes.md"
    code, said, err = run(runner, "export", "quotes", project, "--out", out)
    assert code == 0, err
    text = out.read_text()
    assert ANSWER in text and "volunteers cope" not in text
    assert err.splitlines() == [
        "warning: 1 coded interviewer turn left out; --include-interviewer keeps them"
    ]
    assert "1 quote from 1 participant" in said

    ok(runner, "export", "quotes", project, "--out", out, "--include-interviewer")
    assert QUESTION in out.read_text() and ANSWER in out.read_text()


def test_a_coding_over_question_and_answer_exports_the_answer_only(
    runner: CliRunner, project_file: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "interview-05.txt"
    notes.write_text(LAYOUTS["interviewer"], encoding="utf-8")
    ok(runner, "import", project_file, notes, "--participant", "Interviewee 5")
    whole = f"0:{LAYOUTS['interviewer'].index(MORE[0]) - len('Interviewer: ') - 2}"
    ok(runner, "code", "add", project_file, "--doc", "1", "--span", whole,
       "--code", "volunteers", "--coder", "ana")  # fmt: skip
    out = tmp_path / "quotes.csv"
    ok(runner, "export", "quotes", project_file, "--out", out)
    [row] = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert row["quote"] == ANSWER and row["passage"] == "2"
    ok(runner, "export", "quotes", project_file, "--out", out, "--include-interviewer")
    [row] = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert QUESTION in row["quote"] and ANSWER in row["quote"] and row["passage"] == "1"


def test_interviewer_labels() -> None:
    for label in ("Interviewer", "INTERVIEWER", "Int", "I", "Q", "Interviewer 2",
                  "Interviewer (SL)", "Researcher", "Co-interviewer", "Q."):  # fmt: skip
        assert is_interviewer(label), label
    for label in (None, "", "A", "Priya", "Interviewee 3", "Speaker 1", "Respondent", "Ian"):
        assert not is_interviewer(label), label


def test_a_paragraph_opening_with_someone_elses_label_is_not_the_interviewers() -> None:
    # A name that speaks once is not read as a label on import, so the answer is stored as the
    # interviewer's turn going on; it is still the participant's words.
    assert not is_interviewer_turn("Interviewer", f"Priya: {ANSWER}", {})
    assert is_interviewer_turn("Interviewer", "Interviewer: And the funding?", {})
    assert is_interviewer_turn("Interviewer", "and a second paragraph of the question", {})
    assert is_interviewer_turn("Interviewer", f"Sara: {QUESTION}", {"label": "Sara"})
    assert not is_interviewer_turn("Priya", f"Priya: {ANSWER}", {})


def test_a_participant_who_speaks_once_is_still_exported(
    runner: CliRunner, project_file: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "interview-05.txt"
    notes.write_text(f"Interviewer: {QUESTION}\n\nPriya: {ANSWER}\n", encoding="utf-8")
    ok(runner, "import", project_file, notes, "--participant", "Interviewee 5")
    ok(runner, "code", "add", project_file, "--doc", "1", "--passage", "2",
       "--code", "volunteers", "--coder", "ana")  # fmt: skip
    [coding] = json.loads(ok(runner, "code", "list", project_file, "--json"))
    assert coding["interviewer"] is False
    out = tmp_path / "quotes.md"
    code, _, err = run(runner, "export", "quotes", project_file, "--out", out)
    assert code == 0 and err == "" and ANSWER in out.read_text()
