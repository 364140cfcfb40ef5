"""Migration 0011: memo.participant_id as the model says, and a participant's memos go with them."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select

from qualcode.memos.subjects import Subject
from qualcode.memos.writes import add_memo
from qualcode.store.db import open_project
from qualcode.store.documents import get_or_create_participant
from qualcode.store.models import Base, Memo, Participant


def test_migration_matches_models(project_ref: str) -> None:
    project = open_project(project_ref)
    try:
        with project.engine.connect() as connection:
            inspector = inspect(connection)
            columns = {c["name"]: c for c in inspector.get_columns("memo")}
            assert columns["participant_id"]["nullable"]
            keys = inspector.get_foreign_keys("memo")
            assert any(
                k["referred_table"] == "participant" and k["options"].get("ondelete") == "CASCADE"
                for k in keys
            )
            diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert [d for d in diffs if "memo" in repr(d)] == []
    finally:
        project.close()


def test_deleting_a_participant_row_takes_their_memos(project_ref: str) -> None:
    with open_project(project_ref) as project:
        with project.write() as session:
            participant = get_or_create_participant(session, "Interviewee 5", coder=None)
            add_memo(session, Subject("participant", participant_id=participant.id), "ana", "x")
            add_memo(session, Subject("project"), "ana", "stays")
        with project.write() as session:
            session.delete(session.scalars(select(Participant)).one())
        with project.read() as session:
            assert [m.text for m in session.scalars(select(Memo))] == ["stays"]
