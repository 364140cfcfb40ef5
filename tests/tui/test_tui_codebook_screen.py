"""Managing the codebook from the workbench with real keys, checked in the database after."""

from __future__ import annotations

from typing import Any

from conftest import Tui, settle
from sqlalchemy import func, select
from textual.widgets import OptionList

from qualcode.store.codes import find_code
from qualcode.store.models import AuditEvent, Code, Coding
from qualcode.store.number_keys import number_keys
from qualcode.store.workbench import apply_code
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.codebook import CodebookScreen
from qualcode.tui.screens.confirm import ConfirmScreen
from qualcode.tui.screens.pick import PickScreen
from qualcode.tui.widgets.codebook_tree import CodebookTree


def code_fields(tui: Tui, key: str) -> tuple[str, str, str | None] | None:
    with tui.project() as project, project.read() as session:
        code = session.scalar(select(Code).where(Code.key == key))
        if code is None:
            return None
        return code.name, code.description, code.parent.key if code.parent else None


def coded(tui: Tui, key: str) -> int:
    with tui.project() as project, project.read() as session:
        code_id = session.scalar(select(Code.id).where(Code.key == key))
        return session.scalar(select(func.count(Coding.id)).where(Coding.code_id == code_id)) or 0


def actions(tui: Tui) -> list[str]:
    with tui.project() as project, project.read() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.sequence)))


def highlighted_key(app: QualcodeApp) -> str | None:
    if isinstance(app.screen, PickScreen):  # a code's line ends with its key
        options = app.screen.query_one(OptionList)
        index = options.highlighted
        prompt = options.get_option_at_index(index or 0).prompt
        return str(prompt).split()[-1]
    code = app.screen.query_one(CodebookTree).highlighted_code
    return code.key if code else None


async def highlight(pilot: Any, app: QualcodeApp, key: str) -> None:
    for _ in range(60):
        if highlighted_key(app) == key:
            return
        await pilot.press("down")
    raise AssertionError(f"{key} not found")


def test_rename_edit_undo_move_and_pin(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("C")
        await settle(pilot)
        assert isinstance(app.screen, CodebookScreen)
        await highlight(pilot, app, "competitive-tendering")
        await pilot.press("r", "ctrl+u", *"Tenders [and] bids", "ctrl+s")
        await settle(pilot)
        assert code_fields(tui, "competitive-tendering")[0] == "Tenders [and] bids"  # type: ignore[index]
        await pilot.press("e", *"NEW. ", "ctrl+s")
        await settle(pilot)
        assert code_fields(tui, "competitive-tendering")[1].startswith("NEW. ")  # type: ignore[index]
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("m", "home", "enter")
        await settle(pilot)
        await pilot.press("p", "5")
        await settle(pilot)

    tui.run(scenario, document=1)
    name, description, parent = code_fields(tui, "competitive-tendering")  # type: ignore[misc]
    assert name == "Tenders [and] bids" and not description.startswith("NEW. ")
    assert parent is None
    with tui.project() as project, project.read() as session:
        code = find_code(session, "competitive-tendering")
        assert number_keys(session, "ana")[code.id] == 5
    assert {"code.rename", "code.edit", "code.restore", "code.move", "coder.pin"} <= set(
        actions(tui)
    )


def test_merge_and_remove_say_how_many_codings_first(tui: Tui) -> None:
    with tui.project() as project, project.write() as session:
        ids = {code.key: code.id for code in session.scalars(select(Code))}
        for coder in ("ana", "ben"):
            apply_code(session, 1, ids["mission-drift"], coder, 100, 150)
        apply_code(session, 1, ids["volunteers"], "ana", 200, 250)
    seen: dict[str, str] = {}

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("f3")
        await settle(pilot)
        await highlight(pilot, app, "mission-drift")
        await pilot.press("g")
        await settle(pilot)
        await highlight(pilot, app, "funding-dependence")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        seen["merge"] = app.screen.message
        await pilot.press("y")
        await settle(pilot)
        await highlight(pilot, app, "volunteers")
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("down", "enter")  # delete its codings
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        seen["remove"] = app.screen.message
        await pilot.press("n")  # changes nothing
        await settle(pilot)
        assert coded(tui, "volunteers") == 1
        await pilot.press("x", "down", "enter", "y")
        await settle(pilot)

    tui.run(scenario, document=1)
    assert seen["merge"].startswith("2 codings of “Mission drift” move to")
    assert seen["remove"].startswith("Its 1 coding is deleted")
    assert code_fields(tui, "mission-drift") is None and code_fields(tui, "volunteers") is None
    assert coded(tui, "funding-dependence") == 2
    assert actions(tui)[-1] == "code.remove" and "code.merge" in actions(tui)
