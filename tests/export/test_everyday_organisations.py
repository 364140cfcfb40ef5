"""A charity named in everyday words ("Open Book Trust") is a likely identifier nobody reviewed:
flagged, and kept out of exports as [organisation?] until someone registers or dismisses it."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_helpers import Interview, build_project, read_back
from typer.testing import CliRunner

from qualcode.anonymise.check import find_residual
from qualcode.anonymise.redactor import Redactor
from qualcode.cli.app import app


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Sure. We're Open Book Trust, we run a peer mentoring scheme.", "Open Book Trust"),
        ("Back then New Leaf Project took our referrals.", "New Leaf Project"),
        ("We are Fresh Start Housing, based near the docks.", "Fresh Start Housing"),
        ("The Second Chance Foundation paid for it.", "Second Chance Foundation"),
        ("Open Door Youth Services runs the hub.", "Open Door Youth Services"),
    ],
)
def test_an_organisation_in_everyday_words_is_flagged(text: str, found: str) -> None:
    findings = find_residual(text, Redactor([]))
    assert [(f.value, f.kind) for f in findings] == [(found, "organisation")]


@pytest.mark.parametrize(
    "text",
    [
        "We deal with the Probation Service mostly.",  # one word before: too general
        "Most of our work is housing and care.",  # no capitals
        "That was the Open University, years ago.",  # not an organisation word at the end
        "The National Probation Service took over.",  # a public service named so everywhere
    ],
)
def test_general_or_uncapitalised_phrases_are_not_flagged(text: str) -> None:
    assert [f for f in find_residual(text, Redactor([])) if f.kind == "organisation"] == []


def test_the_export_keeps_the_organisation_out(tmp_path: Path) -> None:
    text = (
        "Interviewer: Tell me about the organisation.\n\n"
        "Participant: We're Open Book Trust, we run a peer mentoring scheme in two prisons.\n"
    )
    path = tmp_path / "study.qc"
    start = text.index("We're")
    project = build_project(
        path,
        [Interview("Interviewee 2", text)],
        codings=[(1, "prisons", "ana", start, len(text) - 1)],
    )
    project.close()
    out = tmp_path / "quotes.md"
    result = CliRunner().invoke(app, ["export", "quotes", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    exported = read_back(out).replace("\\", "")
    assert "Open Book" not in exported
    assert "We're [organisation?], we run a peer mentoring scheme" in exported
