"""`--json` on the commands that write: one JSON document on stdout, checked against the
project and the files written; errors stay one line on stderr."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.store.db import open_project
from qualcode.store.models import Code, Coding, Document, Passage

INTERVIEW = """Interviewer: How do you get your contracts?

Priya: Through tenders, mostly. My colleague Dean Hollis writes the bids and we meet in Leeds.

Interviewer: And inside the prisons?

Priya: Sessions get cancelled at short notice when there's a lockdown.
"""


def run(runner: CliRunner, *args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def run_json(runner: CliRunner, *args: object) -> tuple[int, Any, str]:
    code, out, err = run(runner, *args, "--json")
    return code, json.loads(out), err  # the whole of stdout is one JSON document


def scalar(project: Path, query: Any) -> Any:
    opened = open_project(str(project))
    try:
        with opened.read() as session:
            return session.scalar(query)
    finally:
        opened.close()


@pytest.fixture
def coded(runner: CliRunner, project_file: Path, tmp_path: Path) -> Path:
    """A project with one interview, coded by two coders; Dean Hollis registered."""
    source = tmp_path / "interview-07.txt"
    source.write_text(INTERVIEW, encoding="utf-8")
    assert run(runner, "import", project_file, source, "--participant", "Interviewee 7")[0] == 0
    assert run(runner, "anonymise", "register", project_file, "Dean Hollis")[0] == 0
    code, shown, _ = run_json(runner, "show", project_file, "1")
    assert code == 0
    spans = [f"{p['start']}:{p['end']}" for p in shown["passages"] if p["speaker"] == "Priya"]
    for coder in ("ana", "ben"):
        for span, key in zip(spans, ("competitive-tendering", "voice-advocacy"), strict=True):
            args = ("--doc", "1", "--span", span, "--code", key, "--coder", coder)
            assert run(runner, "code", "add", project_file, *args)[0] == 0
    return project_file


def test_import_json_lists_each_file_with_counts(
    runner: CliRunner, project_file: Path, transcript: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Met the [bold]director[/bold] at ten.\n\nShe was late.\n", encoding="utf-8")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a word file")
    code, out, err = run(runner, "import", project_file, transcript, notes, broken, "--json")
    assert code == 1  # a file failed
    assert err.splitlines() == [f"error: broken.docx: {_WORD_ERROR}"]
    result = json.loads(out)
    assert (result["imported"], result["duplicates"], result["failed"]) == (2, 0, 1)
    first, second, third = result["files"]
    assert first["path"] == str(transcript) and first["status"] == "imported"
    assert first["speakers"] == ["Interviewer", "Priya"] and first["warnings"] == []
    assert second["warnings"] == ["notes.txt: no speakers found; passages are paragraphs"]
    assert result["warnings"] == second["warnings"]
    assert third == {
        "path": str(broken),
        "status": "failed",
        "error": f"broken.docx: {_WORD_ERROR}",
    }
    for record in (first, second):
        document_id = record["document"]["id"]
        title = scalar(project_file, select(Document.title).where(Document.id == document_id))
        assert record["document"]["title"] == title
        count = select(func.count(Passage.id)).where(Passage.document_id == document_id)
        assert record["passages"] == scalar(project_file, count)
    code, again, err = run_json(runner, "import", project_file, transcript)
    assert code == 0 and err == ""
    assert again["duplicates"] == 1 and again["files"][0]["status"] == "duplicate"
    assert again["files"][0]["document"] == first["document"]


_WORD_ERROR = "not a valid Word document (corrupt or not a .docx)"


def test_export_quotes_json_counts_what_the_file_holds(
    runner: CliRunner, coded: Path, tmp_path: Path
) -> None:
    out_file = tmp_path / "quotes.csv"
    code, result, err = run_json(
        runner, "export", "quotes", coded, "--out", out_file, "--coder", "ana"
    )
    assert code == 0 and err == ""
    rows = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8-sig"))))
    assert result["path"] == str(out_file) and result["format"] == "csv"
    assert result["quotes"] == len(rows) == 2
    assert result["participants"] == 1 and result["groups"] >= 2
    assert result["unreviewed"] >= 1 and result["unreviewed_kept"] is False  # Leeds
    assert any("unreviewed possible identifier" in w for w in result["warnings"])
    assert "Dean" not in json.dumps(result) and "Priya" not in json.dumps(result)


def test_codings_codebook_qdc_and_qdpx_exports_report_in_json(
    runner: CliRunner, coded: Path, tmp_path: Path
) -> None:
    csv_file = tmp_path / "codings.csv"
    code, result, _ = run_json(runner, "code", "export", coded, csv_file)
    assert code == 0
    assert result == {"path": str(csv_file), "format": "csv", "codings": 4, "warnings": []}
    assert len(list(csv.DictReader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"))))) == 4
    code, _, err = run(runner, "code", "export", coded, "-", "--json")
    assert code == 1 and err.startswith("error: --json reports on a file written")

    yaml_file = tmp_path / "codebook.yaml"
    code, result, _ = run_json(runner, "codebook", "export", coded, yaml_file)
    assert code == 0 and result["path"] == str(yaml_file) and result["format"] == "yaml"
    assert result["codes"] == scalar(coded, select(func.count(Code.id))) and yaml_file.exists()

    qdc = tmp_path / "codebook.qdc"
    code, result, _ = run_json(runner, "export", "qdc", coded, "--out", qdc)
    assert code == 0 and result["codes"] == scalar(coded, select(func.count(Code.id)))
    assert qdc.read_bytes().count(b"<Code ") == result["codes"]

    qdpx = tmp_path / "study.qdpx"
    code, result, err = run_json(runner, "export", "qdpx", coded, "--out", qdpx)
    assert code == 0 and err == ""
    assert (result["documents"], result["codings"]) == (1, 4)
    assert result["codes"] == scalar(coded, select(func.count(Code.id)))
    assert result["warnings"] == [
        "a .qdpx holds the transcripts unredacted; private identifiers are left out."
    ]
    with zipfile.ZipFile(qdpx) as archive:
        qde = archive.read("project.qde")
    assert qde.count(b"<User ") == result["coders"] and qde.count(b"<Coding ") == 4

    copy = tmp_path / "copy.qc"
    code, result, err = run_json(runner, "import", copy, qdpx)
    assert code == 0, err
    assert result["created"] is True and result["documents"] == 1 and result["codings"] == 4
    assert result["codings"] == scalar(copy, select(func.count(Coding.id)))


def test_audit_report_json(runner: CliRunner, coded: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    code, result, err = run_json(runner, "audit", "report", coded, "--out", report)
    assert code == 0 and err == ""
    assert result["path"] == str(report) and result["format"] == "html"
    assert result["coders"] == ["ana", "ben"] and result["compared_documents"] == 1
    assert result["disagreements"] == 0 and report.read_text(encoding="utf-8").startswith("<!")


def test_anonymise_key_and_preview_json(runner: CliRunner, coded: Path, tmp_path: Path) -> None:
    key = tmp_path / "key.json"
    code, result, _ = run_json(runner, "anonymise", "key", coded, "--out", key)
    assert code == 0
    entities = json.loads(key.read_text())["entities"]
    assert result == {"path": str(key), "pseudonyms": len(entities), "added": len(entities),
                      "warnings": []}  # fmt: skip
    code, result, _ = run_json(runner, "anonymise", "key", coded, "--out", key)
    assert result["added"] == 0

    code, plain, _ = run(runner, "anonymise", "preview", coded, "--doc", "1")
    code, result, err = run_json(runner, "anonymise", "preview", coded, "--doc", "1")
    assert code == 0 and err == ""
    assert result["document"] == {"id": 1} and result["text"] + "\n" == plain
    assert "Dean" not in result["text"] and "Priya" not in result["text"]
    assert "Leeds" not in result["text"] and result["unreviewed"] == result["text"].count("?]")
    assert result["warnings"][0].startswith(f"{result['unreviewed']} unreviewed possible")


def test_json_errors_stay_one_line_on_stderr(
    runner: CliRunner, coded: Path, tmp_path: Path
) -> None:
    code, out, err = run(
        runner, "export", "quotes", coded, "--out", tmp_path / "q.txt", "--format", "pdf", "--json"
    )
    assert code == 1 and out == "" and err.startswith("error: ") and err.count("\n") == 1


def test_combining_another_project_reports_in_json(
    runner: CliRunner, coded: Path, project_file: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other" / "study.qc"
    other.parent.mkdir()
    assert run(runner, "init", other)[0] == 0
    notes = tmp_path / "notes.txt"
    notes.write_text("Interviewer: Hello?\n\nSam: We bid as a consortium.\n", encoding="utf-8")
    assert run(runner, "import", other, notes)[0] == 0
    before = scalar(coded, select(func.count(Document.id)))
    code, result, err = run_json(runner, "import", coded, other, "--dry-run")
    assert code == 0, err
    assert result["dry_run"] is True and result["changed"] is True
    assert scalar(coded, select(func.count(Document.id))) == before
    code, result, err = run_json(runner, "import", coded, other)
    assert code == 0 and result["path"] == str(other) and result["dry_run"] is False
    added = scalar(coded, select(func.count(Document.id))) - before
    assert added == 1 and result["counts"]["documents added"] == added
