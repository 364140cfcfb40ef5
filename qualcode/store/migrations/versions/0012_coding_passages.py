"""each coding's first and last passage, kept by triggers

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 04:20:00.000000

A coding carries the passages it shares a character with; matrices and queries count by them.
Storing the first and last such passage index on the coding lets them read small integers
instead of every passage's bounds. Triggers keep the two columns right through every write,
whichever code path (or tool) inserts codings or changes passages: a coding's bounds are
computed when it is written, and a passage's insert, change or removal recomputes the codings
it overlaps (before and after). No passage overlapped: both NULL.

A later migration that recreates `coding` or `passage` on SQLite (batch mode with recreate)
drops these triggers: it must create them again from SQLITE_TRIGGERS, as 0007 does its own.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX_COLUMNS = ["code_id", "document_id", "first_passage", "last_passage", "coder_id"]


def _bound(aggregate: str, coding: str) -> str:
    """The lowest or highest index of the passages sharing a character with the coding."""
    return (
        f'(SELECT {aggregate}(p."index") FROM passage p WHERE p.document_id = {coding}.document_id'
        f' AND p.start < {coding}."end" AND p."end" > {coding}.start)'
    )


RECOMPUTE = f"first_passage = {_bound('min', 'coding')}, last_passage = {_bound('max', 'coding')}"


def _overlapping(row: str) -> str:
    """The codings sharing a character with passage `row` (NEW or OLD)."""
    return (
        f'coding.document_id = {row}.document_id AND coding.start < {row}."end"'
        f' AND coding."end" > {row}.start'
    )


def _recompute_overlapping(row: str) -> str:
    return f"UPDATE coding SET {RECOMPUTE} WHERE {_overlapping(row)};"


SQLITE_TRIGGERS = {
    "coding_passages_insert": f"""CREATE TRIGGER coding_passages_insert AFTER INSERT ON coding
        BEGIN UPDATE coding SET {RECOMPUTE} WHERE id = NEW.id; END""",
    # Only a change of span or document: the UPDATE of the bounds themselves fires nothing.
    "coding_passages_update": f"""CREATE TRIGGER coding_passages_update
        AFTER UPDATE OF document_id, start, "end" ON coding
        BEGIN UPDATE coding SET {RECOMPUTE} WHERE id = NEW.id; END""",
    "passage_codings_insert": f"""CREATE TRIGGER passage_codings_insert AFTER INSERT ON passage
        BEGIN {_recompute_overlapping("NEW")} END""",
    "passage_codings_delete": f"""CREATE TRIGGER passage_codings_delete AFTER DELETE ON passage
        BEGIN {_recompute_overlapping("OLD")} END""",
    "passage_codings_update": f"""CREATE TRIGGER passage_codings_update
        AFTER UPDATE OF document_id, "index", start, "end" ON passage
        BEGIN {_recompute_overlapping("OLD")} {_recompute_overlapping("NEW")} END""",
}

POSTGRESQL_FUNCTIONS = [
    """CREATE FUNCTION coding_passages() RETURNS trigger AS $$
    BEGIN
        SELECT min(p."index"), max(p."index") INTO NEW.first_passage, NEW.last_passage
        FROM passage p WHERE p.document_id = NEW.document_id
        AND p.start < NEW."end" AND p."end" > NEW.start;
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    f"""CREATE FUNCTION passage_codings() RETURNS trigger AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN {_recompute_overlapping("OLD")} END IF;
        IF TG_OP <> 'DELETE' THEN {_recompute_overlapping("NEW")} END IF;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
]
POSTGRESQL_TRIGGERS = [
    """CREATE TRIGGER coding_passages BEFORE INSERT OR UPDATE OF document_id, start, "end"
        ON coding FOR EACH ROW EXECUTE FUNCTION coding_passages()""",
    """CREATE TRIGGER passage_codings
        AFTER INSERT OR DELETE OR UPDATE OF document_id, "index", start, "end"
        ON passage FOR EACH ROW EXECUTE FUNCTION passage_codings()""",
]


def upgrade() -> None:
    with op.batch_alter_table("coding", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_passage", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("last_passage", sa.Integer(), nullable=True))
    op.execute(f"UPDATE coding SET {RECOMPUTE}")
    with op.batch_alter_table("coding", schema=None) as batch_op:
        batch_op.create_index("ix_coding_passages", INDEX_COLUMNS)
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_TRIGGERS.values():
            op.execute(statement)
    elif dialect == "postgresql":
        for statement in POSTGRESQL_FUNCTIONS + POSTGRESQL_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS coding_passages ON coding")
        op.execute("DROP TRIGGER IF EXISTS passage_codings ON passage")
        op.execute("DROP FUNCTION IF EXISTS coding_passages()")
        op.execute("DROP FUNCTION IF EXISTS passage_codings()")
    with op.batch_alter_table("coding", schema=None) as batch_op:
        batch_op.drop_index("ix_coding_passages")
        batch_op.drop_column("last_passage")
        batch_op.drop_column("first_passage")
