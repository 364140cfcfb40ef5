"""The real program in an 80×24 tmux pane: select a sentence by keys, find words, code them."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from test_tui_tmux import QUALCODE, tmux, wait_for

import qualcode
from qualcode.store.codings import coding_records
from qualcode.store.db import open_project

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def test_sentence_and_find_to_code_at_80_by_24(study: Path) -> None:
    session = f"qualcode-small-{time.monotonic_ns()}"
    # The tree under test, whatever environment the tmux server was started with.
    source = Path(qualcode.__file__).resolve().parent.parent
    command = (
        f"env -u COLUMNS -u LINES PYTHONPATH={source} {QUALCODE} tui {study} --coder ana --doc 1"
    )
    tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)

    def screen() -> str:
        return tmux("capture-pane", "-p", "-t", session)

    def codings() -> list[str]:
        with open_project(str(study)) as project, project.read() as read:
            return sorted(c.text for c in coding_records(read, coder="ana"))

    try:
        wait_for(lambda: "Interviewer: How do you get" in screen(), 90.0)  # a busy machine is slow
        assert "Codebook" not in screen()  # folded away: the transcript has the width
        assert screen().splitlines()[-1].rstrip().endswith("? Help")  # the footer fits
        tmux("send-keys", "-t", session, "j", "j", "s", "1")
        wait_for(lambda: len(codings()) == 1, 30.0)
        tmux("send-keys", "-t", session, "f")
        wait_for(lambda: "Find:" in screen(), 30.0)
        tmux("send-keys", "-t", session, *"four months", "Enter")
        wait_for(lambda: "Find:" not in screen(), 30.0)
        tmux("send-keys", "-t", session, "2")
        wait_for(lambda: len(codings()) == 2, 30.0)
    finally:
        tmux("kill-session", "-t", session)
    first = "Mostly through competitive tendering, and honestly the pre-qualification questionnaire"
    assert codings() == [f"{first}\nalone took us three weeks.", "four months."]
