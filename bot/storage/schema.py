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
