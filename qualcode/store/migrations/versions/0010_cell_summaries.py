"""framework matrix cell summaries, and passage bounds indexed for matrices and queries

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 21:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROW_CHECK = (
    " + ".join(
        f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)"
        for c in ("participant_id", "document_id", "attribute")
    )
    + " = 1"
)


def upgrade() -> None:
    op.create_table(
        "cell_summary",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("attribute", sa.String(length=200), nullable=True),
        sa.Column("value", sa.String(length=500), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("coder_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(ROW_CHECK, name="ck_cell_summary_row"),
        sa.ForeignKeyConstraint(["code_id"], ["code.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["coder_id"], ["coder.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("cell_summary", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cell_summary_code_id"), ["code_id"])
        batch_op.create_index(batch_op.f("ix_cell_summary_participant_id"), ["participant_id"])
        batch_op.create_index(batch_op.f("ix_cell_summary_document_id"), ["document_id"])
    with op.batch_alter_table("passage", schema=None) as batch_op:
        batch_op.create_index("ix_passage_span", ["document_id", "index", "start", "end"])


def downgrade() -> None:
    with op.batch_alter_table("passage", schema=None) as batch_op:
        batch_op.drop_index("ix_passage_span")
    with op.batch_alter_table("cell_summary", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cell_summary_document_id"))
        batch_op.drop_index(batch_op.f("ix_cell_summary_participant_id"))
        batch_op.drop_index(batch_op.f("ix_cell_summary_code_id"))
    op.drop_table("cell_summary")
