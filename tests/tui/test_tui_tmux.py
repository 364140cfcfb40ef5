"""The real program in a real terminal (tmux): code a passage, kill the terminal, nothing lost."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qualcode.store.codings import coding_records
from qualcode.store.db import open_project

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
QUALCODE = Path(sys.executable).with_name("qualcode")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def wait_for(predicate: object, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(predicate) and predicate():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_code_in_tmux_then_kill_the_terminal(study: Path) -> None:
    session = f"qualcode-test-{time.monotonic_ns()}"
    command = f"{QUALCODE} tui {study} --coder ana --doc 1"
    # COLUMNS/LINES left over in the test process's environment would override the pane size.
    command = f"env -u COLUMNS -u LINES {command}"
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
    try:
        wait_for(lambda: "Interviewer: How do you get" in tmux("capture-pane", "-p", "-t", session))
        tmux("send-keys", "-t", session, "j", "j", "1")

        def coded() -> bool:
            with open_project(str(study)) as project, project.read() as read:
                return len(coding_records(read, coder="ana")) == 1

        wait_for(coded)
        wait_for(lambda: "Passage 3 of 5" in tmux("capture-pane", "-p", "-t", session))
        wait_for(lambda: "Competitive tendering 1/1" in tmux("capture-pane", "-p", "-t", session))
    finally:
        tmux("kill-session", "-t", session)  # no quit, no save: the coding is already committed
    with open_project(str(study)) as project, project.read() as read:
        [coding] = coding_records(read, coder="ana")
    assert (coding.start, coding.end) == (100, 270)
