"""Staff's review work on a conversation: tags, notes, "reviewed", flagged messages.

Functions take a Session and never commit. Bad input raises `ReviewError` with a sentence to
show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.storage.schema import (
    rasa_events,
    staff_flags,
    staff_notes,
    staff_reviews,
    staff_tags,
    utc_now,
)

from .events import read_data, user_text

NOTE_MAX_CHARS = 5000
REASON_MAX_CHARS = 500
_TAG = re.compile(r"[a-z0-9][a-z0-9 _-]{0,63}")


class ReviewError(ValueError):
    """Input staff can correct; the message says how."""


@dataclass(frozen=True)
class Note:
    """A staff note on a conversation or its referral."""

    id: int
    sender_id: str
    referral_id: int | None
    author: str
    body: str
    created_at: datetime


@dataclass(frozen=True)
class Flag:
    """A family message staff marked as misunderstood."""

    id: int
    sender_id: str
    event_id: int
    corrected_intent: str | None
    reason: str | None
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class Review:
    """Who marked the conversation reviewed, and when."""

    reviewed_at: datetime
    reviewed_by: str


def clean_tag(text: str) -> str:
    """A tag as stored: lower case, single spaces; `ReviewError` if it cannot be one."""
    tag = " ".join(text.lower().split())
    if not _TAG.fullmatch(tag):
        raise ReviewError("A tag is 1 to 64 letters, digits, spaces, '-' or '_'.")
    return tag


def add_tag(session: Session, sender_id: str, text: str, by: str) -> bool:
    """Tag the conversation; False when it already had the tag."""
    tag = clean_tag(text)
    exists = session.execute(
        sa.select(staff_tags.c.id).where(
            staff_tags.c.sender_id == sender_id, staff_tags.c.tag == tag
        )
    ).first()
    if exists:
        return False
    session.execute(
        sa.insert(staff_tags).values(
            sender_id=sender_id, tag=tag, created_by=by, created_at=utc_now()
        )
    )
    return True


def remove_tag(session: Session, sender_id: str, tag: str) -> None:
    """Remove a tag from the conversation (nothing happens if it was not there)."""
    session.execute(
        sa.delete(staff_tags).where(staff_tags.c.sender_id == sender_id, staff_tags.c.tag == tag)
    )


def tags_of(session: Session, sender_id: str) -> list[str]:
    """The conversation's tags, alphabetically."""
    return list(
        session.execute(
            sa.select(staff_tags.c.tag)
            .where(staff_tags.c.sender_id == sender_id)
            .order_by(staff_tags.c.tag)
        ).scalars()
    )


def known_tags(session: Session, limit: int = 200) -> list[str]:
    """Tags in use, for suggestions."""
    return list(
        session.execute(
            sa.select(staff_tags.c.tag).distinct().order_by(staff_tags.c.tag).limit(limit)
        ).scalars()
    )


def add_note(
    session: Session, sender_id: str, body: str, by: str, referral_id: int | None = None
) -> int:
    """Add a note; return its id."""
    text = body.strip()
    if not text:
        raise ReviewError("Write something in the note first.")
    if len(text) > NOTE_MAX_CHARS:
        raise ReviewError(f"A note is at most {NOTE_MAX_CHARS} characters.")
    result = session.execute(
        sa.insert(staff_notes).values(
            sender_id=sender_id,
            referral_id=referral_id,
            author=by,
            body=text,
            created_at=utc_now(),
        )
    )
    (note_id,) = result.inserted_primary_key  # type: ignore[attr-defined]
    return int(note_id)


def notes_of(
    session: Session, sender_id: str | None = None, *, referral_id: int | None = None
) -> list[Note]:
    """Notes on a conversation (all of them) or on one referral, oldest first."""
    query = sa.select(staff_notes).order_by(staff_notes.c.id)
    if referral_id is not None:
        query = query.where(staff_notes.c.referral_id == referral_id)
    if sender_id is not None:
        query = query.where(staff_notes.c.sender_id == sender_id)
    return [
        Note(
            id=row.id,
            sender_id=row.sender_id,
            referral_id=row.referral_id,
            author=row.author,
            body=row.body,
            created_at=row.created_at,
        )
        for row in session.execute(query)
    ]


def mark_reviewed(session: Session, sender_id: str, by: str) -> None:
    """Record that `by` reviewed the conversation now."""
    clear_review(session, sender_id)
    session.execute(
        sa.insert(staff_reviews).values(sender_id=sender_id, reviewed_at=utc_now(), reviewed_by=by)
    )


def clear_review(session: Session, sender_id: str) -> None:
    """Mark the conversation not reviewed."""
    session.execute(sa.delete(staff_reviews).where(staff_reviews.c.sender_id == sender_id))


def review_of(session: Session, sender_id: str) -> Review | None:
    """The conversation's review, if any."""
    row = session.execute(
        sa.select(staff_reviews).where(staff_reviews.c.sender_id == sender_id)
    ).first()
    return None if row is None else Review(row.reviewed_at, row.reviewed_by)


def flag_message(
    session: Session,
    sender_id: str,
    event_id: int,
    by: str,
    *,
    corrected_intent: str | None,
    reason: str | None,
) -> None:
    """Flag a family message (replacing an earlier flag on it)."""
    row = session.execute(
        sa.select(rasa_events.c.sender_id, rasa_events.c.type_name).where(
            rasa_events.c.id == event_id
        )
    ).first()
    if row is None or row.sender_id != sender_id or row.type_name != "user":
        raise ReviewError("Only a family message of this conversation can be flagged.")
    reason = (reason or "").strip() or None
    if reason is not None and len(reason) > REASON_MAX_CHARS:
        raise ReviewError(f"The reason is at most {REASON_MAX_CHARS} characters.")
    session.execute(sa.delete(staff_flags).where(staff_flags.c.event_id == event_id))
    session.execute(
        sa.insert(staff_flags).values(
            sender_id=sender_id,
            event_id=event_id,
            corrected_intent=corrected_intent or None,
            reason=reason,
            created_by=by,
            created_at=utc_now(),
        )
    )


def unflag(session: Session, sender_id: str, event_id: int) -> None:
    """Remove the flag from a message."""
    session.execute(
        sa.delete(staff_flags).where(
            staff_flags.c.sender_id == sender_id, staff_flags.c.event_id == event_id
        )
    )


def flags_of(session: Session, sender_id: str) -> dict[int, Flag]:
    """The conversation's flags, by the flagged event's id."""
    rows = session.execute(sa.select(staff_flags).where(staff_flags.c.sender_id == sender_id))
    return {row.event_id: _flag(row) for row in rows}


def corrections(session: Session) -> list[tuple[str, str]]:
    """Every flagged message that has a corrected intent, as (intent, text), oldest first."""
    rows = session.execute(
        sa.select(staff_flags.c.corrected_intent, rasa_events.c.data)
        .join(rasa_events, rasa_events.c.id == staff_flags.c.event_id)
        .where(staff_flags.c.corrected_intent.is_not(None))
        .order_by(staff_flags.c.id)
    )
    return [(str(intent), user_text(read_data(data))) for intent, data in rows]


def _flag(row: sa.engine.Row) -> Flag:
    return Flag(
        id=row.id,
        sender_id=row.sender_id,
        event_id=row.event_id,
        corrected_intent=row.corrected_intent,
        reason=row.reason,
        created_by=row.created_by,
        created_at=row.created_at,
    )
