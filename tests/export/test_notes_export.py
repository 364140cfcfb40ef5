"""End to end: a researcher's own notes (a .txt with a details block and reflections, Word
notes with a details table and headings, a Word transcript with dash labels) imported, coded
and exported: no name from the details block reaches the quotes, even with --unreviewed keep,
and the reflections are not quoted as the participant's words."""

from __future__ import annotations

import json
from pathlib import Path

import docx
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.ingest import read_document

NOTES = (
    "Interview 8\n"
    "Interviewer: Siobhan O'Neill\n"
    "Interviewee: Desmond Oyelaran-Tate\n"
    "Organisation: Safe Harbour Homes\n"
    "Date: 2 June 2025\n\n"
    "Interviewer: Thanks for making the time.\n\n"
    "Participant: Happy to. The tender was brutal and we lost money.\n\n"
    "Reflections after the interview\n"
    "Guarded about the council; the tender still rankles.\n"
)
NAMES = ("Siobhan", "O'Neill", "Desmond", "Oyelaran", "Safe Harbour", "Mariam", "Okonjo")


def word_notes(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Interview 9", 1)
    grid = document.add_table(rows=3, cols=2)
    for row, (key, value) in enumerate(
        [("Interviewer", "Siobhan O'Neill"), ("Interviewee", "Mariam Okonjo"), ("Date", "3 June")]
    ):
        grid.cell(row, 0).text = key
        grid.cell(row, 1).text = value
    document.add_paragraph("Interviewer – How is the service funded?")
    document.add_paragraph("Participant – A tender we nearly lost, then grants.")
    document.add_heading("My reflections", 2)
    document.add_paragraph("She thinks the tender was rigged.")
    document.save(str(path))
    return path


def passage_number(path: Path, words: str) -> str:
    doc = read_document(path)
    return str(next(i for i, p in enumerate(doc.passages, 1) if words in doc.text[p.start : p.end]))


def test_notes_export_without_names_or_reflections_as_quotes(tmp_path: Path) -> None:
    runner = CliRunner()
    project = str(tmp_path / "notes.qc")
    text_notes = tmp_path / "h1.txt"
    text_notes.write_text(NOTES, encoding="utf-8")
    word = word_notes(tmp_path / "p9.docx")
    assert runner.invoke(app, ["init", project]).exit_code == 0
    assert runner.invoke(app, ["import", project, str(text_notes), str(word)]).exit_code == 0
    for path, doc, words in (
        (text_notes, "1", "Interview 8"),  # the details block itself
        (text_notes, "1", "The tender was brutal"),
        (text_notes, "1", "the tender still rankles"),
        (word, "2", "Siobhan"),
        (word, "2", "A tender we nearly lost"),
        (word, "2", "the tender was rigged"),
    ):
        number = passage_number(path, words)
        args = ["code", "add", project, "--doc", doc, "--code", "commissioning"]
        result = runner.invoke(app, [*args, "--passage", number, "--coder", "sl"])
        assert result.exit_code == 0, result.output
    out = tmp_path / "quotes.md"
    args = ["export", "quotes", project, "--out", str(out), "--unreviewed", "keep"]
    result = runner.invoke(app, [*args, "--include-interviewer"])
    assert result.exit_code == 0, result.output
    quotes = out.read_text(encoding="utf-8")
    assert [name for name in NAMES if name in quotes] == []
    assert "“Happy to. The tender was brutal and we lost money.”" in quotes
    assert "“A tender we nearly lost, then grants.”" in quotes  # no "Participant –"
    for doc, words in (("1", "still rankles"), ("2", "was rigged")):
        shown = json.loads(runner.invoke(app, ["show", project, doc, "--json"]).output)
        reflection = next(p for p in shown["passages"] if words in p["text"])
        assert reflection["speaker"] is None  # the researcher's, not the participant's
