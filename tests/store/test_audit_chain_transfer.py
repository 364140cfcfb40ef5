"""A chained trail survives copies between backends, whatever the PostgreSQL session time zone."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from qualcode.codebook.yamlio import load_codebook
from qualcode.importing import import_one
from qualcode.project import DEFAULT_CODEBOOK, new_project
from qualcode.store.check import check_project
from qualcode.store.db import open_project
from qualcode.store.transfer import copy_project


def test_a_copy_out_of_postgresql_in_another_time_zone_still_proves_itself(
    empty_postgres: str, transcript: Path, tmp_path: Path
) -> None:
    project, _ = new_project(empty_postgres, load_codebook(DEFAULT_CODEBOOK), coder="tester")
    with project:
        import_one(project, transcript, participant="Interviewee 7")
    # A server set to local time (as on a laptop in India) hands back times at +05:30.
    kolkata = f"{empty_postgres}?options=-c%20timezone%3DAsia/Kolkata"
    copy = tmp_path / "copy.qc"
    with open_project(kolkata) as source:
        with source.engine.connect() as connection:
            assert connection.execute(text("SHOW timezone")).scalar() == "Asia/Kolkata"
        assert check_project(source).problems == []
        copy_project(source, str(copy))
    with open_project(str(copy)) as copied:
        report = check_project(copied)
        assert report.problems == [] and report.trail.events > 30
        with copied.engine.connect() as connection:
            first = connection.execute(text("SELECT at FROM audit_event LIMIT 1")).scalar()
    with open_project(empty_postgres) as original, original.engine.connect() as connection:
        stamp = connection.execute(
            text("SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM audit_event "
                 "ORDER BY id LIMIT 1")
        ).scalar()  # fmt: skip
    assert str(first).startswith(str(stamp))
