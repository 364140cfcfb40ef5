"""Snapshots of each workbench screen at 120x40 (update with --snapshot-update, then look)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import keys, settle, without_toasts
from textual.widgets import Input, Label

from qualcode.store.db import Project, open_project
from qualcode.store.documents import find_document
from qualcode.store.workbench import apply_code, code_rows, set_passage_memo
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.search import SearchScreen

SIZE = (120, 40)
Snap = Callable[..., bool]


@pytest.fixture
def coded(study: Path) -> Iterator[Project]:
    """The study with a few codings by two coders and a memo, opened for the app."""
    project = open_project(str(study))
    with project.write() as session:
        codes = {code.key: code.id for code in code_rows(session, "ana")}
        document = find_document(session, "1")
        apply_code(session, document.id, codes["competitive-tendering"], "ana", 122, 143)
        apply_code(session, document.id, codes["full-cost-recovery"], "ana", 100, 270)
        apply_code(session, document.id, codes["cancelled-sessions"], "ben", 310, 436)
        apply_code(session, document.id, codes["security-clearance"], "ana", 371, 436)
        passage = document.passages[2]
        set_passage_memo(session, passage.id, "ana", "Undercut by a national provider")
    yield project
    project.close()


def test_documents_screen(snap_compare: Snap, coded: Project) -> None:
    app = QualcodeApp(coded, "ana")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys())


def test_documents_filtered(snap_compare: Snap, coded: Project) -> None:
    app = QualcodeApp(coded, "ana")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys(*"sam"))


def test_transcript_screen(snap_compare: Snap, coded: Project) -> None:
    app = QualcodeApp(coded, "ana", document=1)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("j", "j"))


def test_transcript_span_selection_and_other_coders(snap_compare: Snap, coded: Project) -> None:
    app = QualcodeApp(coded, "ana", document=1)
    pressed = ("j", "j", "j", "j", "o", "right", "right", "shift+right", "shift+right")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys(*pressed))


def test_code_palette(snap_compare: Snap, coded: Project) -> None:
    app = QualcodeApp(coded, "ana", document=1)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("j", "j", "a", *"price"))


def test_code_view(snap_compare: Snap, coded: Project) -> None:
    app = QualcodeApp(coded, "ana", document=1)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("j", "j", "c"))


def test_help_screen(snap_compare: Snap, coded: Project) -> None:
    app = QualcodeApp(coded, "ana", document=1)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("question_mark"))


def test_search_screen(snap_compare: Snap, coded: Project) -> None:
    app = QualcodeApp(coded, "ana")

    async def run_before(pilot: Any) -> None:
        await keys("ctrl+f", *"bid")(pilot)
        # Results come from a worker thread per keystroke; on a busy machine the last one can
        # land after settle(): wait until the screen shows the results for the whole query.
        screen = pilot.app.screen
        assert isinstance(screen, SearchScreen)
        for _ in range(100):
            shown = str(screen.query_one("#search-count", Label).render())
            if shown and screen.query_one(Input).value == "bid" and screen.hits:
                break
            await pilot.pause(0.05)
        await settle(pilot)
        await without_toasts(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_memo_screen(snap_compare: Snap, coded: Project) -> None:
    app = QualcodeApp(coded, "ana", document=1)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("j", "j", "m"))


def test_compare_coders(snap_compare: Snap, coded: Project) -> None:
    app = QualcodeApp(coded, "ana", document=1)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("b"))
