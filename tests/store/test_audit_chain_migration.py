"""Upgrading a project made before the chain: its events are chained in order and still locked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError

from qualcode.store.audit import record
from qualcode.store.check import check_project
from qualcode.store.db import (
    _alembic_config,
    _make_engine,
    _parse_url,
    _sqlite_url,
    head_revision,
    open_project,
)
from qualcode.store.models import Base

# Events as an earlier qualcode wrote them: odd text, nested and empty states, equal times.
START = "2024-03-01 09:00:00.000000"
OLD_EVENTS = [
    (START, "sam", "project.create", "project", None, None, {"codebook": "x"}),
    (START, "sam", "code.add", "code", 1, None, {"key": "a", "n": [1, 2.5]}),
    ("2024-03-02 10:30:15.123456", "Siân O'Neill", "coding.add", "coding", 7, None,
     {"memo": "«quoted» [b]x[/b] \u200b", "span": {"start": 0, "end": 9}}),
    ("2024-03-02 10:31:00.000000", None, "suggest.train", "project", None, {}, {"examples": 0}),
    ("2024-03-03 08:00:00.000000", "ana", "code.rename", "code", 1, {"key": "a"}, {"key": "b"}),
]  # fmt: skip


@pytest.fixture(params=["sqlite", "postgresql"])
def old_project(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A project at schema 0006 holding OLD_EVENTS and the code they made."""
    if request.param == "sqlite":
        path = tmp_path / "old.qc"
        path.touch(mode=0o600)
        target = str(path)
        engine = _make_engine(_sqlite_url(path))
    else:
        target = request.getfixturevalue("empty_postgres")
        engine = _make_engine(_parse_url(target))
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "0006")
        connection.execute(
            text(
                "INSERT INTO codebook (id, name, description, created_at) "
                "VALUES (1, 'old', '', '2024-03-01 09:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO code (id, codebook_id, key, name, description, include, exclude, "
                "examples, cues, colour, position, created_at) VALUES (1, 1, 'b', 'B', '', "
                "'[]', '[]', '[]', '[]', '#000000', 0, '2024-03-01 09:00:00')"
            )
        )
        for at, coder, action, entity, entity_id, before, after in OLD_EVENTS:
            connection.execute(
                text(
                    "INSERT INTO audit_event (at, coder, action, entity, entity_id, before, after) "
                    "VALUES (:at, :coder, :action, :entity, :entity_id, :before, :after)"
                ),
                {
                    "at": at if request.param == "sqlite" else f"{at}+00",
                    "coder": coder,
                    "action": action,
                    "entity": entity,
                    "entity_id": entity_id,
                    "before": None if before is None else json.dumps(before),
                    "after": json.dumps(after),
                },
            )
    engine.dispose()
    yield target


def _refuses(engine: Engine, statement: str) -> None:
    with pytest.raises(DatabaseError, match="append-only"), engine.begin() as connection:
        connection.execute(text(statement))


def test_an_upgraded_project_has_a_verifiable_chain_still_append_only(old_project: str) -> None:
    with open_project(old_project) as project:
        report = check_project(project)
        assert report.schema == head_revision()
        # The coding's memo is stripped by 0009, which re-seals the chain and says so.
        assert report.problems == [] and report.trail.events == len(OLD_EVENTS) + 1
        with project.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT id, sequence, action FROM audit_event ORDER BY sequence")
            ).all()
            diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert [r.sequence for r in rows] == list(range(1, len(OLD_EVENTS) + 2))
        assert [r.id for r in rows] == sorted(r.id for r in rows)
        assert [r.action for r in rows] == [event[2] for event in OLD_EVENTS] + ["trail.reseal"]
        assert [d for d in diffs if "audit_event" in repr(d)] == []

        _refuses(project.engine, "UPDATE audit_event SET coder = 'x' WHERE sequence = 2")
        _refuses(project.engine, "DELETE FROM audit_event WHERE sequence = 5")
        if not project.is_sqlite:
            _refuses(project.engine, "TRUNCATE audit_event")

        with project.write() as session:
            record(session, "code.update", "code", 1, coder="ana", after={"name": "B2"})
        again = check_project(project)
    assert again.problems == []
    assert (again.trail.events, again.trail.head_event) == (7, 7)


def _old_head(target: str) -> str:
    """The head hash of OLD_EVENTS as schema 0007 chained them (what a supervisor wrote down)."""
    url = _sqlite_url(Path(target)) if "://" not in target else _parse_url(target)
    engine = _make_engine(url)
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "0007")
        head = connection.execute(
            text("SELECT chain_hash FROM audit_event ORDER BY sequence DESC LIMIT 1")
        ).scalar_one()
    engine.dispose()
    return str(head)


def test_upgrading_strips_content_from_old_events_and_records_the_reseal(old_project: str) -> None:
    old_head = _old_head(old_project)
    with open_project(old_project) as project:
        with project.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT sequence, before, after FROM audit_event ORDER BY sequence")
            ).all()
        proof = check_project(project, since_hash=old_head).trail
    states = [json.loads(r.after) if isinstance(r.after, str) else r.after for r in rows]
    assert "quoted" not in json.dumps(states)
    assert states[2]["memo"] == {"omitted": "text", "characters": len(OLD_EVENTS[2][6]["memo"])}
    assert states[2]["span"] == {"start": 0, "end": 9}  # ids and offsets stay
    assert states[-1]["previous_head"] == old_head
    assert states[-1]["events_stripped"] == 1 and states[-1]["resealed_from"] == 3
    # A holder of the old head learns why it no longer proves anything.
    assert any("re-sealed" in p and "event 6" in p for p in proof.problems), proof.problems
