"""Removing a document from the documents screen: F8 shows what goes, asks, then erases it."""

from __future__ import annotations

from typing import Any

from conftest import Tui, settle
from sqlalchemy import func, select

from qualcode.store.models import AuditEvent, Document, Passage
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.documents import DocumentsScreen
from qualcode.tui.screens.pick import PickScreen


def _documents(app: QualcodeApp) -> list[int]:
    with app.bench.project.read() as session:
        return list(session.scalars(select(Document.id).order_by(Document.id)))


def test_f8_asks_and_keep_it_changes_nothing_remove_erases(tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        assert isinstance(app.screen, DocumentsScreen)
        first = app.screen.shown[0].id
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, PickScreen)
        assert f"Remove document {first}" in app.screen.title_text
        assert "passages" in app.screen.title_text
        await pilot.press("enter")  # "Keep it" is highlighted first
        await settle(pilot)
        assert isinstance(app.screen, DocumentsScreen) and first in _documents(app)

        await pilot.press("f8")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DocumentsScreen)
        assert first not in _documents(app) and len(_documents(app)) == 1
        assert [row.id for row in app.screen.shown] == _documents(app)
        with app.bench.project.read() as session:
            left = session.scalar(
                select(func.count()).select_from(Passage).where(Passage.document_id == first)
            )
            last = session.scalars(select(AuditEvent).order_by(AuditEvent.sequence.desc())).first()
        assert left == 0 and last is not None and last.action == "document.remove"
        assert last.coder == "ana"

    tui.run(scenario)
