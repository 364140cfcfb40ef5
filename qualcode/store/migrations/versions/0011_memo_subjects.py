"""memos on a participant (a memo with no subject is on the project)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 01:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("memo", schema=None) as batch_op:
        batch_op.add_column(sa.Column("participant_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_memo_participant_id", "participant", ["participant_id"], ["id"], ondelete="CASCADE"
        )
        batch_op.create_index(batch_op.f("ix_memo_participant_id"), ["participant_id"])


def downgrade() -> None:
    with op.batch_alter_table("memo", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_memo_participant_id"))
        batch_op.drop_constraint("fk_memo_participant_id", type_="foreignkey")
        batch_op.drop_column("participant_id")
