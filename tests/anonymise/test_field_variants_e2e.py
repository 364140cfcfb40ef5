"""End to end: numbers with a country code, organisations' short forms and names' particles, as
a field test wrote them in Zoom, Teams and plain-text transcripts, never reach an export."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from docx import Document as WordDocument
from typer.testing import CliRunner

from qualcode.cli.app import app

ZOOM = """WEBVTT

1
00:00:01.000 --> 00:00:05.000
Lukas Brandt: Can you hear me okay on the phone?

2
00:00:06.000 --> 00:00:12.000
447700900777: Yes, I'm on the bus, sorry. I run the family visits hub.

3
00:00:13.000 --> 00:00:17.000
Lukas Brandt: Someone on 353 87 123 4567 rang in too, was that you?

4
00:00:18.000 --> 00:00:30.000
447700900777: Yes, my other number is 4407700900888, grants mostly.
"""
NOTES = """Interviewer: Who else should I speak to?
Participant: Our team is at Northern Lights, not to be confused with the Arts Council. \
Ask van der Berg, or de la Cruz's deputy. We're Keyring, formally Keyring Housing.
Interviewer: Thanks.
"""
TEAMS = [
    "Interview with Northern Lights-20250611_140233-Meeting Recording",
    "June 11, 2025, 1:02PM",
    "33m 10s",
    "Lukas Brandt started transcription",
    "Lukas Brandt   0:03",
    "Could you start by telling me about your organisation?",
    "Bernadette Lewis   0:58",
    "Sure. We run a peer mentoring scheme with two other charities.",
    "Lukas Brandt stopped transcription",
]
SHEET = """label,name,organisation,email,phone
Interviewee 40,Marie O'Neill,Northern Lights Arts;Keyring Housing,marie@example.org,07700 900123
Interviewee 41,Pieter van der Berg,,,
Interviewee 42,Amara de la Cruz,,,
Interviewee 43,Bernadette Lewis,,,
"""
QUOTES = [
    ("zoom.vtt", "Yes, I'm on the bus, sorry."),
    ("zoom.vtt", "Someone on 353 87 123 4567 rang in too"),
    ("zoom.vtt", "Yes, my other number is 4407700900888, grants mostly."),
    ("notes.txt", "Our team is at Northern Lights, not to be confused with the Arts Council."),
    ("notes.txt", "Ask van der Berg, or de la Cruz's deputy."),
    ("notes.txt", "We're Keyring, formally Keyring Housing."),
]
LEAKS = re.compile(
    r"447700900777|4407700900888|353 87|Northern|Keyring|\bvan\b|\bde\b|\bla\b|Berg|Cruz", re.I
)


def run(runner: CliRunner, *args: object) -> str:
    result = runner.invoke(app, [str(a) for a in args], env={"QUALCODE_CODER": "ana"})
    assert result.exit_code == 0, result.stderr or result.stdout
    return result.stdout


@pytest.fixture
def project(runner: CliRunner, tmp_path: Path) -> Path:
    path = tmp_path / "study.qc"
    (tmp_path / "zoom.vtt").write_text(ZOOM, encoding="utf-8")
    (tmp_path / "notes.txt").write_text(NOTES, encoding="utf-8")
    teams = WordDocument()
    for line in TEAMS:
        teams.add_paragraph(line)
    teams.save(str(tmp_path / "teams.docx"))
    (tmp_path / "participants.csv").write_text(SHEET, encoding="utf-8")
    codings = tmp_path / "codings.csv"
    with codings.open("w", encoding="utf-8", newline="") as handle:
        rows = [(document, "commissioning", "ana", text) for document, text in QUOTES]
        csv.writer(handle).writerows([("document", "code", "coder", "text"), *rows])
    run(runner, "init", path)
    for name in ("zoom.vtt", "notes.txt", "teams.docx"):
        run(runner, "import", path, tmp_path / name)
    run(runner, "participants", "import", path, tmp_path / "participants.csv")
    run(runner, "code", "import", path, codings)
    return path


def test_quotes_hold_no_number_short_form_or_particle(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "quotes.md"
    run(runner, "export", "quotes", project, "--out", out, "--format", "md")
    text = out.read_text(encoding="utf-8")
    assert LEAKS.findall(text) == []
    assert "Yes, my other number is [phone], grants mostly." in text
    assert "Someone on [phone] rang in too" in text
    assert "Our team is at [organisation?], not to be confused with the Arts Council." in text
    assert "Ask [name], or [name]'s deputy." in text
    assert "We're [organisation?], formally [organisation]." in text


def test_the_teams_title_line_is_redacted_in_a_preview(runner: CliRunner, project: Path) -> None:
    shown = run(runner, "anonymise", "preview", project, "--doc", "teams.docx")
    assert "Interview with [organisation?]-20250611_140233-Meeting Recording" in shown
    assert "Northern" not in shown


def test_the_check_lists_the_short_forms_as_organisations(runner: CliRunner, project: Path) -> None:
    found = run(runner, "anonymise", "check", project, "--json")
    assert '"value": "Northern Lights"' in found and '"kind": "organisation"' in found
    assert '"value": "Keyring"' in found
