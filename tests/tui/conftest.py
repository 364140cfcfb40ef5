"""Fixtures for the workbench tests: a real project with imported interviews, and a driver."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from textual.worker import WorkerCancelled

from qualcode.importing import import_files
from qualcode.store.db import Project, open_project
from qualcode.tui.app import QualcodeApp

SECOND = """Interviewer: What does partnership look like for you?

Sam: We share a building with the housing charity and refer clients to each other every week.

Interviewer: Any joint bids?

Sam: We put in a consortium bid last year with two others, and lost it to a prime contractor.
"""

Scenario = Callable[[Any, QualcodeApp], Awaitable[None]]


async def settle(pilot: Pilot[None]) -> None:
    """Wait until loading workers are done and every change is committed and shown."""
    app = pilot.app
    assert isinstance(app, QualcodeApp)
    for _ in range(3):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:  # an exclusive worker was replaced by a newer run: normal
            continue
        await app.bench.writer.drain()
        await pilot.pause()


async def without_toasts(pilot: Pilot[None]) -> None:
    """Make the screen still before a snapshot: a toast expires after a few seconds and a text
    cursor blinks, so on a busy machine either may or may not be on screen. Toasts are cleared
    (tests that care assert on notify directly) and cursors stop blinking, shown."""
    pilot.app.clear_notifications()
    for screen in pilot.app.screen_stack:
        for field in screen.query("Input, TextArea"):
            if isinstance(field, TextArea):
                # A TextArea draws no cursor at all once cursor_blink is off, yet keeps lines
                # drawn in the visible phase cached: hold the blink in its visible phase.
                field._pause_blink(visible=field.has_focus)
                field.refresh()
            elif isinstance(field, Input):
                field.cursor_blink = False
    await pilot.pause()


def keys(*pressed: str) -> Callable[[Any], Awaitable[None]]:
    """A snapshot's run_before: settle, press the keys, settle, clear the toasts."""
    return steps(pressed)


def steps(*groups: tuple[str, ...]) -> Callable[[Any], Awaitable[None]]:
    """Like keys(), settling after each group: a key that opens a screen, then keys for it."""

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        for pressed in groups:
            await pilot.press(*pressed)
            await settle(pilot)
        await without_toasts(pilot)

    return run_before


@dataclass
class Tui:
    """Runs the real app on a project file, with Pilot, at a fixed terminal size."""

    path: Path

    def run(
        self,
        scenario: Scenario,
        *,
        coder: str = "ana",
        document: int | None = None,
        size: tuple[int, int] = (120, 40),
    ) -> None:
        async def main() -> None:
            project = open_project(str(self.path))
            try:
                app = QualcodeApp(project, coder, document=document)
                async with app.run_test(size=size) as pilot:
                    await settle(pilot)
                    await scenario(pilot, app)
                    await settle(pilot)
            finally:
                project.close()

        asyncio.run(main())

    def project(self) -> Project:
        return open_project(str(self.path))


@pytest.fixture
def study(project_file: Path, transcript: Path, tmp_path: Path) -> Path:
    """A project with the default codebook and two imported interviews (documents 1 and 2)."""
    second = tmp_path / "interview-08.txt"
    second.write_text(SECOND, encoding="utf-8")
    project = open_project(str(project_file))
    try:
        first = import_files(project, [transcript], participant="Interviewee 7", coder="tester")
        other = import_files(project, [second], participant="Interviewee 8", coder="tester")
        assert [o.status for o in first + other] == ["imported", "imported"]
    finally:
        project.close()
    return project_file


@pytest.fixture
def tui(study: Path) -> Tui:
    return Tui(study)
