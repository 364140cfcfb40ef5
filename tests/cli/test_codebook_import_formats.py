"""`codebook import` of a file that is not a YAML codebook says what it is and changes nothing."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from qualcode.cli.app import app

QDC = (
    '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
    '<Code guid="00000000-0000-4000-8000-000000000001" name="Trust" isCodable="true"/>'
    "</Codes></CodeBook>\n"
)
QDE = (
    '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
    'name="Study" origin="ATLAS.ti 23"><CodeBook><Codes/></CodeBook></Project>\n'
)


def write_docx(path: Path) -> None:
    document = docx.Document()
    document.add_heading("Codebook", level=1)
    document.add_paragraph("Commissioning: how services are bought")
    document.save(str(path))


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("codes.csv", b"key,name\ntrust,Trust\n", "codes.csv is a CSV table, not a YAML codebook"),
        ("project.qde", QDE.encode(), "project.qde is a REFI-QDA project file"),
        ("renamed.yaml", QDC.encode(), "renamed.yaml is a REFI-QDA codebook"),
        ("page.yaml", b"<html><body>x</body></html>", "is an XML or HTML document"),
        ("codes.docx", None, "codes.docx is a Word document"),
        ("archive.yaml", None, "is a zip archive"),
    ],
)
def test_the_error_names_the_format_and_the_command(
    runner: CliRunner, tmp_path: Path, name: str, content: bytes | None, expected: str
) -> None:
    project = tmp_path / "p.qc"
    assert runner.invoke(app, ["init", str(project), "--coder", "ana"]).exit_code == 0
    before = runner.invoke(app, ["codebook", "show", str(project), "--json"]).stdout
    path = tmp_path / name
    if content is None:
        write_docx(path)  # a real Word file; under a .yaml name it is still a zip archive
    else:
        path.write_bytes(content)
    result = runner.invoke(app, ["codebook", "import", str(project), str(path)])
    assert result.exit_code == 1
    assert expected in result.stderr
    assert "YAML syntax" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert runner.invoke(app, ["codebook", "show", str(project), "--json"]).stdout == before
