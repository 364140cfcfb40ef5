"""A participant registered as "Siobhan O'Neill", speaking as "Siobhan" and mentioned as
"Ms O'Neill" and "Siobhan's": no anonymised writer lets any form of the name through."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli.app import app

NAME = re.compile(r"Siobhan|O.Neill", re.IGNORECASE)
TRANSCRIPT = """Interviewer: Thanks for joining. Can you tell me about the tender?

Siobhan: The tendering process is brutal for small charities. Ms O'Neill, they called me at \
the council, as if I were the problem. Siobhan's team lost the contract on price.

Interviewer: And working with other charities?

Siobhan: We formed a consortium with two others. O'Neill is a name they remember; \
Siobhan O\u2019Neill signed every bid.
"""


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("privacy")
    project = str(folder / "study.qc")
    (folder / "sheet.csv").write_text("label,name,size\nInterviewee 1,Siobhan O'Neill,small\n")
    (folder / "int1.txt").write_text(TRANSCRIPT, encoding="utf-8")
    runner = CliRunner()
    steps = [
        ["init", project],
        ["participants", "import", project, str(folder / "sheet.csv")],
        ["import", project, str(folder / "int1.txt"), "--participant", "Interviewee 1"],
        *(
            [
                "code",
                "add",
                project,
                "--doc",
                "1",
                "--passage",
                str(n),
                "--code",
                key,
                "--coder",
                who,
            ]
            for n in (1, 2, 3, 4)
            for key, who in (("competitive-tendering", "ana"), ("level-playing-field", "ben"))
        ),
        ["summarise", project, "Interviewee 1", "commissioning", "Ms O'Neill: Siobhan's view"],
    ]
    for args in steps:
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
    return folder


def _texts(path: Path) -> list[str]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
    return [path.read_text(encoding="utf-8")]


@pytest.mark.parametrize("fmt", ["md", "docx", "html", "xlsx", "csv", "json"])
def test_no_writer_leaks_the_name(study: Path, fmt: str) -> None:
    project = str(study / "study.qc")
    runner = CliRunner()
    outputs = {
        "quotes": [
            "export",
            "quotes",
            project,
            "--include-interviewer",
            "--group-by",
            "participant",
        ],
        "matrix": ["matrix", project, "--rows", "participant"],
        "query": ["query", project, "competitive-tendering OR level-playing-field"],
    }
    if fmt in ("md", "html"):
        outputs["report"] = ["audit", "report", project]
    for name, args in outputs.items():
        out = study / f"{name}.{fmt}"
        result = runner.invoke(app, [*args, "--out", str(out)])
        assert result.exit_code == 0, result.output
        texts = _texts(out)
        for text in texts:
            assert not NAME.search(text), (name, NAME.findall(text))
        if name in ("quotes", "query"):  # the words are there, only the name is not
            assert any("team lost the contract" in text for text in texts), name
    for args in (["matrix", project, "--json"], ["agree", project, "--coders", "ana,ben"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert not NAME.search(result.stdout), (args, NAME.findall(result.stdout))
