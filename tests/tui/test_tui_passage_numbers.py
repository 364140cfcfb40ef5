"""The workbench numbers passages from 1, as `qualcode show` and `--passage N` do."""

from __future__ import annotations

from typing import Any

from conftest import Tui, settle
from textual.widgets import Static

from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.transcript import TranscriptScreen


def test_the_first_passage_is_1_in_status_gutter_and_messages(tui: Tui) -> None:
    seen: dict[str, Any] = {}

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        screen = app.screen
        assert isinstance(screen, TranscriptScreen)
        seen["status"] = str(screen.query_one("#status", Static).content)
        seen["gutter"] = screen.view.render_line(0).text[:7]
        await pilot.press("j", "j", "1")
        await settle(pilot)
        seen["after"] = str(screen.query_one("#status", Static).content)
        seen["notes"] = [str(n.message) for n in app._notifications]

    tui.run(scenario, document=1)
    assert seen["status"].startswith("Passage 1 of 5")
    assert seen["gutter"].split()[-1] == "1"  # after the cursor mark
    assert seen["after"].startswith("Passage 3 of 5")
    assert any(note.startswith("Coded passage 3 with") for note in seen["notes"])
