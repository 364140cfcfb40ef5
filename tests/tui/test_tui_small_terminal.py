"""The workbench at 80×24 and 200×50: panes that fold, margins and quotes shown whole."""

from __future__ import annotations

from typing import Any

from conftest import Tui, settle

from qualcode.store.codings import coding_records
from qualcode.store.documents import find_document
from qualcode.store.workbench import apply_code, code_rows
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.code_view import CodeViewScreen
from qualcode.tui.screens.transcript import TranscriptScreen

LONG_KEY = "competitive-tendering"
QUOTES = (
    "Mostly through competitive tendering, and honestly the pre-qualification questionnaire "
    "alone took us three weeks. We were undercut on price by a national provider.",
    "Sessions get cancelled at short notice when there's a lockdown. Security clearance for "
    "our volunteers took four months.",
)


def screen_text(app: QualcodeApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def code_answers(tui: Tui) -> None:
    """Code interview 7's two answers with a code whose key is long."""
    with tui.project() as project, project.write() as session:
        code = next(c for c in code_rows(session, "ana") if c.key == LONG_KEY)
        document = find_document(session, "1")
        for quote in QUOTES:
            start = document.text.index(quote[:20])  # the text has a line break for a space
            apply_code(session, document.id, code.id, "ana", start, start + len(quote))


def test_at_80_columns_the_side_pane_folds_away_and_z_brings_it_back(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        screen = app.screen
        assert isinstance(screen, TranscriptScreen)
        side = screen.query_one("#side")
        assert not side.display and screen.view.outer_size.width == 80
        assert "? Help" in screen_text(app).splitlines()[-1]  # the footer's last key fits
        await pilot.press("z")
        await settle(pilot)
        assert side.display and screen.view.outer_size.width < 50
        await pilot.press("j", "j", "s", "1")  # coding still works with the pane shown
        await pilot.press("z")
        await settle(pilot)
        assert not side.display and screen.view.has_focus

    tui.run(scenario, document=1, size=(80, 24))
    with tui.project() as project, project.read() as session:
        [coding] = coding_records(session, coder="ana")
    assert coding.text.startswith("Mostly through") and coding.text.endswith("three weeks.")


def test_at_200_columns_the_margin_shows_a_long_code_key_whole(tui: Tui) -> None:
    code_answers(tui)

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        assert app.screen.query_one("#side").display
        assert f"■ {LONG_KEY}" in screen_text(app)

    tui.run(scenario, document=1, size=(200, 50))


def test_the_code_view_shows_whole_quotes_wrapped_at_80_columns(tui: Tui) -> None:
    code_answers(tui)

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("j", "j", "c")
        await settle(pilot)
        assert isinstance(app.screen, CodeViewScreen)
        shown = "".join(screen_text(app).split()).replace("│", "")
        for quote in QUOTES:  # every quote in the list, not only the highlighted one
            assert "".join(quote.split()) in shown

    tui.run(scenario, document=1, size=(80, 24))
