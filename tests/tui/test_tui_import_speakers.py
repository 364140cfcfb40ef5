"""The workbench's import screen: speakers mapped to roles, and what import understood."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import Tui, settle
from sqlalchemy import select

from qualcode.store.models import Document, Passage
from qualcode.tui.app import QualcodeApp


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
