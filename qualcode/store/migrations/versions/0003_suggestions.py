"""suggestion models and decisions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "suggestion_model",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("trained_by", sa.String(length=200), nullable=True),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("coding_ids", sa.JSON(), nullable=False),
        sa.Column("training_hash", sa.String(length=64), nullable=False),
        sa.Column("examples", sa.Integer(), nullable=False),
        sa.Column("metrics", sa.JSON(), nullable=False),
        sa.Column("spacy_version", sa.String(length=40), nullable=False),
        sa.Column("archive", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "suggestion_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("passage_id", sa.Integer(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("coder_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("origin", sa.String(length=10), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("decision IN ('accept','reject')", name="ck_suggestion_decision"),
        sa.ForeignKeyConstraint(["code_id"], ["code.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["coder_id"], ["coder.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["passage_id"], ["passage.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("passage_id", "code_id", "coder_id", name="uq_suggestion_decision"),
    )
    with op.batch_alter_table("suggestion_decision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_suggestion_decision_code_id"), ["code_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_suggestion_decision_passage_id"), ["passage_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("suggestion_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_suggestion_decision_passage_id"))
        batch_op.drop_index(batch_op.f("ix_suggestion_decision_code_id"))
    op.drop_table("suggestion_decision")
    op.drop_table("suggestion_model")
