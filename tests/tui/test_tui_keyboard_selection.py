"""Selecting sentences, words and phrases from the keyboard, checked in the database afterwards."""

from __future__ import annotations

from typing import Any

from conftest import Tui, settle
from textual.widgets import Label

from qualcode.store.codings import CodingRecord, coding_records
from qualcode.store.documents import find_document
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.find import FindBar
from qualcode.tui.screens.transcript import TranscriptScreen

FIRST = "Mostly through competitive tendering, and honestly the pre-qualification questionnaire\n"
FIRST += "alone took us three weeks."
SECOND = "We were undercut on price by a national provider."


def coded(tui: Tui) -> list[CodingRecord]:
    with tui.project() as project, project.read() as session:
        return coding_records(session, coder="ana")


def offsets(tui: Tui, words: str) -> tuple[int, int]:
    """Where some words are in document 1's text."""
    with tui.project() as project, project.read() as session:
        text = find_document(session, "1").text
    start = text.index(words)
    return start, start + len(words)


def test_s_selects_the_sentence_under_the_cursor_and_codes_exactly_it(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("j", "j", "s", "1")
        await settle(pilot)

    tui.run(scenario, document=1)
    [coding] = coded(tui)
    assert coding.text == FIRST
    assert (coding.start, coding.end) == offsets(tui, FIRST)


def test_sentences_step_and_extend_both_ways_across_passages(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("j", "j", "s", "right_curly_bracket", "1")  # both sentences
        await pilot.press("right_parenthesis", "2")  # on into the next passage
        await pilot.press("left_parenthesis", "left_curly_bracket", "3")  # back, one more before
        await settle(pilot)

    tui.run(scenario, document=1)
    both = (offsets(tui, FIRST)[0], offsets(tui, SECOND)[1])
    spans = sorted((c.start, c.end) for c in coded(tui))
    assert spans == sorted([both, offsets(tui, "And inside the prisons?"), both])


def test_words_are_added_and_dropped_at_either_end(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("j", "j", "f", *"undercut", "enter")
        await pilot.press("L", "shift+right", "H", "less_than_sign", "1")  # were undercut on
        await pilot.press("greater_than_sign", "shift+left", "shift+left", "2")  # We were …
        await settle(pilot)

    tui.run(scenario, document=1)
    spans = sorted((c.start, c.end) for c in coded(tui))
    assert spans == [offsets(tui, "We were undercut on"), offsets(tui, "were undercut on")]


def test_find_selects_a_phrase_as_typed_and_steps_to_the_next_match(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("f", *"NATIONAL  provider")  # any case, any spacing
        await settle(pilot)
        assert isinstance(app.screen, FindBar)
        await pilot.press("enter", "1")
        # from "national provider" on: the "took" of the next answer, then round to the first
        await pilot.press("f", *"took", "down", "enter", "L", "L", "2")
        await pilot.press("comma", "3")  # back to the "took" of the next answer
        await settle(pilot)

    tui.run(scenario, document=1)
    spans = sorted((c.start, c.end) for c in coded(tui))
    assert spans == sorted(
        [
            offsets(tui, "national provider."),
            offsets(tui, "took us three"),
            (offsets(tui, "took four")[0], offsets(tui, "took four")[0] + 4),
        ]
    )


def test_find_across_a_line_break_and_escape_puts_the_selection_back(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("j", "j", "f", *"questionnaire alone", "escape", "1")  # whole passage
        await pilot.press("f", *"questionnaire alone", "enter", "2")
        await pilot.press("f", *"zebra crossing")
        await settle(pilot)
        assert "no match" in str(app.screen.query_one("#find-help", Label).render())
        await pilot.press("enter")
        assert isinstance(app.screen, TranscriptScreen)

    tui.run(scenario, document=1)
    spans = sorted((c.start, c.end) for c in coded(tui))
    assert spans == [(100, 270), offsets(tui, "questionnaire\nalone")]
