"""Staff console tables: accounts, login limiter, conversation index, review work, audit log.

Revision ID: 0002_staff_console
Revises: 0001_referrals
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_staff_console"
down_revision = "0001_referrals"
branch_labels = None
depends_on = None

# PostgreSQL only: the full-text index behind the console's free-text filter (SQLite uses LIKE).
TEXT_SEARCH_INDEX = "ix_staff_conversation_text_search"
TEXT_SEARCH_SQL = (
    f"CREATE INDEX {TEXT_SEARCH_INDEX} ON staff_conversation_text "
    "USING gin (to_tsvector('simple', body))"
)


def _moment() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "staff_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("session_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", _moment(), nullable=False),
        sa.Column("last_login_at", _moment(), nullable=True),
        sa.CheckConstraint("role IN ('reviewer', 'admin')", name=op.f("ck_staff_users_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_users")),
        sa.UniqueConstraint("username", name=op.f("uq_staff_users_username")),
    )
    op.create_table(
        "staff_login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.String(length=64), nullable=False),
        sa.Column("failed_at", _moment(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_login_failures")),
    )
    op.create_index(
        "ix_staff_login_failures_bucket_failed_at",
        "staff_login_failures",
        ["bucket", "failed_at"],
    )
    op.create_table(
        "staff_conversations",
        sa.Column("sender_id", sa.String(length=255), nullable=False),
        sa.Column("channel", sa.String(length=64), nullable=True),
        sa.Column("first_at", _moment(), nullable=False),
        sa.Column("last_at", _moment(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("event_count", sa.Integer(), nullable=False),
        sa.Column("message_count", sa.Integer(), nullable=False),
        sa.Column("user_message_count", sa.Integer(), nullable=False),
        sa.Column("opening", sa.String(length=160), nullable=True),
        sa.Column("last_intent", sa.String(length=255), nullable=True),
        sa.Column("had_fallback", sa.Boolean(), nullable=False),
        sa.Column("min_confidence", sa.Float(), nullable=True),
        sa.Column("has_referral", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("last_event_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("sender_id", name=op.f("pk_staff_conversations")),
    )
    for name, columns in (
        ("last_at_sender_id", ["last_at", "sender_id"]),
        ("channel_last_at", ["channel", "last_at"]),
        ("last_intent_last_at", ["last_intent", "last_at"]),
        ("had_fallback_last_at", ["had_fallback", "last_at"]),
        ("has_referral_last_at", ["has_referral", "last_at"]),
        ("outcome_last_at", ["outcome", "last_at"]),
        ("min_confidence", ["min_confidence"]),
        ("started_on", ["started_on"]),
    ):
        op.create_index(f"ix_staff_conversations_{name}", "staff_conversations", columns)
    op.create_table(
        "staff_conversation_terms",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=255), nullable=False),
        sa.Column("sender_id", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint(
            "kind", "value", "sender_id", name=op.f("pk_staff_conversation_terms")
        ),
    )
    op.create_index(
        "ix_staff_conversation_terms_sender_id", "staff_conversation_terms", ["sender_id"]
    )
    op.create_table(
        "staff_conversation_text",
        sa.Column("sender_id", sa.String(length=255), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("sender_id", name=op.f("pk_staff_conversation_text")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(TEXT_SEARCH_SQL)
    op.create_table(
        "staff_sync_state",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("watermark", sa.Integer(), nullable=False),
        sa.Column("updated_at", _moment(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_staff_sync_state")),
    )
    op.create_table(
        "staff_reviews",
        sa.Column("sender_id", sa.String(length=255), nullable=False),
        sa.Column("reviewed_at", _moment(), nullable=False),
        sa.Column("reviewed_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("sender_id", name=op.f("pk_staff_reviews")),
    )
    op.create_table(
        "staff_tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.String(length=255), nullable=False),
        sa.Column("tag", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", _moment(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_tags")),
        sa.UniqueConstraint("sender_id", "tag", name=op.f("uq_staff_tags_sender_id")),
    )
    op.create_index("ix_staff_tags_tag_sender_id", "staff_tags", ["tag", "sender_id"])
    op.create_table(
        "staff_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.String(length=255), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", _moment(), nullable=False),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referrals.id"],
            name=op.f("fk_staff_notes_referral_id_referrals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_notes")),
    )
    op.create_index(op.f("ix_staff_notes_sender_id"), "staff_notes", ["sender_id"])
    op.create_index(op.f("ix_staff_notes_referral_id"), "staff_notes", ["referral_id"])
    op.create_table(
        "staff_flags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.String(length=255), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("corrected_intent", sa.String(length=255), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", _moment(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_flags")),
        sa.UniqueConstraint("event_id", name=op.f("uq_staff_flags_event_id")),
    )
    op.create_index(op.f("ix_staff_flags_sender_id"), "staff_flags", ["sender_id"])
    op.create_table(
        "staff_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _moment(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("target", sa.String(length=255), nullable=True),
        sa.Column("detail", sa.String(length=255), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_audit")),
    )
    op.create_index(op.f("ix_staff_audit_at"), "staff_audit", ["at"])
    op.create_index("ix_staff_audit_target", "staff_audit", ["target"])


def downgrade() -> None:
    for table in (
        "staff_audit",
        "staff_flags",
        "staff_notes",
        "staff_tags",
        "staff_reviews",
        "staff_sync_state",
        "staff_conversation_text",
        "staff_conversation_terms",
        "staff_conversations",
        "staff_login_failures",
        "staff_users",
    ):
        op.drop_table(table)
