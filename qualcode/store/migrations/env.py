"""Alembic environment: runs migrations on the connection qualcode hands it (batch mode)."""

from typing import Any

from alembic import context

from qualcode.store.models import Base

connection = context.config.attributes["connection"]


def include_object(obj: Any, name: str | None, kind: str, reflected: bool, other: Any) -> bool:
    # The full-text indexes are made by hand in the migrations; autogenerate must not drop them.
    return not (name is not None and name.startswith(("passage_fts", "ix_passage_fts")))


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
