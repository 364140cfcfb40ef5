"""The memo list (f7): filter by kind, code and document, open a memo's place, edit it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import Tui, settle, steps
from sqlalchemy import select

from qualcode.audit.assignments import assign
from qualcode.memos.subjects import Subject
from qualcode.memos.writes import add_memo
from qualcode.store.codes import find_code
from qualcode.store.db import open_project
from qualcode.store.documents import find_document, passage_at
from qualcode.store.models import Memo, Participant
from qualcode.store.workbench import apply_code
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.memo_list import MemoListScreen
from qualcode.tui.screens.transcript import TranscriptScreen

MARKUP = "[bold]x[/] stays as typed"
Snap = Callable[..., bool]


@pytest.fixture
def memoed(study: Path) -> Path:
    """The study with a memo of five kinds, one of them holding Rich markup."""
    with open_project(str(study)) as project, project.write() as session:
        document = find_document(session, "2")
        passage = passage_at(session, document, 3)
        code = find_code(session, "consortium-bids")
        coding = apply_code(session, document.id, code.id, "ben", passage.start, passage.end)
        label = session.scalars(select(Participant.id).where(Participant.label == "Interviewee 7"))
        add_memo(session, Subject("project"), "ana", "Write up partnership first")
        add_memo(session, Subject("participant", participant_id=label.one()), "ana", MARKUP)
        add_memo(session, Subject("code", code_id=code.id), "ben", "Bids lost to primes")
        add_memo(session, Subject("passage", document.id, passage_id=passage.id), "ana", "Lost bid")
        add_memo(session, Subject("coding", coding_id=coding.id), "ben", "Consortium of three")
    return study


def shown(app: QualcodeApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, MemoListScreen)
    return [memo.kind for memo in screen.memos]


def test_f7_lists_every_memo_and_filters_by_kind_code_and_document(memoed: Path) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("f7")
        await settle(pilot)
        assert shown(app) == ["project", "participant", "code", "passage", "coding"]
        await pilot.press("tab", "tab", *"consortium-bids")  # the code filter
        await settle(pilot)
        assert shown(app) == ["code", "coding"]
        await pilot.press("tab", "2")  # and the document filter
        await settle(pilot)
        assert shown(app) == ["coding"]
        await pilot.press("shift+tab", *["backspace"] * 15, "tab", "backspace")
        await pilot.press("shift+tab", "shift+tab", "enter", *["down"] * 6, "enter")
        await settle(pilot)  # kind: below "Any kind", the sixth is passage
        assert shown(app) == ["passage"]
        await pilot.press("tab", *"no-such-code")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MemoListScreen)
        status = str(screen.query_one("#status").render())
        assert "no code with key 'no-such-code'" in status and shown(app) == ["passage"]

    Tui(memoed).run(scenario)


def test_enter_opens_the_transcript_at_the_memo_passage(memoed: Path) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press("down", "down", "down", "enter")  # the passage memo
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TranscriptScreen)
        assert screen.document_id == 2
        passage = screen.view.model.cursor_passage
        assert passage is not None and passage.index == 3

    Tui(memoed).run(scenario)


def test_markup_is_shown_as_typed_and_e_edits_then_removes(memoed: Path) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press("down")  # the participant memo holding markup
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MemoListScreen)
        assert MARKUP in str(screen.query_one("#memo-preview").render())
        await pilot.press("e", "f7", *"Cautious about consortia", "ctrl+s")
        await settle(pilot)
        await pilot.press("down", "e", "f7", "backspace", "ctrl+s")  # the code memo
        await settle(pilot)

    Tui(memoed).run(scenario)
    with open_project(str(memoed)) as project, project.read() as session:
        texts = [m.text for m in session.scalars(select(Memo).order_by(Memo.id))]
    assert texts == ["Write up partnership first", "Cautious about consortia", "Lost bid"]


def test_a_blind_coder_reads_no_other_coders_memos_on_the_blinded_document(memoed: Path) -> None:
    with open_project(str(memoed)) as project, project.write() as session:
        document = find_document(session, "2")
        add_memo(session, Subject("document", document_id=document.id), "ben", "Ben's reading")
        add_memo(
            session,
            Subject("cell", cell=("participant", "Interviewee 8", "consortium-bids")),
            "ben",
            "Ben's cell",
        )
        assign(session, document, ["ana", "ben"], blind=True, supervisor="sue")
    seen: dict[str, list[str]] = {}
    status: dict[str, str] = {}

    def as_coder(coder: str) -> None:
        async def scenario(pilot: Any, app: QualcodeApp) -> None:
            await pilot.press("f7")
            await settle(pilot)
            seen[coder] = shown(app)
            status[coder] = str(app.screen.query_one("#status").render())

        Tui(memoed).run(scenario, coder=coder)

    for coder in ("ana", "sue"):
        as_coder(coder)
    # ben's memo on the code is about the codebook, not about his coding of document 2
    assert seen["ana"] == ["project", "participant", "code", "passage"]
    assert "3 of other coders' hidden" in status["ana"]
    everything = ["project", "participant", "document", "code", "cell", "passage", "coding"]
    assert seen["sue"] == everything


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
def test_memo_list_snapshot(snap_compare: Snap, memoed: Path, size: tuple[int, int]) -> None:
    run_before = steps(("f7",), ("down",))
    app = QualcodeApp(open_project(str(memoed)), "ana")
    assert snap_compare(app, terminal_size=size, run_before=run_before)
