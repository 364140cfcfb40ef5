"""Editing a passage's text in the workbench: codings follow their words (checked in the DB)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Tui, settle

from qualcode.revise import document_history, list_orphans
from qualcode.store.codings import coding_records
from qualcode.store.models import Document
from qualcode.store.workbench import apply_code, code_rows
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.memo import MemoScreen

TENDERING = (122, 143)  # "competitive tendering" in passage 2 of interview-07
CLEARANCE = (371, 436)  # "lockdown. Security clearance for\nour volunteers took four months."


@pytest.fixture
def coded(tui: Tui) -> Tui:
    with tui.project() as project, project.write() as session:
        codes = {code.key: code.id for code in code_rows(session, "ana")}
        apply_code(session, 1, codes["competitive-tendering"], "ana", *TENDERING)
        apply_code(session, 1, codes["security-clearance"], "ana", *CLEARANCE)
        document = session.get(Document, 1)
        assert document is not None
        assert document.text[slice(*TENDERING)] == "competitive tendering"
    return tui


def texts(tui: Tui) -> dict[str, str]:
    with tui.project() as project, project.read() as session:
        return {c.code: c.text for c in coding_records(session, coder="ana")}


def test_e_edits_the_passage_and_its_codings_keep_their_words(coded: Tui) -> None:
    notes: list[str] = []
    before = texts(coded)

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("j", "j", "e")
        await settle(pilot)
        assert isinstance(app.screen, MemoScreen)
        await pilot.press(*["right"] * 7, *"Well, ", "ctrl+s")
        await settle(pilot)
        notes.extend(str(n.message) for n in app._notifications)
        passage = app.transcript.view.model.cursor_passage
        assert passage is not None and passage.index == 2
        assert passage.text.startswith("Priya: Well, Mostly")

    coded.run(scenario, document=1)
    assert texts(coded) == before
    assert before["competitive-tendering"] == "competitive tendering"
    with coded.project() as project, project.read() as session:
        document = session.get(Document, 1)
        assert document is not None
        assert "Priya: Well, Mostly through" in document.text
        assert [v.change for v in document_history(session, document)][-1] == "edit"
    assert any("Saved as version" in note for note in notes)


def test_deleting_coded_words_orphans_the_coding_and_says_so(coded: Tui) -> None:
    notes: list[str] = []

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("j", "j", "j", "j", "e")
        await settle(pilot)
        offset = CLEARANCE[0] - app.transcript.view.model.passages[4].start
        await pilot.press(
            *["right"] * offset, *["shift+down"] * 3, "shift+end", "backspace", "ctrl+s"
        )
        await settle(pilot)
        notes.extend(str(n.message) for n in app._notifications)

    coded.run(scenario, document=1)
    assert texts(coded) == {"competitive-tendering": "competitive tendering"}
    with coded.project() as project, project.read() as session:
        [orphan] = list_orphans(session, session.get(Document, 1))
    assert (orphan.code, orphan.coder) == ("security-clearance", "ana")
    assert orphan.text.startswith("lockdown. Security clearance")
    assert any("1 orphaned" in note and "security-clearance" in note for note in notes)


def test_escape_leaves_the_text_alone(coded: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("j", "j", "e", *"xyz", "escape")
        await settle(pilot)

    coded.run(scenario, document=1)
    with coded.project() as project, project.read() as session:
        document = session.get(Document, 1)
        assert document is not None
        assert len(document_history(session, document)) <= 1
    assert texts(coded)["competitive-tendering"] == "competitive tendering"
