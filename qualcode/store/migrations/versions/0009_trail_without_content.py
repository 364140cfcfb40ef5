"""audit events lose their content; the chain is re-sealed and the re-seal recorded

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-06 22:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from qualcode.store.models import utcnow
from qualcode.store.trail_reseal import reseal, reseal_event

revision: str = "0009"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REASON = (
    "audit events no longer keep passage text, memo text, identifier values or titles "
    "(schema 0009): their hashes, and every chain hash after the first, were recomputed"
)
SQLITE_NO_UPDATE = """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only'); END"""

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
    sa.column("sequence", sa.Integer()),
    sa.column("payload_hash", sa.String()),
    sa.column("content_hash", sa.String()),
    sa.column("chain_hash", sa.String()),
)


def _rewrite(statement: sa.Executable, params: list[dict[str, object]] | None = None) -> None:
    """Run one statement with the append-only guard lifted for it alone (PostgreSQL: the
    trigger is disabled inside this transaction; SQLite: dropped and made again)."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
        bind.execute(statement, params) if params else bind.execute(statement)
        op.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only")
    elif bind.dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        bind.execute(statement, params) if params else bind.execute(statement)
        op.execute(SQLITE_NO_UPDATE)
    else:
        bind.execute(statement, params) if params else bind.execute(statement)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # The old states' bytes are overwritten with zeros as their cells are freed.
        op.execute("PRAGMA secure_delete = ON")
    rows = bind.execute(sa.select(events).order_by(events.c.sequence)).all()
    result = reseal(list(rows))
    if not result.stripped:
        return
    _rewrite(
        events.update()
        .where(events.c.id == sa.bindparam("event_id"))
        .values(
            before=sa.bindparam("new_before", type_=sa.JSON()),
            after=sa.bindparam("new_after", type_=sa.JSON()),
            payload_hash=sa.bindparam("new_payload"),
            content_hash=sa.bindparam("new_content"),
            chain_hash=sa.bindparam("new_chain"),
        ),
        result.updates,
    )
    bind.execute(events.insert().values(**reseal_event(result, utcnow(), REASON)))


def downgrade() -> None:
    """The stripped content is gone for good: nothing to restore."""
