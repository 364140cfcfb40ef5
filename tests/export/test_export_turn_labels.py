"""Speaker labels inside a quote that runs over several turns: shown as the researcher mapped
them, or by the participant's label, whatever form the label takes in the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_helpers import read_back
from sqlalchemy import select
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding
from qualcode.store.db import open_project
from qualcode.store.documents import add_identifiers
from qualcode.store.models import Document, Participant

NAMES = ("Lukas", "Brandt", "Yvonne", "Achterberg")


def transcript(answerer: str) -> str:
    return (
        "Lukas Brandt: How does the money reach you these days?\n\n"
        f"{answerer}: Mostly through subcontracts from the prime provider.\n\n"
        "Lukas Brandt: And the prison work?\n\n"
        f"{answerer}: We run two groups a week on the wing.\n"
    )


def run(*args: object) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    "answerer",
    ["Yvonne Achterberg (Northfield Trust)", "Mrs Yvonne Achterberg"],
)
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_turn_labels_in_a_quote_are_the_mapped_role_and_the_participant_label(
    tmp_path: Path, answerer: str, fmt: str
) -> None:
    project_file = tmp_path / "study.qc"
    run("init", project_file)
    interview = tmp_path / "interview.txt"
    interview.write_text(transcript(answerer), encoding="utf-8")
    run(
        "import",
        project_file,
        interview,
        "--participant",
        "Interviewee 5",
        "--speakers",
        "Lukas Brandt=Interviewer",
    )
    project = open_project(str(project_file))
    with project.write() as session:
        participant = session.scalars(select(Participant)).one()
        add_identifiers(session, participant, "name", ["Yvonne Achterberg"], source="sheet")
        document = session.get(Document, 1)
        assert document is not None
        code = find_code(session, "commissioning")
        add_coding(session, document, code, "ana", 0, len(document.text))
    project.close()

    out = tmp_path / f"quotes.{fmt}"
    run("export", "quotes", project_file, "--out", out, "--unreviewed", "keep")
    text = read_back(out).replace("\\[", "[")
    assert "[Interviewer]: And the prison work?" in text or "Interviewer: And the prison" in text
    assert "[Interviewee 5]: We run two groups" in text
    assert [name for name in NAMES if name.casefold() in text.casefold()] == []
    assert "[name]" not in text and "Speaker 1" not in text and "]):" not in text
