"""The conversation list: staff_conversations filtered, newest first, paged by keyset.

Keyset paging (WHERE (last_at, sender_id) < cursor ORDER BY last_at DESC, sender_id DESC
LIMIT n) reads one index range per page however deep staff page, where OFFSET would read and
skip every row before the page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from bot.storage.schema import (
    UTCDateTime,
    staff_conversation_terms,
    staff_conversation_text,
    staff_conversations,
    staff_flags,
    staff_reviews,
    staff_tags,
)

from .filters import Cursor, Filters

PAGE_SIZE = 50
MAX_SEARCH_WORDS = 8
_WORD = re.compile(r"\w+")

conversations = staff_conversations
reviews = staff_reviews


@dataclass(frozen=True)
class ListedConversation:
    """One line of the list."""

    sender_id: str
    channel: str | None
    first_at: datetime
    last_at: datetime
    message_count: int
    user_message_count: int
    opening: str | None
    last_intent: str | None
    had_fallback: bool
    min_confidence: float | None
    has_referral: bool
    outcome: str | None
    reviewed_at: datetime | None
    reviewed_by: str | None
    tags: tuple[str, ...]
    flags: int

    @property
    def review_status(self) -> str:
        """unreviewed, reviewed, or changed (new messages since the review)."""
        if self.reviewed_at is None:
            return "unreviewed"
        return "reviewed" if self.reviewed_at >= self.last_at else "changed"

    @property
    def cursor(self) -> Cursor:
        """The keyset position of this line."""
        return Cursor(self.last_at, self.sender_id)


@dataclass(frozen=True)
class Page:
    """A page of the list and the cursors of its neighbours (None at either end)."""

    rows: list[ListedConversation]
    older: Cursor | None
    newer: Cursor | None


def list_conversations(
    session: Session,
    filters: Filters,
    *,
    after: Cursor | None = None,
    before: Cursor | None = None,
    limit: int = PAGE_SIZE,
) -> Page:
    """One page of matching conversations, newest first: after `after`, or before `before`."""
    key: Any = sa.tuple_(conversations.c.last_at, conversations.c.sender_id)
    query = (
        sa.select(conversations, reviews.c.reviewed_at, reviews.c.reviewed_by)
        .select_from(
            conversations.outerjoin(reviews, reviews.c.sender_id == conversations.c.sender_id)
        )
        .where(*conditions(filters, session.get_bind().dialect.name))
    )
    if before is not None:
        query = query.where(key > _key(before)).order_by(
            conversations.c.last_at.asc(), conversations.c.sender_id.asc()
        )
    else:
        if after is not None:
            query = query.where(key < _key(after))
        query = query.order_by(conversations.c.last_at.desc(), conversations.c.sender_id.desc())
    rows = session.execute(query.limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    if before is not None:
        rows.reverse()
    listed = _listed(session, rows)
    if before is not None:
        older = listed[-1].cursor if listed else None
        newer = listed[0].cursor if listed and more else None
    else:
        older = listed[-1].cursor if listed and more else None
        newer = listed[0].cursor if listed and after is not None else None
    return Page(listed, older=older, newer=newer)


def conditions(filters: Filters, dialect: str) -> list[ColumnElement[Any]]:
    """The WHERE conditions of `filters` on staff_conversations."""
    c = conversations.c
    where: list[ColumnElement[Any]] = []
    if filters.channel:
        where.append(c.channel == filters.channel)
    if filters.since:
        where.append(c.last_at >= _start_of(filters.since))
    if filters.until:
        where.append(c.last_at < _start_of(filters.until + timedelta(days=1)))
    if filters.min_messages is not None:
        where.append(c.user_message_count >= filters.min_messages)
    if filters.last_intent:
        where.append(c.last_intent == filters.last_intent)
    if filters.below is not None:
        where.append(c.min_confidence < filters.below)
    if filters.fallback is not None:
        where.append(c.had_fallback == filters.fallback)
    if filters.referral is not None:
        where.append(c.has_referral == filters.referral)
    if filters.outcome:
        where.append(c.outcome == filters.outcome)
    if filters.review == "unreviewed":
        where.append(reviews.c.sender_id.is_(None))
    elif filters.review == "reviewed":
        where.append(reviews.c.reviewed_at >= c.last_at)
    elif filters.review == "changed":
        where.append(reviews.c.reviewed_at < c.last_at)
    for kind, value in filters.term_filters():
        terms = staff_conversation_terms.c
        where.append(
            sa.exists().where(
                sa.and_(terms.kind == kind, terms.value == value, terms.sender_id == c.sender_id)
            )
        )
    if filters.tag:
        tags = staff_tags.c
        where.append(
            sa.exists().where(sa.and_(tags.tag == filters.tag, tags.sender_id == c.sender_id))
        )
    if filters.flagged is not None:
        flagged = sa.exists().where(staff_flags.c.sender_id == c.sender_id)
        where.append(flagged if filters.flagged else ~flagged)
    if filters.text:
        where.append(c.sender_id.in_(text_matches(filters.text, dialect)))
    return where


def text_matches(text: str, dialect: str) -> sa.sql.Select:
    """The conversations whose family messages contain every word of `text`.

    PostgreSQL: full-text search on word prefixes ("canc" finds "cancer"), through the GIN index
    the migration creates. SQLite: a case-insensitive substring match per word.
    """
    body = staff_conversation_text.c.body
    words = _WORD.findall(text.lower())[:MAX_SEARCH_WORDS] or [""]
    query = sa.select(staff_conversation_text.c.sender_id)
    if dialect == "postgresql" and words != [""]:
        tsquery = " & ".join(f"{word}:*" for word in words)
        return query.where(
            sa.func.to_tsvector("simple", body).op("@@")(sa.func.to_tsquery("simple", tsquery))
        )
    return query.where(*(body.ilike(f"%{_escape(word)}%", escape="\\") for word in words))


def _escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _start_of(day: Any) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.utc)


def _key(cursor: Cursor) -> Any:
    return sa.tuple_(
        sa.bindparam(None, cursor.last_at, type_=UTCDateTime()),
        sa.bindparam(None, cursor.sender_id, type_=sa.String()),
    )


def _listed(session: Session, rows: Sequence[Any]) -> list[ListedConversation]:
    ids = [row.sender_id for row in rows]
    tags: dict[str, list[str]] = {}
    flags: dict[str, int] = {}
    if ids:
        for sender_id, tag in session.execute(
            sa.select(staff_tags.c.sender_id, staff_tags.c.tag)
            .where(staff_tags.c.sender_id.in_(ids))
            .order_by(staff_tags.c.tag)
        ):
            tags.setdefault(sender_id, []).append(tag)
        for sender_id, count in session.execute(
            sa.select(staff_flags.c.sender_id, sa.func.count())
            .where(staff_flags.c.sender_id.in_(ids))
            .group_by(staff_flags.c.sender_id)
        ):
            flags[sender_id] = int(count)
    return [
        ListedConversation(
            sender_id=row.sender_id,
            channel=row.channel,
            first_at=row.first_at,
            last_at=row.last_at,
            message_count=row.message_count,
            user_message_count=row.user_message_count,
            opening=row.opening,
            last_intent=row.last_intent,
            had_fallback=row.had_fallback,
            min_confidence=row.min_confidence,
            has_referral=row.has_referral,
            outcome=row.outcome,
            reviewed_at=row.reviewed_at,
            reviewed_by=row.reviewed_by,
            tags=tuple(tags.get(row.sender_id, ())),
            flags=flags.get(row.sender_id, 0),
        )
        for row in rows
    ]
