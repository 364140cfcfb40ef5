"""The assignment tables: the migration creates exactly what the models describe, and downgrades."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from qualcode.store.db import open_project
from qualcode.store.models import Base

TABLES = {"assignment", "assignment_coder"}


def _touches_ours(diff: object) -> bool:
    text = repr(diff)
    return any(f"'{table}'" in text or f"Table('{table}'" in text for table in TABLES)


def test_migration_matches_models(project_ref: str) -> None:
    project = open_project(project_ref)
    try:
        with project.engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) >= TABLES
            diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert [d for d in diffs if _touches_ours(d)] == []
    finally:
        project.close()
