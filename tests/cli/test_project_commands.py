"""The CLI end to end on real project files: init, import, status, docs, show, search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli.app import app


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_init_creates_project_with_default_codebook(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "new.qc"
    code, out, _ = run(runner, "init", path)
    assert code == 0, out
    assert path.exists()
    code, out, _ = run(runner, "codebook", "show", path, "--json")
    tree = json.loads(out)
    keys = [theme["key"] for theme in tree["codes"]]
    for theme in ("commissioning", "independence", "prison-disruption", "partnership-levels"):
        assert theme in keys
    for theme in tree["codes"]:
        assert theme["parent"] is None
        assert theme["children"], f"{theme['key']} has no sub-codes"
        assert all(child["parent"] == theme["key"] for child in theme["children"])


def test_init_twice_refuses(runner: CliRunner, project_ref: str) -> None:
    code, _, err = run(runner, "init", project_ref)
    assert code == 1
    assert "already" in err
    assert "Traceback" not in err


def test_commands_on_missing_or_non_project_ref_say_so(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "missing.qc"
    for command in (["status"], ["docs"], ["search", "x"], ["code", "list"]):
        code, _, err = run(runner, command[0], *command[1:2], missing, *command[2:])
        if command[0] in {"search"}:
            code, _, err = run(runner, "search", missing, "x")
        if command[0] == "code":
            code, _, err = run(runner, "code", "list", missing)
        assert code == 1
        assert "no such project" in err
        assert len(err.strip().splitlines()) == 1
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a project")
    code, _, err = run(runner, "status", text_file)
    assert code == 1 and "not a qualcode project" in err
    assert not missing.exists()


def test_import_status_docs_show_search(
    runner: CliRunner, project_ref: str, transcript: Path
) -> None:
    code, out, err = run(
        runner,
        "import",
        project_ref,
        transcript,
        "--participant",
        "Interviewee 7",
        "--attr",
        "organisation_type=housing charity",
    )
    assert code == 0, err
    assert "1 imported" in out

    status = json.loads(run(runner, "status", project_ref, "--json")[1])
    assert status["documents"] == 1
    assert status["participants"] == 1
    assert status["passages"] >= 5
    assert status["codings"] == 0

    docs = json.loads(run(runner, "docs", project_ref, "--json")[1])
    assert docs[0]["participant"] == "Interviewee 7"
    assert docs[0]["attributes"]["organisation_type"] == "housing charity"
    assert docs[0]["source_name"] == "interview-07.txt"

    doc_id = docs[0]["document"]["id"]
    shown = json.loads(run(runner, "show", project_ref, str(doc_id), "--json")[1])
    passages = shown["passages"]
    assert [p["passage"] for p in passages] == list(range(1, len(passages) + 1))  # from 1
    speakers = {p["speaker"] for p in passages}
    assert {"Interviewer", "Priya"} <= speakers
    answer = next(p for p in passages if "competitive tendering" in p["text"])
    assert answer["speaker"] == "Priya"

    hits = json.loads(run(runner, "search", project_ref, "tendering", "--json")[1])
    assert len(hits) == 1
    assert hits[0]["passage"] == answer["passage"]
    assert hits[0]["document"] == {"id": doc_id, "title": docs[0]["document"]["title"]}
    assert "competitive tendering" in hits[0]["text"]
    phrase = json.loads(run(runner, "search", project_ref, '"security clearance"', "--json")[1])
    assert len(phrase) == 1
    prefix = json.loads(run(runner, "search", project_ref, "cancel*", "--json")[1])
    assert len(prefix) == 1
    # Not valid query syntax: its words are searched for instead of failing.
    broken = json.loads(run(runner, "search", project_ref, "tendering AND (", "--json")[1])
    assert [hit["passage"] for hit in broken] == [answer["passage"]]


def test_reimport_same_content_is_a_no_op(
    runner: CliRunner, project_ref: str, transcript: Path, tmp_path: Path
) -> None:
    assert run(runner, "import", project_ref, transcript)[0] == 0
    copy = tmp_path / "copy-with-crlf.txt"
    copy.write_bytes(transcript.read_bytes().replace(b"\n", b"\r\n"))
    code, out, _ = run(runner, "import", project_ref, copy)
    assert code == 0
    assert "already imported" in out
    assert json.loads(run(runner, "status", project_ref, "--json")[1])["documents"] == 1


def test_bad_files_fail_one_line_each_others_still_import(
    runner: CliRunner, project_ref: str, transcript: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    corrupt = tmp_path / "broken.docx"
    corrupt.write_bytes(b"PK\x03\x04 this is not really a zip")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    code, out, err = run(runner, "import", project_ref, empty, corrupt, transcript, pdf)
    assert code == 1
    assert "1 imported" in out and "3 failed" in out
    error_lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 3
    assert any("empty.txt" in line for line in error_lines)
    assert any("broken.docx" in line for line in error_lines)
    assert any("report.pdf" in line for line in error_lines)
    assert "Traceback" not in err
    docs = json.loads(run(runner, "docs", project_ref, "--json")[1])
    assert [d["source_name"] for d in docs] == ["interview-07.txt"]


def test_import_folder_recurses(runner: CliRunner, project_ref: str, tmp_path: Path) -> None:
    folder = tmp_path / "notes" / "wave-2"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("Interviewer: Hello?\n\nSam: We bid for the contract.\n")
    (tmp_path / "notes" / "b.md").write_text("Q: And then?\n\nA: The prison locked down.\n")
    code, out, _ = run(runner, "import", project_ref, tmp_path / "notes")
    assert code == 0, out
    assert "2 imported" in out


def test_bad_attr_is_refused(runner: CliRunner, project_ref: str, transcript: Path) -> None:
    code, _, err = run(runner, "import", project_ref, transcript, "--attr", "novalue")
    assert code == 1 and "KEY=VALUE" in err
    assert json.loads(run(runner, "status", project_ref, "--json")[1])["documents"] == 0


def test_project_can_come_from_the_environment(
    runner: CliRunner, project_ref: str, transcript: Path
) -> None:
    assert run(runner, "import", project_ref, transcript)[0] == 0
    result = runner.invoke(app, ["status", "--json"], env={"QUALCODE_DATABASE_URL": project_ref})
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["documents"] == 1


def test_unreachable_or_unsupported_databases_get_one_line(runner: CliRunner) -> None:
    for args, message in (
        (["status", "postgresql://nobody:secret@127.0.0.1:1/x"], "cannot be opened"),
        (["init", "postgresql+psycopg://nobody:secret@127.0.0.1:1/x"], "cannot be created"),
        (["status", "mysql://x@y/z"], "unsupported database"),
    ):
        code, _, err = run(runner, *args)
        assert code == 1, err
        assert message in err and "secret" not in err
        assert len(err.strip().splitlines()) == 1


def test_import_and_codebook_import_take_refi_qda_files(
    runner: CliRunner, project_ref: str, tmp_path: Path
) -> None:
    # shared/ sits beside the project checkout, as on CI.
    sample = Path(__file__).resolve().parents[3] / "shared/refi-qda/qualitative-coding-demo.qdpx"
    if not sample.exists():
        pytest.skip(f"{sample} is not available")
    target = tmp_path / "from-qdpx.qc"
    code, out, err = run(runner, "import", target, sample)
    assert code == 0, err
    assert "2 documents" in out
    qdc = tmp_path / "book.qdc"
    assert run(runner, "export", "qdc", target, "--out", qdc)[0] == 0
    code, out, err = run(runner, "codebook", "import", project_ref, qdc)
    assert code == 0, err
    assert "codes added" in out
