"""Keeps staff_conversations (and its terms and text) up to date from Rasa's `events`.

Incremental: `sync` reads only the events added since the last run (`events.id` above the
watermark in staff_sync_state) and recomputes the conversations they belong to from all of
their events, so the list never scans `events`. Rasa appends events and never edits them; the
console deletes them only to erase a conversation, which also deletes its summary.

Two subtleties:

- On PostgreSQL ids are handed out before commit, so a turn saved a moment later than a higher
  id may appear below the watermark. Each run therefore also looks back over the last
  LOOKBACK_IDS ids for events newer than their conversation's summary.
- An erasure may run while a summary is being recomputed. Events are read with a share lock on
  PostgreSQL (the erasure waits for us) and, after writing, summaries of conversations that no
  longer have events are deleted again (SQLite, where writers queue).
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.storage.schema import (
    rasa_events,
    staff_conversation_terms,
    staff_conversation_text,
    staff_conversations,
    staff_sync_state,
    utc_now,
)

from .events import events_of
from .summary import ConversationSummary, senders, summarize

STATE_NAME = "events"
LOOKBACK_IDS = 2000
BATCH_EVENTS = 5000
CHUNK_SENDERS = 400
DERIVED_TABLES = (staff_conversation_terms, staff_conversation_text, staff_conversations)

# One sync at a time in this process; other processes wait on the state row's lock.
_running = threading.Lock()


@dataclass(frozen=True)
class SyncReport:
    """What one sync did."""

    events: int
    conversations: int
    watermark: int
    caught_up: bool


def sync(session: Session, *, max_events: int = BATCH_EVENTS) -> SyncReport:
    """Index at most `max_events` new events (and any late ones); the caller commits."""
    watermark = _locked_watermark(session)
    late = _late_senders(session, watermark)
    new = session.execute(
        sa.select(rasa_events.c.id, rasa_events.c.sender_id)
        .where(rasa_events.c.id > watermark)
        .order_by(rasa_events.c.id)
        .limit(max_events)
    ).all()
    touched = late | {row.sender_id for row in new}
    reindex(session, touched)
    if new:
        watermark = max(row.id for row in new)
        session.execute(
            sa.update(staff_sync_state)
            .where(staff_sync_state.c.name == STATE_NAME)
            .values(watermark=watermark, updated_at=utc_now())
        )
    return SyncReport(
        events=len(new),
        conversations=len(touched),
        watermark=watermark,
        caught_up=len(new) < max_events,
    )


def try_sync(session: Session, *, max_events: int = BATCH_EVENTS) -> SyncReport | None:
    """`sync`, unless another thread of this process is already syncing (then None)."""
    if not _running.acquire(blocking=False):
        return None
    try:
        return sync(session, max_events=max_events)
    finally:
        _running.release()


def pending_events(session: Session) -> int:
    """How many events the index has not read yet."""
    watermark = session.execute(
        sa.select(staff_sync_state.c.watermark).where(staff_sync_state.c.name == STATE_NAME)
    ).scalar_one_or_none()
    count = session.execute(
        sa.select(sa.func.count())
        .select_from(rasa_events)
        .where(rasa_events.c.id > (watermark or 0))
    ).scalar_one()
    return int(count)


def reindex(session: Session, sender_ids: Collection[str]) -> int:
    """Recompute the summaries of these conversations from their events; return how many."""
    ordered = sorted(sender_ids)
    written = 0
    for start in range(0, len(ordered), CHUNK_SENDERS):
        chunk = ordered[start : start + CHUNK_SENDERS]
        grouped = senders(events_of(session, chunk, lock=True))
        summaries = [s for s in (summarize(rows) for rows in grouped.values()) if s is not None]
        delete_derived(session, chunk)
        _insert(session, summaries)
        _drop_erased(session, chunk)
        written += len(summaries)
    return written


def rebuild(session: Session) -> None:
    """Forget the index (not the staff's work) and start again from the first event."""
    for table in DERIVED_TABLES:
        session.execute(sa.delete(table))
    _locked_watermark(session)
    session.execute(
        sa.update(staff_sync_state)
        .where(staff_sync_state.c.name == STATE_NAME)
        .values(watermark=0, updated_at=utc_now())
    )


def delete_derived(session: Session, sender_ids: Iterable[str]) -> None:
    """Delete the summaries, terms and text of these conversations."""
    ids = list(sender_ids)
    for table in DERIVED_TABLES:
        session.execute(sa.delete(table).where(table.c.sender_id.in_(ids)))


def _locked_watermark(session: Session) -> int:
    """The watermark, its row locked until commit (PostgreSQL): one sync at a time."""
    query = (
        sa.select(staff_sync_state.c.watermark)
        .where(staff_sync_state.c.name == STATE_NAME)
        .with_for_update()
    )
    watermark = session.execute(query).scalar_one_or_none()
    if watermark is not None:
        return int(watermark)
    dialect = session.get_bind().dialect.name
    values = {"name": STATE_NAME, "watermark": 0, "updated_at": utc_now()}
    if dialect == "postgresql":
        session.execute(
            postgresql.insert(staff_sync_state).values(**values).on_conflict_do_nothing()
        )
    elif dialect == "sqlite":
        session.execute(sqlite.insert(staff_sync_state).values(**values).on_conflict_do_nothing())
    else:  # pragma: no cover - the console runs on SQLite and PostgreSQL
        raise RuntimeError(f"unsupported database: {dialect}")
    return int(session.execute(query).scalar_one())


def _late_senders(session: Session, watermark: int) -> set[str]:
    """Conversations with an event at or below the watermark that their summary lacks."""
    summary = staff_conversations
    rows = session.execute(
        sa.select(rasa_events.c.sender_id)
        .distinct()
        .select_from(rasa_events.outerjoin(summary, summary.c.sender_id == rasa_events.c.sender_id))
        .where(
            rasa_events.c.id > watermark - LOOKBACK_IDS,
            rasa_events.c.id <= watermark,
            sa.or_(
                summary.c.sender_id.is_(None),
                summary.c.last_event_id < rasa_events.c.id,
            ),
        )
    ).scalars()
    return set(rows)


def _insert(session: Session, summaries: list[ConversationSummary]) -> None:
    if not summaries:
        return
    session.execute(
        sa.insert(staff_conversations),
        [
            {
                "sender_id": s.sender_id,
                "channel": s.channel,
                "first_at": s.first_at,
                "last_at": s.last_at,
                "started_on": s.started_on,
                "event_count": s.event_count,
                "message_count": s.message_count,
                "user_message_count": s.user_message_count,
                "opening": s.opening,
                "last_intent": s.last_intent,
                "had_fallback": s.had_fallback,
                "min_confidence": s.min_confidence,
                "has_referral": s.has_referral,
                "outcome": s.outcome,
                "last_event_id": s.last_event_id,
            }
            for s in summaries
        ],
    )
    terms = [
        {"kind": kind, "value": value, "sender_id": s.sender_id}
        for s in summaries
        for kind, value in s.terms
    ]
    if terms:
        session.execute(sa.insert(staff_conversation_terms), terms)
    texts = [{"sender_id": s.sender_id, "body": s.text} for s in summaries if s.text]
    if texts:
        session.execute(sa.insert(staff_conversation_text), texts)


def _drop_erased(session: Session, sender_ids: list[str]) -> None:
    """Delete again what was just written for a conversation erased in the meantime."""
    has_events = (
        sa.select(rasa_events.c.id)
        .where(rasa_events.c.sender_id == staff_conversations.c.sender_id)
        .exists()
    )
    erased = session.execute(
        sa.select(staff_conversations.c.sender_id).where(
            staff_conversations.c.sender_id.in_(sender_ids), ~has_events
        )
    ).scalars()
    gone = list(erased)
    if gone:
        delete_derived(session, gone)
