"""The tables: staff-owned `referrals` (migrated by Alembic) and a mirror of Rasa's `events`.

`metadata` holds only the staff tables; Alembic migrates exactly these. Rasa creates and owns
`events`: `rasa_events` describes it so that staff code can read it and `erase_conversation` can
delete a conversation on request, and it lives in a `MetaData` of its own so that no migration
ever creates or alters it.
"""

from __future__ import annotations

from datetime import datetime, timezone
from enum import Enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


class ReferralStatus(str, Enum):
    """Where a referral is in the staff's queue."""

    NEW = "new"
    CONTACTED = "contacted"
    SUBMITTED = "submitted"
    CLOSED = "closed"


def utc_now() -> datetime:
    """The current moment, in UTC, for the rows' audit timestamps."""
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):  # type: ignore[type-arg]
    """A moment stored in UTC and always read back timezone-aware (SQLite keeps no offset)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError("a timezone-aware datetime is required")
        moment = value.astimezone(timezone.utc)
        return moment if dialect.name == "postgresql" else moment.replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise ValueError(f"not a datetime: {type(value).__name__}")
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


# JSONB on PostgreSQL (indexable, for the staff console's filters); JSON text elsewhere.
JSONDocument = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

STATUS_VALUES = tuple(status.value for status in ReferralStatus)

referrals = sa.Table(
    "referrals",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    # Rasa's conversation id (events.sender_id): the link to the conversation staff will read.
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    # The input channel the family used ("rest", "telegram", ...), when Rasa knows it.
    sa.Column("channel", sa.String(64), nullable=True),
    sa.Column(
        "created_at",
        UTCDateTime(),
        nullable=False,
        default=utc_now,
        server_default=sa.func.current_timestamp(),
    ),
    sa.Column(
        "updated_at",
        UTCDateTime(),
        nullable=False,
        default=utc_now,
        onupdate=utc_now,
        server_default=sa.func.current_timestamp(),
    ),
    sa.Column(
        "status",
        sa.String(16),
        nullable=False,
        default=ReferralStatus.NEW.value,
        server_default=ReferralStatus.NEW.value,
    ),
    # The staff member working the referral; a plain name until staff accounts exist.
    sa.Column("assignee", sa.String(255), nullable=True),
    # What the family told us, in plain lines (bot.screening.facts.summary_lines).
    sa.Column("summary", sa.Text, nullable=False),
    # The engine's input (bot.screening.facts.case_from_slots) and its output (assess_dict).
    sa.Column("facts", JSONDocument, nullable=False),
    sa.Column("assessment", JSONDocument, nullable=True),
    # When the family said yes to sharing: the timestamp of that message.
    sa.Column("consented_at", UTCDateTime(), nullable=False),
    sa.CheckConstraint(
        "status IN (" + ", ".join(f"'{value}'" for value in STATUS_VALUES) + ")",
        name="status",
    ),
    # The staff queue: newest referrals of one status first.
    sa.Index("ix_referrals_status_created_at", "status", "created_at"),
)

# Rasa's `events` table (rasa.core.tracker_store.SQLTrackerStore.SQLEvent), described for reading
# and for erasure on request. Not in `metadata`: Rasa creates it, and migrations never touch it.
rasa_events = sa.Table(
    "events",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("type_name", sa.String(255), nullable=False),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)


# --- Staff console (bot/staff, docs/staff.md) -------------------------------------------------
# Accounts, the login limiter, the conversation index kept from `events`, review work, the
# audit log. Every row that belongs to one conversation carries its `sender_id`, so that erasing
# the conversation (repository.erase_conversation) can remove it.


class StaffRole(str, Enum):
    """What a staff account may do: reviewers read, tag and note; admins also manage."""

    REVIEWER = "reviewer"
    ADMIN = "admin"


ROLE_VALUES = tuple(role.value for role in StaffRole)

staff_users = sa.Table(
    "staff_users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(64), nullable=False, unique=True),
    # Argon2id (argon2-cffi), never the password itself.
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, default=True, server_default=sa.true()),
    # Part of the session's user id: a new token (new password, new role, deactivation) ends
    # every session signed in before.
    sa.Column("session_token", sa.String(64), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False, default=utc_now),
    sa.Column("last_login_at", UTCDateTime(), nullable=True),
    sa.CheckConstraint(
        "role IN (" + ", ".join(f"'{value}'" for value in ROLE_VALUES) + ")", name="role"
    ),
)

# Failed sign-ins, one row each, per username and per client address (both as SHA-256 digests:
# what someone typed as a username is not kept). Rows older than the window are deleted.
staff_login_failures = sa.Table(
    "staff_login_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("bucket", sa.String(64), nullable=False),
    sa.Column("failed_at", UTCDateTime(), nullable=False),
    sa.Index("ix_staff_login_failures_bucket_failed_at", "bucket", "failed_at"),
)

# One row per conversation, derived from `events` (bot.storage.conversations): what the list
# and its filters read instead of scanning events. Rebuilt at will; holds no staff work.
staff_conversations = sa.Table(
    "staff_conversations",
    metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("channel", sa.String(64), nullable=True),
    sa.Column("first_at", UTCDateTime(), nullable=False),
    sa.Column("last_at", UTCDateTime(), nullable=False),
    sa.Column("started_on", sa.Date, nullable=False),
    sa.Column("event_count", sa.Integer, nullable=False),
    sa.Column("message_count", sa.Integer, nullable=False),
    sa.Column("user_message_count", sa.Integer, nullable=False),
    # The family's first message, shortened: what the list shows.
    sa.Column("opening", sa.String(160), nullable=True),
    sa.Column("last_intent", sa.String(255), nullable=True),
    sa.Column("had_fallback", sa.Boolean, nullable=False),
    sa.Column("min_confidence", sa.Float, nullable=True),
    sa.Column("has_referral", sa.Boolean, nullable=False),
    # The engine's route at the latest assessment (action_assess_eligibility), if any.
    sa.Column("outcome", sa.String(32), nullable=True),
    sa.Column("last_event_id", sa.Integer, nullable=False),
    # Keyset paging (newest first) and each equality filter in that order.
    sa.Index("ix_staff_conversations_last_at_sender_id", "last_at", "sender_id"),
    sa.Index("ix_staff_conversations_channel_last_at", "channel", "last_at"),
    sa.Index("ix_staff_conversations_last_intent_last_at", "last_intent", "last_at"),
    sa.Index("ix_staff_conversations_had_fallback_last_at", "had_fallback", "last_at"),
    sa.Index("ix_staff_conversations_has_referral_last_at", "has_referral", "last_at"),
    sa.Index("ix_staff_conversations_outcome_last_at", "outcome", "last_at"),
    sa.Index("ix_staff_conversations_min_confidence", "min_confidence"),
    sa.Index("ix_staff_conversations_started_on", "started_on"),
)

# What a conversation contains, one row per distinct (kind, value): intent, action, entity,
# entity_value ("AGE=70"), slot (name), slot_value ("jurisdiction=state").
staff_conversation_terms = sa.Table(
    "staff_conversation_terms",
    metadata,
    sa.Column("kind", sa.String(16), primary_key=True),
    sa.Column("value", sa.String(255), primary_key=True),
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Index("ix_staff_conversation_terms_sender_id", "sender_id"),
)

# The family's messages joined, for free-text search (PostgreSQL: a GIN full-text index made by
# the migration; SQLite: LIKE).
staff_conversation_text = sa.Table(
    "staff_conversation_text",
    metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("body", sa.Text, nullable=False),
)

# How far `events` has been read into staff_conversations (events.id).
staff_sync_state = sa.Table(
    "staff_sync_state",
    metadata,
    sa.Column("name", sa.String(32), primary_key=True),
    sa.Column("watermark", sa.Integer, nullable=False),
    sa.Column("updated_at", UTCDateTime(), nullable=False),
)

staff_reviews = sa.Table(
    "staff_reviews",
    metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("reviewed_at", UTCDateTime(), nullable=False),
    sa.Column("reviewed_by", sa.String(64), nullable=False),
)

staff_tags = sa.Table(
    "staff_tags",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False),
    sa.Column("tag", sa.String(64), nullable=False),
    sa.Column("created_by", sa.String(64), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False, default=utc_now),
    sa.UniqueConstraint("sender_id", "tag"),
    sa.Index("ix_staff_tags_tag_sender_id", "tag", "sender_id"),
)

# Notes on a conversation, or on its referral (referral_id set).
staff_notes = sa.Table(
    "staff_notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column(
        "referral_id",
        sa.Integer,
        sa.ForeignKey("referrals.id", ondelete="CASCADE"),
        nullable=True,
        index=True,
    ),
    sa.Column("author", sa.String(64), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False, default=utc_now),
)

# A family message the assistant misunderstood (events.id of the `user` event), with the
# intent it should have had: exported as NLU training data.
staff_flags = sa.Table(
    "staff_flags",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("event_id", sa.Integer, nullable=False),
    sa.Column("corrected_intent", sa.String(255), nullable=True),
    sa.Column("reason", sa.String(500), nullable=True),
    sa.Column("created_by", sa.String(64), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False, default=utc_now),
    sa.UniqueConstraint("event_id"),
)

# Who viewed, exported, erased or changed what. Never holds message text; kept when a
# conversation is erased (the record that it was erased).
staff_audit = sa.Table(
    "staff_audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", UTCDateTime(), nullable=False, default=utc_now, index=True),
    sa.Column("actor", sa.String(64), nullable=True),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("target", sa.String(255), nullable=True),
    sa.Column("detail", sa.String(255), nullable=True),
    sa.Index("ix_staff_audit_target", "target"),
)

# Rasa's conversation locks (bot.storage.lock_store.SQLLockStore): one row per conversation
# being handled, holding its serialized TicketLock (ticket numbers and expiry times, no text).
# Deleted when no turn waits; the key is the conversation id, as in Rasa's Redis lock store.
conversation_locks = sa.Table(
    "conversation_locks",
    metadata,
    sa.Column("conversation_id", sa.String(255), primary_key=True),
    sa.Column("lock", sa.Text, nullable=False),
)

# Rows of one conversation in the staff tables, in the order erasure deletes them.
CONVERSATION_STAFF_TABLES = (
    staff_flags,
    staff_notes,
    staff_tags,
    staff_reviews,
    staff_conversation_terms,
    staff_conversation_text,
    staff_conversations,
)
