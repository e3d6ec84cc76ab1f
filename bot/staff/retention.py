"""Retention: erase every conversation whose last message is older than N days.

Each conversation goes the same way as "forget me": its events, its referral and every staff
row about it (bot.storage.repository.erase_conversation). A conversation whose referral is still
open (new, contacted or submitted) is kept until staff close the referral: it is work in progress
for a family, and the report counts it. The audit log keeps one line per conversation purged.

Each conversation is erased while holding its lock from the lock store Rasa uses (so a message
being answered cannot write it back), in a transaction of its own that checks again, before
deleting, that the conversation is still old and has no open referral: a family may have
written, or a referral been opened, since the conversations were listed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from rasa.core.lock_store import InMemoryLockStore, LockError, LockStore
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.storage import erase_conversation, transaction
from bot.storage.erasure import overwrite_erased_pages
from bot.storage.lock_store import conversation_lock
from bot.storage.pseudonyms import sender_hash
from bot.storage.schema import ReferralStatus, rasa_events, staff_conversations
from bot.storage.schema import referrals as referrals_table

from . import audit
from .indexer import sync

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PurgeReport:
    """What a purge erased (or, in a dry run, would erase)."""

    cutoff: datetime
    conversations: int
    events: int
    referrals: int
    kept_open_referrals: int = 0


def purge(
    engine: Engine,
    *,
    older_than_days: int,
    now: datetime,
    actor: str,
    dry_run: bool = False,
    lock_store: LockStore | None = None,
) -> PurgeReport:
    """Erase conversations last active before `now - older_than_days`.

    `lock_store` is the one the Rasa servers use (the command builds it from the endpoints
    file); without one, locks are taken in this process only.
    """
    if older_than_days < 1:
        raise ValueError("older_than_days must be at least 1")
    cutoff = now - timedelta(days=older_than_days)
    caught_up = False
    while not caught_up:
        with transaction(engine) as session:
            caught_up = sync(session).caught_up
    stale = staff_conversations.c.last_at < cutoff
    open_referral = sa.exists().where(
        sa.and_(
            referrals_table.c.sender_id == staff_conversations.c.sender_id,
            referrals_table.c.status != ReferralStatus.CLOSED.value,
        )
    )
    old = sa.select(staff_conversations.c.sender_id).where(stale, ~open_referral)
    with transaction(engine) as session:
        kept = int(
            session.execute(
                sa.select(sa.func.count())
                .select_from(staff_conversations)
                .where(stale, open_referral)
            ).scalar_one()
        )
        candidates = list(session.execute(old.order_by(staff_conversations.c.last_at)).scalars())
    if dry_run:
        return PurgeReport(cutoff, len(candidates), 0, 0, kept)
    store = lock_store or InMemoryLockStore()
    detail = f"older than {older_than_days} days"
    conversations = events = referrals = 0
    for sender_id in candidates:
        try:
            with conversation_lock(store, sender_id), transaction(engine) as session:
                # A write first: on SQLite it takes the write lock, so what is checked next
                # cannot change before the deletion commits. Rolled back if the check fails.
                audit.record(session, actor, "purge", sender_id, detail)
                reason = _reason_to_keep(session, sender_id, cutoff)
                if reason is not None:
                    raise _Kept(reason)
                erased = erase_conversation(session, sender_id)
        except _Kept as keeping:
            kept += keeping.reason == OPEN_REFERRAL
            continue
        except LockError:
            logger.warning(
                "Purge skipped conversation %s: a message of it is still being answered",
                sender_hash(sender_id),
            )
            continue
        conversations += 1
        events += erased.events
        referrals += erased.referrals
    if conversations:
        overwrite_erased_pages(engine)
    return PurgeReport(cutoff, conversations, events, referrals, kept)


OPEN_REFERRAL = "open referral"
RECENT_MESSAGE = "recent message"


class _Kept(Exception):
    """The conversation no longer qualifies: its transaction is rolled back."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _reason_to_keep(session: Session, sender_id: str, cutoff: datetime) -> str | None:
    """Why the conversation must stay after all (checked inside the deleting transaction)."""
    open_ids = session.execute(
        sa.select(referrals_table.c.id)
        .where(
            referrals_table.c.sender_id == sender_id,
            referrals_table.c.status != ReferralStatus.CLOSED.value,
        )
        .with_for_update()
    ).all()
    if open_ids:
        return OPEN_REFERRAL
    newest = session.execute(
        sa.select(sa.func.max(rasa_events.c.timestamp)).where(rasa_events.c.sender_id == sender_id)
    ).scalar_one()
    if newest is not None and newest >= cutoff.timestamp():
        return RECENT_MESSAGE
    return None
