"""A text file that is UTF-8 but for a few Windows-1252 lines is read line by line, with a
warning that reaches the import report."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.ingest import read_document

# Most lines written as UTF-8 (an en dash, an accent); three pasted from a Windows program.
MIXED = (
    "Interviewer: How did the tender go \u2013 honestly?\n".encode()
    + "Siobhan: The caf\u00e9 contract went to a large provider.\n".encode()
    + b"Siobhan: We couldn\x92t compete on price: \xa3200 a head.\n"
    + b"Interviewer: And the \x93level playing field\x94?\n"
    + "Siobhan: There isn\u2019t one.\n".encode()
    + b"Siobhan: It\x92s all soft money now.\n"
)


def test_each_line_is_read_in_the_encoding_it_was_written_in(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(MIXED)
    document = read_document(path)
    assert document.text == (
        "Interviewer: How did the tender go \u2013 honestly?\n"
        "Siobhan: The caf\u00e9 contract went to a large provider.\n"
        "Siobhan: We couldn\u2019t compete on price: \u00a3200 a head.\n"
        "Interviewer: And the \u201clevel playing field\u201d?\n"
        "Siobhan: There isn\u2019t one.\n"
        "Siobhan: It\u2019s all soft money now."
    )
    assert document.warnings == ["notes.txt: mixed encodings: 3 lines read as Windows-1252"]


def test_files_in_one_encoding_read_without_a_warning(tmp_path: Path) -> None:
    text = "Siobhan: We couldn\u2019t compete: \u00a3200 a head, caf\u00e9 \u2013 done.\n"
    for name, data in (("utf8.txt", text.encode()), ("legacy.txt", text.encode("cp1252"))):
        path = tmp_path / name
        path.write_bytes(data)
        document = read_document(path)
        assert document.text == text.strip() and document.warnings == []


def test_a_legacy_file_whose_short_line_passes_for_utf8_is_not_mixed(tmp_path: Path) -> None:
    # In GBK, "\u6a21" is the bytes C4 A3, which are also valid UTF-8.
    text = "我们谈谈资金的问题，还有监狱的合作。\n" * 6 + "\u6a21\n好的。\n"
    path = tmp_path / "notes.txt"
    path.write_bytes(text.encode("gbk"))
    assert read_document(path).warnings == []


def test_the_warning_reaches_the_import_report(tmp_path: Path) -> None:
    project = tmp_path / "study.qc"
    runner = CliRunner()
    assert runner.invoke(app, ["init", str(project)]).exit_code == 0
    path = tmp_path / "notes.txt"
    path.write_bytes(MIXED)
    result = runner.invoke(app, ["import", str(project), str(path)])
    assert result.exit_code == 0, result.output
    assert "warning: notes.txt: mixed encodings: 3 lines read as Windows-1252" in result.output
    assert "1 imported" in result.output
