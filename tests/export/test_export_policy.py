"""Exports leak nothing by default: code keys, speaker names and unreviewed names, every format."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from export_helpers import Interview, build_project, read_back
from sqlalchemy import delete, select
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.export.model import FORMATS
from qualcode.export.speakers import label_spans
from qualcode.store.codes import add_code, find_code
from qualcode.store.codings import add_coding
from qualcode.store.db import open_project
from qualcode.store.documents import add_identifiers
from qualcode.store.models import Document, Identifier, Participant, Passage

# A transcript as a service writes it: each turn opens with "Name  00:13" on its own line.
TRANSCRIPT = (
    "Sara Lee  00:01\nHow is the work funded these days?\n\n"
    "Tomasz Wright  00:09\nMostly contracts. Our finance director, Jo Pinder, keeps us afloat. "
    "Referrals come through Dana Whitcombe at the council.\n\n"
    "Sara Lee  00:30\nAnd the prison work?\n\n"
    "Tomasz Wright  00:34\nWe work with Mary O'Neill on the wing. Sessions get cancelled.\n"
)
SPEAKERS = ("Sara Lee", "Tomasz Wright")
# Never on any sheet: found only by the check, so redacted as [name?] unless kept.
UNREVIEWED = ("Jo Pinder", "Pinder", "Mary O'Neill", "O'Neill")
REGISTERED = ("Dana Whitcombe", "Whitcombe", "dana-whitcombe")


def leaked(secret: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(secret)}(?!\w)", text, re.IGNORECASE) is not None


@pytest.fixture
def project_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "service.qc"
    project = build_project(
        path,
        [Interview("Interviewee 4", TRANSCRIPT, {"organisation_type": "Housing charity"})],
        [("Interviewee 4", "name", "Dana Whitcombe")],
    )
    with project.write() as session:
        # Whatever import made of the speaker lines, the stored labels are names, and the
        # registry may not hold them (projects imported before speakers were registered).
        document = session.get(Document, 1)
        assert document is not None
        text = document.text
        for passage in session.scalars(select(Passage)):
            labelled = [(text.rfind(s, 0, passage.end), s) for s in SPEAKERS]
            passage.speaker = max(labelled)[1] if max(labelled)[0] >= 0 else None
        session.execute(delete(Identifier).where(Identifier.value.in_(SPEAKERS)))
        session.execute(delete(Identifier).where(Identifier.kind == "speaker"))
        add_code(session, "dana-whitcombe-referrals", "Referrals via Dana Whitcombe")
        add_code(session, "work-with-mary-oneill", "Work with Mary O'Neill")
        whole = (0, len(text))
        for key in ("dana-whitcombe-referrals", "work-with-mary-oneill", "contracts"):
            add_coding(session, document, find_code(session, key), "ana", *whole)
        words = text.index("Sessions get")
        add_coding(session, document, find_code(session, "prisons"), "ana", words, words + 20)
        # A second coder who disagrees, for `agree` and the audit report.
        referral = text.index("Referrals come")
        code = find_code(session, "dana-whitcombe-referrals")
        add_coding(session, document, code, "ben", referral, referral + 30)
    with project.read() as session:
        assert set(session.scalars(select(Passage.speaker))) == set(SPEAKERS)
    project.close()
    yield path


def export(path: Path, out: Path, *extra: str) -> tuple[str, str]:
    result = CliRunner().invoke(
        app, ["export", "quotes", str(path), "--out", str(out), "--context", "2", *extra]
    )
    assert result.exit_code == 0, result.stderr
    return read_back(out), result.stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_name_by_default(project_file: Path, tmp_path: Path, fmt: str) -> None:
    text, stderr = export(project_file, tmp_path / f"q.{fmt}", "--group-by", "code")
    found = [s for s in (*SPEAKERS, *UNREVIEWED, *REGISTERED) if leaked(s, text)]
    assert found == []
    assert leaked("Sara", text) is False and leaked("Wright", text) is False
    assert "[name?]" in text  # visibly not a registered redaction
    if fmt in ("csv", "xlsx", "json"):
        assert "[name]-referrals" in text  # the key, redacted like its name
        assert "work-with-[name?]" in text
    assert "Referrals via [name]" in text
    assert re.search(r"\d+ unreviewed possible identifiers? redacted as \[name\?\]", stderr)
    assert "--unreviewed keep" in stderr


@pytest.mark.parametrize("fmt", ["md", "docx", "csv"])
def test_group_by_participant_shows_codes_without_names(
    project_file: Path, tmp_path: Path, fmt: str
) -> None:
    text, _ = export(project_file, tmp_path / f"q.{fmt}", "--group-by", "participant")
    assert [s for s in (*SPEAKERS, *UNREVIEWED, *REGISTERED) if leaked(s, text)] == []
    assert "Interviewee 4" in text


def test_keep_unreviewed_knowingly(project_file: Path, tmp_path: Path) -> None:
    text, stderr = export(project_file, tmp_path / "q.md", "--unreviewed", "keep")
    assert leaked("Jo Pinder", text) and "[name?]" not in text
    assert [s for s in (*SPEAKERS, *REGISTERED) if leaked(s, text)] == []
    assert re.search(r"warning: \d+ unreviewed possible identifiers? kept", stderr)


def test_dismissed_value_is_kept(project_file: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["anonymise", "dismiss", str(project_file), "Jo Pinder"])
    assert result.exit_code == 0, result.stderr
    text, _ = export(project_file, tmp_path / "q.md")
    assert leaked("Jo Pinder", text)
    assert not leaked("Mary O'Neill", text)


def test_bad_unreviewed_value_is_one_line(project_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "q.md"
    result = CliRunner().invoke(
        app, ["export", "quotes", str(project_file), "--out", str(out), "--unreviewed", "maybe"]
    )
    assert result.exit_code != 0
    assert result.stderr.strip().splitlines() == ["error: --unreviewed must be one of redact, keep"]
    assert not out.exists()


def test_name_like_attribute_is_never_public(project_file: Path, tmp_path: Path) -> None:
    project = open_project(str(project_file))
    with project.write() as session:
        participant = session.scalars(select(Participant)).one()
        # What an earlier version made of a sheet with a `name` column.
        participant.attributes = {**participant.attributes, "Name": "Tomasz Wright"}
    project.close()
    for fmt in ("csv", "json"):
        text, stderr = export(project_file, tmp_path / f"q.{fmt}")
        assert not leaked("Tomasz", text) and "Name" not in text.split("\n")[0]
        assert "warning: attribute 'Name' looks like a name or contact detail" in stderr
    result = CliRunner().invoke(
        app,
        [
            "export",
            "quotes",
            str(project_file),
            "--out",
            str(tmp_path / "n.md"),
            "--group-by",
            "name",
        ],
    )
    assert result.exit_code == 1 and "Tomasz" not in result.stderr


def test_agree_and_audit_report_show_no_name(project_file: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    seen: list[str] = []
    for json_flag in ([], ["--json"]):
        args = ["agree", str(project_file), "--coders", "ana,ben", "--limit", "0", *json_flag]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.stderr
        assert "unreviewed possible identifiers redacted as [name?]" in result.stderr
        seen.append(result.stdout)
    for suffix in ("md", "html"):
        out = tmp_path / f"report.{suffix}"
        result = runner.invoke(app, ["audit", "report", str(project_file), "--out", str(out)])
        assert result.exit_code == 0, result.stderr
        assert "unreviewed possible identifiers redacted as [name?]" in result.stderr
        # Markdown escapes brackets: "\\[name\\]".
        seen.append(read_back(out).replace("\\", ""))
    for text in seen:
        assert [s for s in (*SPEAKERS, *UNREVIEWED, *REGISTERED) if leaked(s, text)] == []
        assert "[name?]" in text and "[name]-referrals" in text


def test_preview_shows_what_exports_show(project_file: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["anonymise", "preview", str(project_file), "--doc", "1"])
    assert result.exit_code == 0, result.stderr
    assert [s for s in (*SPEAKERS, *UNREVIEWED, *REGISTERED) if leaked(s, result.stdout)] == []
    assert "Our finance director, [name?], keeps us afloat" in result.stdout
    # Import may keep the service's "Name  00:01" line or store it as "Name: …".
    assert re.match(r"\[Speaker 1\](:|  00:01\n) ?How is", result.stdout)
    assert "redacted as [name?]" in result.stderr
    args = ["anonymise", "preview", str(project_file), "--doc", "1", "--unreviewed", "keep"]
    kept = runner.invoke(app, args)
    assert "Our finance director, Jo Pinder, keeps us afloat" in kept.stdout
    assert not leaked("Sara Lee", kept.stdout)


def test_speakers_shown_by_participant_label_or_number(project_file: Path, tmp_path: Path) -> None:
    project = open_project(str(project_file))
    with project.write() as session:
        participant = session.scalars(select(Participant)).one()
        add_identifiers(session, participant, "name", ["Tomasz Wright"], source="sheet")
    project.close()
    for fmt in ("md", "docx"):
        text, _ = export(project_file, tmp_path / f"q.{fmt}")
        # Import may keep the service's "Name  00:30" line or store it as "Name: …".
        assert re.search(r"\[Speaker 1\](:|  00:30\n(> )?) ?And the prison work", text)
        assert re.search(r"\[Interviewee 4\](:|  00:34\n(> )?) ?We work with", text)
        assert [s for s in (*SPEAKERS, *UNREVIEWED, *REGISTERED) if leaked(s, text)] == []


def test_speaker_label_lines_in_service_layouts() -> None:
    text = (
        "Sara Lee: hello\n[00:00:12] Sara Lee: again\nSara  Lee (00:01): and\n"
        "**Sara Lee** (00:00:01)\nSARA LEE  0:03\nI met Sara Lee: not a label\n"
    )
    spans = label_spans(text, {"Sara Lee": "Speaker 1"})
    assert [text[s.start : s.end] for s in spans] == [
        "Sara Lee",
        "Sara Lee",
        "Sara  Lee",
        "Sara Lee",
        "SARA LEE",
    ]
    assert all(s.kind == "Speaker 1" and s.start < text.index("I met") for s in spans)
