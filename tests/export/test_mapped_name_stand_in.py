"""A label mapped to a person's name at import ("LB=Lukas Brandt"): in exports the label as
written is shown by that speaker's stand-in, never by the name it was mapped to."""

from __future__ import annotations

from pathlib import Path

from export_helpers import read_back
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding
from qualcode.store.db import open_project
from qualcode.store.models import Document

TRANSCRIPT = (
    "LB: How does the money reach you these days?\n\n"
    "YA: Mostly through subcontracts from the prime provider.\n\n"
    "LB: And the prison work?\n\n"
    "YA: We run two groups a week on the wing.\n"
)


def run(*args: object) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_label_mapped_to_a_name_is_not_shown_as_that_name(tmp_path: Path) -> None:
    project_file = tmp_path / "study.qc"
    run("init", project_file)
    interview = tmp_path / "interview.txt"
    interview.write_text(TRANSCRIPT, encoding="utf-8")
    run(
        "import", project_file, interview, "--participant", "Interviewee 5",
        "--speakers", "LB=Lukas Brandt,YA=Yvonne Achterberg",
    )  # fmt: skip
    project = open_project(str(project_file))
    with project.write() as session:
        document = session.get(Document, 1)
        assert document is not None
        code = find_code(session, "commissioning")
        add_coding(session, document, code, "ana", 0, len(document.text))
    project.close()
    for fmt in ("md", "docx"):
        out = tmp_path / f"quotes.{fmt}"
        run("export", "quotes", project_file, "--out", out, "--unreviewed", "keep")
        text = read_back(out)
        assert "We run two groups a week" in text
        for name in ("Lukas", "Brandt", "Yvonne", "Achterberg"):
            assert name not in text, (fmt, name)
