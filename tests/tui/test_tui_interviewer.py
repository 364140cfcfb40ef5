"""Coding an interviewer's question in the workbench: allowed, committed, and marked."""

from __future__ import annotations

from typing import Any

from conftest import Tui, settle

from qualcode.store.codings import coding_records
from qualcode.tui.app import QualcodeApp


def test_coding_a_question_is_allowed_and_the_coder_is_told(tui: Tui) -> None:
    notes: list[str] = []

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        for _ in range(2):  # passage 2: "Interviewer: How do you get…", then Priya's answer
            await pilot.press("j", "1")
            await settle(pilot)
            # Read at once: a notice disappears after two seconds, sooner than a busy machine
            # gets to the next step.
            notes.extend(str(n.message) for n in app._notifications if str(n.message) not in notes)

    tui.run(scenario, document=1)
    with tui.project() as project, project.read() as session:
        records = coding_records(session, coder="ana")
    assert [(r.passage, r.interviewer) for r in records] == [(1, True), (2, False)]
    coded = [n for n in notes if n.startswith("Coded passage")]
    assert coded[0].startswith("Coded passage 2 (an interviewer's turn: quote exports leave it")
    assert "interviewer" not in coded[1]
