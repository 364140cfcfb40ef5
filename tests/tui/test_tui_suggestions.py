"""The suggestions pane: y accepts, n rejects, v follows the review queue (checked in the DB)."""

from __future__ import annotations

from typing import Any

from conftest import Tui, settle
from sqlalchemy import select

from qualcode.nlp import review_queue, suggest_for_passage
from qualcode.store.codings import coding_records
from qualcode.store.models import Code, Passage, SuggestionDecision
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.transcript import TranscriptScreen


def passage_id(tui: Tui, document: int, index: int) -> int:
    with tui.project() as project, project.read() as session:
        found = session.scalar(
            select(Passage.id).where(Passage.document_id == document, Passage.index == index)
        )
    assert found is not None
    return found


def decisions(tui: Tui) -> list[tuple[int, str, str]]:
    with tui.project() as project, project.read() as session:
        rows = session.execute(
            select(SuggestionDecision.passage_id, Code.key, SuggestionDecision.decision).join(
                Code, Code.id == SuggestionDecision.code_id
            )
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def test_pane_shows_cue_suggestions_and_y_accepts_the_best(tui: Tui) -> None:
    pid = passage_id(tui, 1, 2)
    with tui.project() as project:
        expected = suggest_for_passage(project, pid, coder="ana", min_score=0.05)
    assert expected, "the cue phrases should suggest something for the tendering passage"

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        screen = app.screen
        assert isinstance(screen, TranscriptScreen)
        await pilot.press("j", "j")
        await settle(pilot)
        shown = screen.suggestions.suggestions
        assert [s.code for s in shown] == [s.code for s in expected[: len(shown)]]
        assert shown[0].origin in ("cue", "model", "both") and shown[0].reason
        await pilot.press("y")
        await settle(pilot)
        assert expected[0].code not in [s.code for s in screen.suggestions.suggestions]

    tui.run(scenario, document=1)
    with tui.project() as project, project.read() as session:
        [coding] = coding_records(session, coder="ana")
    assert (coding.code, coding.origin) == (expected[0].code, "suggestion")
    assert decisions(tui) == [(pid, expected[0].code, "accept")]


def test_n_rejects_and_the_code_is_not_suggested_again(tui: Tui) -> None:
    pid = passage_id(tui, 1, 2)
    with tui.project() as project:
        best = suggest_for_passage(project, pid, coder="ana", min_score=0.05)[0]

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("j", "j", "n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TranscriptScreen)
        assert best.code not in [s.code for s in screen.suggestions.suggestions]

    tui.run(scenario, document=1)
    assert decisions(tui) == [(pid, best.code, "reject")]
    with tui.project() as project, project.read() as session:
        assert coding_records(session, coder="ana") == []


def test_v_jumps_to_the_review_queue_and_y_codes_that_passage(tui: Tui) -> None:
    with tui.project() as project:
        queue = review_queue(project, coder="ana", limit=None)
    first = queue[0].passage
    target = first if first.passage_id != passage_id(tui, 1, 0) else queue[1].passage
    jumped: list[int] = []

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("v")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TranscriptScreen)
        cursor = screen.view.model.cursor_passage
        assert cursor is not None and screen.document_id == target.document_id
        jumped.append(cursor.id)
        if screen.suggestions.suggestions:
            await pilot.press("y")
            await settle(pilot)

    tui.run(scenario, document=1)
    assert jumped == [target.passage_id]
    with tui.project() as project, project.read() as session:
        coded = coding_records(session, coder="ana")
    assert all(c.origin == "suggestion" and c.document_id == target.document_id for c in coded)
