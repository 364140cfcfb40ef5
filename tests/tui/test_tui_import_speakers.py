"""The workbench's import screen: speakers mapped to roles, and what import understood."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import Tui, settle
from sqlalchemy import select

from qualcode.store import db
from qualcode.store.models import Document, Passage
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.import_files import ImportScreen


def test_import_screen_maps_speakers_and_reports_them(tui: Tui, tmp_path: Path) -> None:
    source = tmp_path / "interview-09.txt"
    source.write_text(
        "Interviewer: Who funds you?\n\nOla: The council, mostly.\n\n"
        "Interviewer: And next year?\n\nOla: Nobody knows.\n",
        encoding="utf-8",
    )
    shown: list[str] = []

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("ctrl+o")
        await settle(pilot)
        app.screen.query_one("#import-paths").value = str(source)
        app.screen.query_one("#import-speakers").value = "ola=Interviewee 9"
        app.screen.query_one("#import-speakers").focus()
        await pilot.press("enter")
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        shown.extend(str(line.text) for line in app.screen.query_one("#import-log").lines)

    tui.run(scenario)
    assert any("speakers: Interviewer, Ola=Interviewee 9" in line for line in shown), shown
    project = tui.project()
    try:
        with project.read() as session:
            title = Document.title == "interview-09"
            document = session.scalars(select(Document).where(title)).one()
            speakers = list(
                session.scalars(
                    select(Passage.speaker)
                    .where(Passage.document_id == document.id)
                    .order_by(Passage.index)
                )
            )
    finally:
        project.close()
    assert speakers == ["Interviewer", "Interviewee 9", "Interviewer", "Interviewee 9"]


def test_import_screen_reports_a_locked_project_and_stays_open(
    tui: Tui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program holding the project's write lock stops the import with an error line
    in the log, nothing stored, and the workbench still running."""
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)  # give up on the lock soon
    source = tmp_path / "interview-10.txt"
    source.write_text("Interviewer: Who funds you?\n\nOla: The council.\n", encoding="utf-8")
    shown: list[str] = []
    still_open: list[bool] = []

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("ctrl+o")
        await settle(pilot)
        app.screen.query_one("#import-paths").value = str(source)
        app.screen.query_one("#import-paths").focus()
        holder = sqlite3.connect(tui.path, isolation_level=None)
        try:
            holder.execute("BEGIN EXCLUSIVE")
            await pilot.press("enter")
            await settle(pilot)
            await app.workers.wait_for_complete()
            await settle(pilot)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        shown.extend(str(line.text) for line in app.screen.query_one("#import-log").lines)
        await pilot.press("escape")  # the import has ended: escape closes the screen
        await settle(pilot)
        still_open.append(app.is_running and not isinstance(app.screen, ImportScreen))

    tui.run(scenario)
    assert any(line.startswith("error: database error (") for line in shown), shown
    assert still_open == [True]
    project = tui.project()
    try:
        with project.read() as session:
            titles = session.scalars(select(Document.title)).all()
    finally:
        project.close()
    assert "interview-10" not in titles
