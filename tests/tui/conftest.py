"""Fixtures for the workbench tests: a real project with imported interviews, and a driver."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
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


def steady_cursors(app: QualcodeApp) -> None:
    """Show each text field's cursor without blinking: a blinking cursor is drawn or not by
    the clock, so snapshots depended on how fast the machine reached them."""
    for field in app.screen.query(Input):
        field._pause_blink(visible=True)


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
