"""Coding in the workbench with real key presses, checked in the project database afterwards."""

from __future__ import annotations

from typing import Any

from conftest import Tui, settle
from sqlalchemy import select

from qualcode.store.codings import CodingRecord, coding_records
from qualcode.store.models import AuditEvent, Memo, Review
from qualcode.store.number_keys import number_keys
from qualcode.store.workbench import code_rows
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.transcript import TranscriptScreen

PASSAGE_2 = (100, 270)  # "Priya: Mostly through competitive tendering, ..." in interview-07


def codings(tui: Tui, coder: str | None = None) -> list[CodingRecord]:
    with tui.project() as project, project.read() as session:
        return coding_records(session, coder=coder)


def events(tui: Tui, prefix: str) -> list[tuple[str, str | None]]:
    with tui.project() as project, project.read() as session:
        rows = session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        return [(e.action, e.coder) for e in rows if e.action.startswith(prefix)]


def first_top_code(tui: Tui, coder: str = "ana") -> str:
    with tui.project() as project, project.read() as session:
        keys = number_keys(session, coder)
        return next(code.key for code in code_rows(session, coder) if keys.get(code.id) == 1)


def test_number_key_codes_the_cursor_passage_at_once(tui: Tui) -> None:
    expected = first_top_code(tui)

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        assert isinstance(app.screen, TranscriptScreen)
        await pilot.press("j", "j", "1")
        await settle(pilot)

    tui.run(scenario, document=1)
    [coding] = codings(tui)
    assert (coding.start, coding.end, coding.code, coding.coder) == (*PASSAGE_2, expected, "ana")
    assert coding.origin == "manual"
    assert ("coding.add", "ana") in events(tui, "coding.")


def test_palette_finds_a_code_by_words_and_applies_it(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("down", "down", "a")
        await pilot.press(*"lockdown")
        await pilot.press("enter")
        await settle(pilot)

    tui.run(scenario, document=1)
    [coding] = codings(tui, "ana")
    assert coding.code == "staffing-lockdowns"
    assert (coding.start, coding.end) == PASSAGE_2


def test_span_mode_codes_exactly_the_chosen_words(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        # word 0 is "Priya", so four steps right land on "competitive"; extend by one word
        await pilot.press("j", "j", "right", "right", "right", "right", "shift+right", "a")
        await pilot.press(*"tendering", "enter")
        await settle(pilot)

    tui.run(scenario, document=1)
    [coding] = codings(tui, "ana")
    assert coding.text == "competitive tendering"
    assert coding.code == "competitive-tendering"


def test_shift_down_codes_a_run_of_passages_as_one_span(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("j", "shift+down", "J", "1")
        await settle(pilot)

    tui.run(scenario, document=1)
    [coding] = codings(tui, "ana")
    assert (coding.start, coding.end) == (44, 308)


def test_undo_and_redo_write_compensating_changes_and_keep_history(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("j", "j", "1")
        await settle(pilot)
        assert len(codings(tui)) == 1
        await pilot.press("u")
        await settle(pilot)
        assert codings(tui) == []
        await pilot.press("U")
        await settle(pilot)

    tui.run(scenario, document=1)
    [coding] = codings(tui, "ana")
    assert (coding.start, coding.end) == PASSAGE_2
    assert [e for e in events(tui, "") if e[0].startswith(("coding.", "workbench."))] == [
        ("coding.add", "ana"),
        ("coding.remove", "ana"),
        ("workbench.undo", "ana"),
        ("coding.add", "ana"),
        ("workbench.redo", "ana"),
    ]


def test_same_key_twice_uncodes_and_x_removes(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("j", "j", "1", "2")
        await settle(pilot)
        assert len(codings(tui)) == 2
        await pilot.press("1")  # toggles the first code off again
        await settle(pilot)
        assert len(codings(tui)) == 1
        await pilot.press("x")  # one coding left here: removed without asking
        await settle(pilot)

    tui.run(scenario, document=1)
    assert codings(tui) == []
    assert events(tui, "coding.").count(("coding.remove", "ana")) == 2


def test_memo_on_a_passage_and_on_a_coding(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("j", "j", "m")
        await pilot.press(*"Price undercutting again", "ctrl+s")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)  # the coding is stored and shown before its memo is asked for
        await pilot.press("M")
        await settle(pilot)
        await pilot.press(*"Clear case", "ctrl+s")
        await settle(pilot)

    tui.run(scenario, document=1)
    with tui.project() as project, project.read() as session:
        [memo] = session.scalars(select(Memo)).all()
    assert memo.text == "Price undercutting again"
    assert memo.passage_id is not None
    [coding] = codings(tui, "ana")
    assert coding.memo == "Clear case"
    assert ("memo.add", "ana") in events(tui, "memo.")
    assert ("coding.memo", "ana") in events(tui, "coding.memo")


def test_review_mark_and_switching_coder(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("r", "f2")
        await settle(pilot)
        await pilot.press(*"ben", "enter")
        await settle(pilot)
        assert app.bench.coder == "ben"
        await pilot.press("j", "j", "1")
        await settle(pilot)

    tui.run(scenario, document=1)
    assert [c.coder for c in codings(tui)] == ["ben"]
    with tui.project() as project, project.read() as session:
        assert len(session.scalars(select(Review)).all()) == 1
    assert ("passage.review", "ana") in events(tui, "passage.")
