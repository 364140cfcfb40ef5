"""search shows a long passage by the part around the match, so a huge one-line file stays
quick to show; --json keeps the whole text."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.store.search import snippet

FILLER = "we talked about the weather and the trains for a long while "


def test_a_long_passage_is_shown_around_its_match(runner: CliRunner, tmp_path: Path) -> None:
    project = tmp_path / "study.qc"
    notes = tmp_path / "one-line.txt"
    notes.write_text(FILLER * 2000 + "then the competitive tendering round " + FILLER * 2000)
    assert runner.invoke(app, ["init", str(project)]).exit_code == 0
    assert runner.invoke(app, ["import", str(project), str(notes)]).exit_code == 0
    shown = runner.invoke(app, ["search", str(project), "tendering"], terminal_width=200)
    assert shown.exit_code == 0, shown.output
    assert "tendering" in shown.stdout and "…" in shown.stdout
    hits = json.loads(runner.invoke(app, ["search", str(project), "tendering", "--json"]).stdout)
    # Import splits the 240,000-character line into passages of readable size; search still
    # shows only the part of the passage around the match, and --json the whole passage.
    whole = hits[0]["text"]
    assert 1_000 < len(whole) <= 1_200 and "tendering" in whole
    assert whole not in " ".join(shown.stdout.split())


def test_snippet_cuts_around_the_first_query_word() -> None:
    text = "a" * 1000 + " Competitive tendering " + "b" * 1000
    cut = snippet(text, "tendering OR bids", 100)
    assert cut.startswith("…") and cut.endswith("…") and "Competitive tendering" in cut
    assert len(cut) == 102
    assert snippet("short text", "tendering") == "short text"
    assert snippet("c" * 500, "missing", 100) == "c" * 100 + "…"
