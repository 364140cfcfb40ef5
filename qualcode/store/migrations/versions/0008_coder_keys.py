"""each coder's pinned number keys

Revision ID: 0008
Revises: 0009
Create Date: 2026-12-06 21:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "coder_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coder_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["coder_id"], ["coder.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["code_id"], ["code.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("coder_id", "slot", name="uq_coder_key_slot"),
    )
    with op.batch_alter_table("coder_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coder_key_coder_id"), ["coder_id"])


def downgrade() -> None:
    with op.batch_alter_table("coder_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coder_key_coder_id"))
    op.drop_table("coder_key")
