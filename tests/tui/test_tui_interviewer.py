"""Coding an interviewer's question in the workbench: allowed, committed, and marked."""

from __future__ import annotations

from typing import Any

from conftest import Tui, settle

from qualcode.store.codings import coding_records
from qualcode.tui.app import QualcodeApp


def test_coding_a_question_is_allowed_and_the_coder_is_told(tui: Tui) -> None:
    notes: list[str] = []

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("j", "1")  # passage 2: "Interviewer: How do you get your contracts…"
        await settle(pilot)
        await pilot.press("j", "1")  # passage 3: Priya's answer
        await settle(pilot)
        notes.extend(str(n.message) for n in app._notifications)

    tui.run(scenario, document=1)
    with tui.project() as project, project.read() as session:
        records = coding_records(session, coder="ana")
    assert [(r.passage, r.interviewer) for r in records] == [(1, True), (2, False)]
    coded = [n for n in notes if n.startswith("Coded passage")]
    assert coded[0].startswith("Coded passage 2 (an interviewer's turn: quote exports leave it")
    assert "interviewer" not in coded[1]
