"""`qualcode import` says per file what it understood: layout, passages, longest, speakers."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF
from typer.testing import CliRunner

from qualcode.cli.app import app


def run(runner: CliRunner, *args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_import_reports_layout_passages_longest_and_speakers(
    runner: CliRunner, project_file: Path, transcript: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Met the [bold]director[/bold] at ten.\n\nShe was late.\n", encoding="utf-8")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in ("INTERVIEWER: Who funds you?", "RESPONDENT: Mostly the council.") * 2:
        pdf.cell(0, 6, line)
        pdf.ln(10)
    agency = tmp_path / "agency.pdf"
    pdf.output(str(agency))

    code, out, err = run(runner, "import", project_file, transcript, notes, agency)
    assert code == 0, err
    assert out.splitlines() == [
        "interview-07.txt: imported as document 1: txt, 5 passages (longest 170 characters), "
        "speakers: Interviewer, Priya",
        "notes.txt: imported as document 2: txt, 2 passages (longest 37 characters), "
        "speakers: none",
        "agency.pdf: imported as document 3: pdf, 4 passages (longest 31 characters), "
        "speakers: Interviewer, Respondent",
        "3 imported, 0 already present, 0 failed.",
    ]
    # No progress bar: standard error is not a terminal here.
    assert err.splitlines() == ["warning: notes.txt: no speakers found; passages are paragraphs"]


def test_a_folder_with_nothing_to_import_is_an_error_and_changes_nothing(
    runner: CliRunner, project_file: Path, transcript: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    other = tmp_path / "other"
    other.mkdir()
    (other / "scan.jpeg").write_bytes(b"\xff\xd8\xff")
    (other / ".hidden.txt").write_text("skipped", encoding="utf-8")
    before = project_file.read_bytes()
    for folder in (empty, other):
        code, out, err = run(runner, "import", project_file, folder)
        assert code == 1 and out == ""
        assert err.splitlines() == [
            f"error: {folder}: no files to import in this folder (supported: .docx, .md, .odt, "
            ".pdf, .rtf, .sbv, .srt, .txt, .vtt, .qc, .qdpx)"
        ]
    # with a file that would import, the empty folder still stops the whole import
    code, out, err = run(runner, "import", project_file, transcript, empty)
    assert code == 1 and "no files to import" in err
    assert project_file.read_bytes() == before


def test_a_folder_named_twice_in_two_spellings_imports_its_files_once(
    runner: CliRunner,
    project_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.txt").write_text("Interviewer: Hi?\n\nMorgan: Hello.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(runner, "import", project_file, notes, "notes")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "1 imported, 0 already present, 0 failed."
