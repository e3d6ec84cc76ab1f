"""Staff table `referrals`: families who agreed to be referred to the Clearinghouse.

Revision ID: 0001_referrals
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001_referrals"
down_revision = None
branch_labels = None
depends_on = None

JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "referrals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.String(length=255), nullable=False),
        sa.Column("channel", sa.String(length=64), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.Column("status", sa.String(length=16), server_default="new", nullable=False),
        sa.Column("assignee", sa.String(length=255), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("facts", JSON_DOCUMENT, nullable=False),
        sa.Column("assessment", JSON_DOCUMENT, nullable=True),
        sa.Column("consented_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('new', 'contacted', 'submitted', 'closed')",
            name=op.f("ck_referrals_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrals")),
    )
    op.create_index(op.f("ix_referrals_sender_id"), "referrals", ["sender_id"], unique=False)
    op.create_index(
        "ix_referrals_status_created_at", "referrals", ["status", "created_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_referrals_status_created_at", table_name="referrals")
    op.drop_index(op.f("ix_referrals_sender_id"), table_name="referrals")
    op.drop_table("referrals")
