"""The cell summary table and passage bounds index: the migration makes what the models say."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from qualcode.store.db import open_project
from qualcode.store.models import Base


def test_migration_matches_models(project_ref: str) -> None:
    project = open_project(project_ref)
    try:
        with project.engine.connect() as connection:
            inspector = inspect(connection)
            assert "cell_summary" in inspector.get_table_names()
            assert "ix_passage_span" in {i["name"] for i in inspector.get_indexes("passage")}
            diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        ours = [d for d in diffs if "cell_summary" in repr(d) or "ix_passage_span" in repr(d)]
        assert ours == []
    finally:
        project.close()
