"""The workbench shows markup-like user text verbatim: titles, labels, coders, codes, memos."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import Tui, settle
from textual.widgets import DataTable

from qualcode.importing import import_files
from qualcode.store.codes import add_code
from qualcode.store.db import open_project
from qualcode.store.documents import find_document
from qualcode.store.workbench import apply_code, set_passage_memo
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.code_palette import CodePalette
from qualcode.tui.screens.coder import CoderScreen
from qualcode.tui.screens.documents import DocumentsScreen
from qualcode.tui.screens.memo import MemoScreen
from qualcode.tui.screens.transcript import TranscriptScreen

CODER = "[/x] Jo :b:"
LABEL = "[/x] P3 :smile:"
TITLE = "[laughs] [bold]notes :b:"
CODE_NAME = "[/x] Odd [laughs] %s {0}"
ANSWER = "Sam: It was hard [laughs] and [inaudible] [/x] :b: [link=http://x]y[/link] \\"
MEMO = "[/x] memo [link=http://x]z :smile:"


def screen_text(app: QualcodeApp) -> str:
    """What the current screen shows, as plain text (one line per terminal row)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def hostile_study(project_file: Path, tmp_path: Path) -> Path:
    source = tmp_path / f"{TITLE}.txt"
    source.write_text(f"Interviewer: How was it?\n\n{ANSWER}\n", encoding="utf-8")
    project = open_project(str(project_file))
    try:
        [outcome] = import_files(project, [source], participant=LABEL, coder="tester")
        assert outcome.status == "imported", outcome.message
        with project.write() as session:
            code = add_code(session, "odd", CODE_NAME, description=MEMO, coder=CODER)
            document = find_document(session, "1")
            answer = document.passages[1]
            apply_code(session, document.id, code.id, CODER, answer.start, answer.end)
            set_passage_memo(session, answer.id, CODER, MEMO)
    finally:
        project.close()
    return project_file


def test_documents_screen_shows_markup_like_values_verbatim(
    project_file: Path, tmp_path: Path
) -> None:
    tui = Tui(hostile_study(project_file, tmp_path))

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        assert isinstance(app.screen, DocumentsScreen)
        shown = screen_text(app)
        assert TITLE in shown and LABEL in shown and f"coder: {CODER}" in shown
        assert app.screen.query_one(DataTable).row_count == 1
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, CoderScreen)
        assert f"Coding as {CODER}. Switch to:" in screen_text(app)

    tui.run(scenario, coder=CODER)


def test_transcript_memo_and_palette_show_markup_like_values_verbatim(
    project_file: Path, tmp_path: Path
) -> None:
    tui = Tui(hostile_study(project_file, tmp_path))

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        assert isinstance(app.screen, TranscriptScreen)
        shown = screen_text(app)
        assert ANSWER in shown and f"{LABEL}  ·  #1 {TITLE}" in shown and f"coder: {CODER}" in shown
        await pilot.press("j", "m")
        await settle(pilot)
        assert isinstance(app.screen, MemoScreen)
        shown = screen_text(app)
        assert ANSWER in shown and MEMO in shown
        await pilot.press("escape", "a", *"odd")
        await settle(pilot)
        assert isinstance(app.screen, CodePalette)
        assert CODE_NAME in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TranscriptScreen)

    tui.run(scenario, coder=CODER, document=1, size=(200, 40))
