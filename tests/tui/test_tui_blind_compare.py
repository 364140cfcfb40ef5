"""Blind double-coding in the workbench, and the comparison of two coders (checked in the DB)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Tui, settle

from qualcode.audit.assignments import assign, close_assignment
from qualcode.store.codings import coding_records
from qualcode.store.documents import find_document
from qualcode.store.workbench import apply_code, code_rows
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.code_view import CodeViewScreen
from qualcode.tui.screens.compare import CompareScreen
from qualcode.tui.screens.transcript import TranscriptScreen

PASSAGE_2 = (100, 270)


@pytest.fixture
def double(tui: Tui) -> Tui:
    """Document 1 coded by ben (twice) and ana (once) on passage 2."""
    with tui.project() as project, project.write() as session:
        codes = {code.key: code.id for code in code_rows(session, "ana")}
        apply_code(session, 1, codes["full-cost-recovery"], "ben", *PASSAGE_2)
        apply_code(session, 1, codes["competitive-tendering"], "ben", *PASSAGE_2)
        apply_code(session, 1, codes["competitive-tendering"], "ana", *PASSAGE_2)
    return tui


def blind(tui: Tui) -> int:
    with tui.project() as project, project.write() as session:
        return assign(
            session, find_document(session, "1"), ["ana", "ben"], blind=True, supervisor="sue"
        ).id


def test_blind_coder_sees_only_their_codings_even_with_o_and_in_the_code_view(double: Tui) -> None:
    blind(double)
    seen: dict[str, set[str]] = {}

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        screen = app.screen
        assert isinstance(screen, TranscriptScreen)
        await pilot.press("j", "j", "o")
        await settle(pilot)
        seen["transcript"] = {c.coder for c in screen.view.model.marks.codings}
        assert not screen.view.model.show_others
        await pilot.press("x")  # only ana's coding can be picked: it is removed at once
        await settle(pilot)
        await pilot.press("1", "c")
        await settle(pilot)
        assert isinstance(app.screen, CodeViewScreen)
        seen["code view"] = {q.coder for q in app.screen.quotes}

    double.run(scenario, document=1)
    assert seen == {"transcript": {"ana"}, "code view": {"ana"}}
    with double.project() as project, project.read() as session:
        ben = coding_records(session, coder="ben")
    assert sorted(c.code for c in ben) == ["competitive-tendering", "full-cost-recovery"]


def test_supervisor_outside_the_assignment_sees_everyone(double: Tui) -> None:
    blind(double)
    seen: set[str] = set()

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        seen.update(c.coder for c in app.transcript.view.model.marks.codings)

    double.run(scenario, document=1, coder="sue")
    assert seen == {"ana", "ben"}


def test_b_compares_the_two_coders_with_most_codings(double: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("b")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.comparison is not None
        assert screen.comparison.coders == ("ben", "ana")
        with double.project() as project, project.read() as session:
            records = coding_records(session)
        for coder, side in zip(("ben", "ana"), ("first", "second"), strict=True):
            stored = {c.code for c in records if c.coder == coder}
            assert set(getattr(screen.comparison.passages[2], side)) == stored
        assert screen.comparison.passages[2].agreed == {"competitive-tendering"}
        await pilot.press("s")
        await settle(pilot)
        assert screen.comparison.coders == ("ana", "ben")
        await pilot.press("escape")

    double.run(scenario, document=1)


def test_a_blinded_coder_cannot_compare_until_the_assignment_closes(double: Tui) -> None:
    assignment = blind(double)

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, TranscriptScreen)
        with double.project() as project, project.write() as session:
            close_assignment(session, assignment, supervisor="sue")
        await pilot.press("f5", "b")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)

    double.run(scenario, document=1)


def test_codebook_counts_of_a_blinded_coder_hold_no_trace_of_the_other_coder(
    double: Tui,
) -> None:
    def counts(coder: str) -> dict[str, tuple[int, int]]:
        with double.project() as project, project.read() as session:
            rows = code_rows(session, coder)
        return {r.key: (r.mine, r.total) for r in rows if r.key in KEYS}

    assert counts("ana") == {"competitive-tendering": (1, 2), "full-cost-recovery": (0, 1)}
    assignment = blind(double)
    assert counts("ana") == {"competitive-tendering": (1, 1), "full-cost-recovery": (0, 0)}
    assert counts("ben") == {"competitive-tendering": (1, 1), "full-cost-recovery": (1, 1)}
    assert counts("sue") == {"competitive-tendering": (0, 2), "full-cost-recovery": (0, 1)}
    with double.project() as project, project.write() as session:
        close_assignment(session, assignment, supervisor="sue")
    assert counts("ana") == {"competitive-tendering": (1, 2), "full-cost-recovery": (0, 1)}


KEYS = ("competitive-tendering", "full-cost-recovery")
