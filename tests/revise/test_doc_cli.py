"""`qualcode doc` on real project files: replace, edit, history, show, revert, resolve."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from qualcode.cli.app import app

CORRECTED = {
    "competitive tendering": "competitive tenderring",
    " Security clearance for\nour volunteers took four months.": "",
}


def run(runner: CliRunner, *args: object, ok: bool = True) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    assert (result.exit_code == 0) == ok, result.stdout + result.stderr
    return result.stdout if ok else result.stderr


def as_json(runner: CliRunner, *args: object) -> object:
    return json.loads(run(runner, *args, "--json"))


@pytest.fixture
def coded(runner: CliRunner, project_file: Path, transcript: Path) -> Path:
    """The transcript imported and coded: "competitive tendering" and "Security clearance"."""
    run(runner, "import", project_file, transcript, "--coder", "ann")
    text = transcript.read_text(encoding="utf-8").strip()
    for words in ("competitive tendering", "Security clearance"):
        start = text.index(words)
        span = f"{start}:{start + len(words)}"
        run(
            runner,
            "code",
            "add",
            project_file,
            "--doc",
            1,
            "--code",
            "commissioning",
            "--span",
            span,
            "--coder",
            "ann",
        )
    return project_file


def corrected_text(transcript: Path) -> str:
    text = transcript.read_text(encoding="utf-8")
    for old, new in CORRECTED.items():
        text = text.replace(old, new)
    return text


def coded_words(runner: CliRunner, project: Path) -> list[str]:
    return [str(c["text"]) for c in as_json(runner, "code", "list", project)]  # type: ignore[union-attr]


def test_replace_with_a_corrected_txt_then_resolve_the_orphan(
    runner: CliRunner, coded: Path, transcript: Path, tmp_path: Path
) -> None:
    fixed = tmp_path / "interview-07-corrected.txt"
    fixed.write_text(corrected_text(transcript), encoding="utf-8")
    out = run(runner, "doc", "replace", coded, "1", fixed, "--coder", "bob")
    assert "now version 2" in out and "1 orphaned" in out and "doc resolve" in out
    assert coded_words(runner, coded) == ["competitive tenderring"]
    orphans = as_json(runner, "doc", "resolve", coded, "1")
    assert isinstance(orphans, list) and len(orphans) == 1
    assert orphans[0]["text"] == "Security clearance" and orphans[0]["suggested"] is None
    listing = run(runner, "doc", "resolve", coded)
    assert "Security" in listing and "commissio" in listing
    run(runner, "doc", "resolve", coded, "--orphan", orphans[0]["id"], "--found", ok=False)
    out = run(runner, "doc", "resolve", coded, "1", "--orphan", orphans[0]["id"], "--passage", 5)
    assert "Re-attached" in out
    assert len(coded_words(runner, coded)) == 2
    assert "No orphaned codings" in run(runner, "doc", "resolve", coded)
    assert "no problems" in run(runner, "check", coded).lower()


def test_replace_with_a_corrected_docx(
    runner: CliRunner, coded: Path, transcript: Path, tmp_path: Path
) -> None:
    word = docx.Document()
    for paragraph in corrected_text(transcript).split("\n\n"):
        word.add_paragraph(paragraph.replace("\n", " "))
    path = tmp_path / "corrected.docx"
    word.save(str(path))
    report = as_json(runner, "doc", "replace", coded, "1", path)
    assert (
        isinstance(report, dict) and report["version"] == 2 and report["note"] == "corrected.docx"
    )
    assert report["codings"]["resized"] == [1] and report["codings"]["orphaned"] == [2]
    assert coded_words(runner, coded) == ["competitive tenderring"]


def test_edit_one_passage_history_show_and_revert(runner: CliRunner, coded: Path) -> None:
    shown = as_json(runner, "show", coded, "1")
    answer = next(p for p in shown["passages"] if "tendering" in p["text"])  # type: ignore[index]
    new_text = answer["text"].replace("honestly ", "")
    out = run(
        runner,
        "doc",
        "edit",
        coded,
        "1",
        "--passage",
        answer["passage"],
        "--text",
        new_text,
        "--coder",
        "bob",
    )
    assert "now version 2 (edit passage" in out and "0 orphaned" in out
    history = as_json(runner, "doc", "history", coded, "1")
    versions = history["versions"]  # type: ignore[index]
    assert [(v["version"], v["change"], v["by"], v["current"]) for v in versions] == [
        (1, "import", "ann", False),
        (2, "edit", "bob", True),
    ]
    assert "honestly" in run(runner, "doc", "show", coded, "1", "--version", 1)
    assert "honestly" not in run(runner, "doc", "show", coded, "1")
    table = run(runner, "doc", "history", coded, "1")
    assert "import" in table and "current" in table
    out = run(runner, "doc", "revert", coded, "1", "--version", 1)
    assert "now version 3 (revert version 1)" in out
    assert "honestly" in run(runner, "doc", "show", coded, "1")


def test_show_exports_a_version_to_a_file(runner: CliRunner, coded: Path, tmp_path: Path) -> None:
    target = tmp_path / "v1.txt"
    assert "Wrote version 1" in run(runner, "doc", "show", coded, "1", "--version", 1, "-o", target)
    assert target.read_text(encoding="utf-8").startswith("Interview 7")


def test_edit_reads_the_new_text_from_a_file(
    runner: CliRunner, coded: Path, tmp_path: Path
) -> None:
    new_text = tmp_path / "passage.txt"
    new_text.write_bytes(
        "Interviewer: And inside the prisons — and afterwards?\r\n".encode("cp1252")
    )
    report = as_json(runner, "doc", "edit", coded, "1", "--passage", 4, "--from-file", new_text)
    assert isinstance(report, dict) and report["changed"]
    assert "— and afterwards?" in run(runner, "doc", "show", coded, "1")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("edit", "{p}", "1", "--passage", "3"), "exactly one of --text or --from-file"),
        (("edit", "{p}", "1", "--passage", "99", "--text", "x"), "no passage 99"),
        (("show", "{p}", "1", "--version", "7"), "no version 7"),
        (("replace", "{p}", "1", "missing.txt"), "missing.txt: file not found"),
        (("resolve", "{p}", "--orphan", "5", "--drop"), "no orphaned coding with id 5"),
        (("history", "{p}", "nope"), "no document 'nope'"),
    ],
)
def test_mistakes_are_one_line_errors(
    runner: CliRunner, coded: Path, args: tuple[str, ...], message: str
) -> None:
    err = run(runner, "doc", *(a.format(p=coded) for a in args), ok=False)
    assert message in err and "Traceback" not in err


def test_identical_text_changes_nothing(runner: CliRunner, coded: Path, transcript: Path) -> None:
    assert "No change" in run(runner, "doc", "replace", coded, "1", transcript)
    assert len(as_json(runner, "doc", "history", coded, "1")["versions"]) == 1  # type: ignore[index]


def test_a_moved_sentence_is_found_again(
    runner: CliRunner, coded: Path, transcript: Path, tmp_path: Path
) -> None:
    moved = transcript.read_text(encoding="utf-8").replace(
        " Security clearance for\nour volunteers took four months.", ""
    )
    moved = moved.replace("How do you get", "Security clearance first: how do you get")
    fixed = tmp_path / "moved.txt"
    fixed.write_text(moved, encoding="utf-8")
    run(runner, "doc", "replace", coded, "1", fixed)
    (orphan,) = as_json(runner, "doc", "resolve", coded)  # type: ignore[misc]
    assert orphan["suggested"] == [moved.index("Security"), moved.index("Security") + 18]
    result = as_json(runner, "doc", "resolve", coded, "--orphan", orphan["id"], "--found")
    assert result == {
        "orphan": orphan["id"],
        "coding": orphan["coding"],
        "action": "re-attached",
        "start": orphan["suggested"][0],
        "end": orphan["suggested"][1],
    }
    assert "Security clearance" in coded_words(runner, coded)
