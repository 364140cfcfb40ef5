"""audit events chained by hashes

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 19:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from qualcode.store.trail import GENESIS, content_hash, link, payload_hash

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHAIN_COLUMNS = ("sequence", "payload_hash", "content_hash", "chain_hash")

SQLITE_APPEND_ONLY = [
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
]
POSTGRESQL_APPEND_ONLY = [
    """CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
    # Row triggers do not fire on TRUNCATE, which would empty the trail in one statement.
    """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()""",
]


def _drop_append_only(dialect: str) -> None:
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event")
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event")


def _create_append_only(dialect: str, *, truncate: bool = True) -> None:
    statements = {"sqlite": SQLITE_APPEND_ONLY, "postgresql": POSTGRESQL_APPEND_ONLY}
    for statement in statements.get(dialect, [])[: None if truncate else 1]:
        op.execute(statement)


def _chain_existing_events() -> None:
    """Number the events in the order they were written and link each to the one before."""
    events = sa.table(
        "audit_event",
        sa.column("id", sa.Integer()),
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("coder", sa.String()),
        sa.column("action", sa.String()),
        sa.column("entity", sa.String()),
        sa.column("entity_id", sa.Integer()),
        sa.column("before", sa.JSON()),
        sa.column("after", sa.JSON()),
        *(sa.column(name) for name in CHAIN_COLUMNS),
    )
    bind = op.get_bind()
    previous = GENESIS
    updates = []
    rows = bind.execute(sa.select(events).order_by(events.c.id))
    for sequence, row in enumerate(rows, start=1):
        payload = payload_hash(row.before, row.after)
        content = content_hash(
            sequence, row.at, row.coder, row.action, row.entity, row.entity_id, payload
        )
        previous = link(previous, content)
        updates.append(
            {
                "event_id": row.id,
                "sequence": sequence,
                "payload_hash": payload,
                "content_hash": content,
                "chain_hash": previous,
            }
        )
    if updates:
        bind.execute(events.update().where(events.c.id == sa.bindparam("event_id")), updates)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    _drop_append_only(dialect)
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sequence", sa.Integer(), nullable=True))
        for name in CHAIN_COLUMNS[1:]:
            batch_op.add_column(sa.Column(name, sa.String(length=64), nullable=True))
    _chain_existing_events()
    # On SQLite this recreates the table, which drops its triggers: they are made again below.
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.alter_column("sequence", existing_type=sa.Integer(), nullable=False)
        for name in CHAIN_COLUMNS[1:]:
            batch_op.alter_column(name, existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index(batch_op.f("ix_audit_event_sequence"), ["sequence"], unique=True)
    _create_append_only(dialect)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    _drop_append_only(dialect)
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_sequence"))
        for name in reversed(CHAIN_COLUMNS):
            batch_op.drop_column(name)
    _create_append_only(dialect, truncate=False)
