"""document assignments for blind double-coding

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("blind", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("assigned_by", sa.String(length=200), nullable=True),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sa.String(length=200), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('open','closed')", name="ck_assignment_status"),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignment_document_id"), ["document_id"])
        batch_op.create_index(batch_op.f("ix_assignment_status"), ["status"])
    op.create_table(
        "assignment_coder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("coder_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["assignment_id"], ["assignment.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["coder_id"], ["coder.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("assignment_id", "coder_id", name="uq_assignment_coder"),
    )
    with op.batch_alter_table("assignment_coder", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignment_coder_assignment_id"), ["assignment_id"])
        batch_op.create_index(batch_op.f("ix_assignment_coder_coder_id"), ["coder_id"])


def downgrade() -> None:
    with op.batch_alter_table("assignment_coder", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignment_coder_coder_id"))
        batch_op.drop_index(batch_op.f("ix_assignment_coder_assignment_id"))
    op.drop_table("assignment_coder")
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignment_status"))
        batch_op.drop_index(batch_op.f("ix_assignment_document_id"))
    op.drop_table("assignment")
