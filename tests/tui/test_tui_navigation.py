"""Finding things in the workbench: filter, search, code view, documents, refresh, help, import."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from conftest import Tui, settle
from rich.console import Console

from qualcode.store.documents import find_document
from qualcode.store.workbench import apply_code, code_rows
from qualcode.tui.app import QualcodeApp, help_sections
from qualcode.tui.screens import transcript_load
from qualcode.tui.screens.code_view import CodeViewScreen
from qualcode.tui.screens.documents import DocumentsScreen
from qualcode.tui.screens.help import HelpScreen
from qualcode.tui.screens.transcript import TranscriptScreen
from qualcode.tui.widgets.transcript_view import TranscriptView


def test_filter_as_you_type_then_enter_opens_the_document(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        assert isinstance(app.screen, DocumentsScreen)
        assert len(app.screen.shown) == 2
        await pilot.press(*"interviewee 8")
        assert app.screen.shown[0].title == "interview-08"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TranscriptScreen)
        assert app.screen.document_id == 2
        assert len(app.screen.view.passages) == 4

    tui.run(scenario)


def test_brackets_move_between_documents_and_escape_goes_back(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("enter")
        await settle(pilot)
        assert app.transcript.document_id == 1
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert app.transcript.document_id == 2
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.transcript.document_id == 1
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DocumentsScreen)

    tui.run(scenario)


def test_search_jumps_to_the_passage(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("slash", *"consortium")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.transcript
        assert app.transcript.document_id == 2
        assert app.transcript.view.selection.cursor == 3

    tui.run(scenario, document=1)


def test_code_view_lists_quotes_and_jumps_back_to_the_span(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("j", "j", "right", "right", "right", "right", "shift+right", "1")
        await settle(pilot)
        await pilot.press("escape", "c")  # clear the span: the code view of the code here
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CodeViewScreen)
        assert [(q.participant, q.passage, q.text) for q in screen.quotes] == [
            ("Interviewee 7", 2, "competitive tendering")
        ]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.transcript
        assert app.transcript.view.model.target() == (122, 143)

    tui.run(scenario, document=1)


def test_refresh_picks_up_codings_made_by_another_process(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        with tui.project() as other, other.write() as session:
            code = code_rows(session, "ben")[1]
            apply_code(session, find_document(session, "1").id, code.id, "ben", 310, 436)
        assert app.transcript.view.model.marks.codings == []
        await pilot.press("f5")
        await settle(pilot)
        assert [c.coder for c in app.transcript.view.model.marks.codings] == ["ben"]

    tui.run(scenario, document=1)


def test_mouse_click_moves_the_cursor(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        view = app.transcript.view
        row = next(y for y, (index, _) in enumerate(view._row_map) if index == 3)
        await pilot.click(TranscriptView, offset=(20, row + 1))  # + 1 for the border
        await settle(pilot)
        assert view.selection.cursor == 3

    tui.run(scenario, document=1)


def test_help_lists_every_binding(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, record=True, file=io.StringIO())
        for table in app.screen.tables:
            console.print(table)
        shown = " ".join(console.export_text().split())
        for _, rows in help_sections():
            for keys, description in rows:
                assert " ".join(description.split()) in shown
                assert keys.split()[0] in shown
        await pilot.press("escape")
        showing: object = app.screen  # no longer the help screen mypy narrowed it to
        assert showing is app.transcript

    tui.run(scenario, document=1)


def test_import_inside_the_tui_with_progress(tui: Tui, tmp_path: Path) -> None:
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "interview-09.txt").write_text("Interviewer: Hello?\n\nAlex: Hi.\n", encoding="utf-8")

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("ctrl+o")
        await pilot.press(*str(folder), "enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DocumentsScreen)
        assert [row.title for row in app.screen.rows][-1] == "interview-09"

    tui.run(scenario)


def test_a_long_transcript_paints_first_then_loads_the_rest(
    tui: Tui, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(transcript_load, "FIRST_PASSAGES", 2)

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        view = app.transcript.view
        assert len(view.passages) == 5
        assert view.painted.is_set()
        await pilot.press("G")
        assert view.selection.cursor == 4

    tui.run(scenario, document=1)
