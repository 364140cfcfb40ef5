"""Open and in-vivo coding, and pinned number keys, driven with keys and checked in the database."""

from __future__ import annotations

from typing import Any

from conftest import Tui, settle
from sqlalchemy import select

from qualcode.store.codes import find_code
from qualcode.store.codings import CodingRecord, coding_records
from qualcode.store.models import AuditEvent, Code
from qualcode.store.number_keys import number_keys
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.pick import PickScreen
from qualcode.tui.widgets.codebook_tree import CodebookTree

PASSAGE_2 = (100, 270)  # "Priya: Mostly through competitive tendering, ..." in interview-07


def codings(tui: Tui) -> list[CodingRecord]:
    with tui.project() as project, project.read() as session:
        return coding_records(session, coder="ana")


def parent_of(tui: Tui, key: str) -> str | None:
    with tui.project() as project, project.read() as session:
        code = session.scalar(select(Code).where(Code.key == key))
        assert code is not None, f"no code {key}"
        return code.parent.key if code.parent else None


def has_code(tui: Tui, key: str) -> bool:
    with tui.project() as project, project.read() as session:
        return session.scalar(select(Code.id).where(Code.key == key)) is not None


def actions(tui: Tui) -> list[str]:
    with tui.project() as project, project.read() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.sequence)))


def test_palette_creates_a_code_under_the_highlighted_theme_and_undo_takes_it_back(
    tui: Tui,
) -> None:
    async def create(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("j", "j", "a", *"zqxv blorp", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PickScreen)  # where does it go? the theme is offered first
        await pilot.press("enter")
        await settle(pilot)

    tui.run(create, document=1)
    [coding] = codings(tui)
    assert (coding.code, (coding.start, coding.end)) == ("zqxv-blorp", PASSAGE_2)
    assert parent_of(tui, "zqxv-blorp") == "commissioning"
    assert actions(tui)[-2:] == ["code.add", "coding.add"]

    async def undo_then_redo(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("u")  # a new session has no history: nothing to undo
        await settle(pilot)
        assert has_code(tui, "zqxv-blorp")
        await pilot.press("j", "j", "a", *"second thought", "enter", "home", "enter")
        await settle(pilot)
        assert parent_of(tui, "second-thought") is None  # "top level" chosen
        await pilot.press("u")
        await settle(pilot)
        assert not has_code(tui, "second-thought")
        await pilot.press("U")
        await settle(pilot)

    tui.run(undo_then_redo, document=1)
    assert sorted(c.code for c in codings(tui)) == ["second-thought", "zqxv-blorp"]
    assert {"workbench.undo", "workbench.redo", "code.remove"} <= set(actions(tui))


def test_ctrl_n_creates_even_when_the_text_matches_codes(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("j", "j", "a", *"tendering woes", "ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, PickScreen)
        await pilot.press("enter")
        await settle(pilot)

    tui.run(scenario, document=1)
    [coding] = codings(tui)
    assert coding.code == "tendering-woes"
    assert parent_of(tui, "tendering-woes") == "commissioning"  # theme of the best match


def test_in_vivo_key_names_a_code_after_the_selected_words(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("i")  # nothing selected: a warning, no code
        await pilot.press("j", "j", "l", "l", "L", "i")
        await settle(pilot)
        await pilot.press("l", "L", "i")  # words that already name a code: applied
        await settle(pilot)

    tui.run(scenario, document=1)
    found = sorted((c.code, c.start, c.end) for c in codings(tui))
    assert found == [("competitive-tendering", 122, 143), ("mostly-through", 107, 121)]
    assert parent_of(tui, "mostly-through") is None
    with tui.project() as project, project.read() as session:
        assert find_code(session, "mostly-through").name == "Mostly through"


def test_pinned_key_stays_across_refresh_coding_and_sessions(tui: Tui) -> None:
    seen: dict[str, Any] = {}

    async def pin(pilot: Any, app: QualcodeApp) -> None:
        seen["first"] = dict(app.transcript.numbers)
        for _ in range(3):  # code a lot with key 7: usage must not re-rank the keys
            await pilot.press("j", "7")
            await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert app.transcript.numbers == seen["first"]
        await pilot.press("tab")
        await settle(pilot)
        assert isinstance(app.focused, CodebookTree)
        await pilot.press("down", "down", "down")
        await settle(pilot)  # the code under the cursor is the one the coder sees pinned
        seen["pinned"] = app.transcript.query_one(CodebookTree).highlighted_code
        await pilot.press("p", "3")
        await settle(pilot)

    tui.run(pin, document=1)
    pinned = seen["pinned"]
    with tui.project() as project, project.read() as session:
        keys = number_keys(session, "ana")
    assert keys[pinned.id] == 3
    assert {c: s for c, s in keys.items() if s != 3 and c != pinned.id} == {
        c: s for c, s in seen["first"].items() if s != 3 and c != pinned.id
    }

    async def reopen(pilot: Any, app: QualcodeApp) -> None:
        assert app.transcript.numbers[pinned.id] == 3
        await pilot.press("g", "3")
        await settle(pilot)

    tui.run(reopen, document=1)
    assert any(c.code == pinned.key and c.start == 0 for c in codings(tui))
    assert "coder.pin" in actions(tui)
