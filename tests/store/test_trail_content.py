"""Audit events keep ids, counts and lengths, never the words: passage text, memos, identifiers."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from qualcode.anonymise.registry import dismiss
from qualcode.store.audit import record
from qualcode.store.db import open_project
from qualcode.store.models import AuditEvent
from qualcode.store.trail_content import without_content


def test_content_fields_keep_only_their_length_at_any_depth() -> None:
    state = {
        "document": 4,
        "memo": "Siobhan said the governor blocked it",
        "changes": [{"text": "Jo Pinder", "start": 3}, {"examples": ["a quote"]}],
        "attributes": {"employer": "Harbour Lane Housing", "size": "small"},
        "examples": 12,
        "speaker": None,
    }
    stripped = without_content(state)
    assert stripped == {
        "document": 4,
        "memo": {"omitted": "text", "characters": 36},
        "changes": [
            {"text": {"omitted": "text", "characters": 9}, "start": 3},
            {"examples": {"omitted": "items", "count": 1}},
        ],
        "attributes": ["employer", "size"],
        "examples": 12,
        "speaker": None,
    }
    assert without_content(stripped) == stripped  # stripping twice changes nothing


def test_recorded_events_hold_no_memo_text_or_identifier_values(project_file: Path) -> None:
    with open_project(str(project_file)) as project:
        with project.write() as session:
            record(session, "memo.add", "memo", 1, coder="ana", after={"text": "Ask Marcus"})
            dismiss(session, "Tolverton Road", coder="ana")
        with project.read() as session:
            events = session.scalars(select(AuditEvent).order_by(AuditEvent.sequence)).all()
    shown = repr([(e.before, e.after) for e in events])
    assert "Marcus" not in shown and "Tolverton" not in shown
    assert events[-2].after == {"text": {"omitted": "text", "characters": 10}}
