"""Retention: erase every conversation whose last message is older than N days.

Each conversation goes the same way as "forget me": its events, its referral and every staff
row about it (bot.storage.repository.erase_conversation). A conversation whose referral is still
open (new, contacted or submitted) is kept until staff close the referral: it is work in progress
for a family, and the report counts it. The audit log keeps one line per conversation purged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.storage import erase_conversation, transaction
from bot.storage.schema import ReferralStatus, staff_conversations
from bot.storage.schema import referrals as referrals_table

from . import audit
from .indexer import sync

BATCH_CONVERSATIONS = 200


@dataclass(frozen=True)
class PurgeReport:
    """What a purge erased (or, in a dry run, would erase)."""

    cutoff: datetime
    conversations: int
    events: int
    referrals: int
    kept_open_referrals: int = 0


def purge(
    engine: Engine, *, older_than_days: int, now: datetime, actor: str, dry_run: bool = False
) -> PurgeReport:
    """Erase conversations last active before `now - older_than_days`."""
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
        kept = session.execute(
            sa.select(sa.func.count()).select_from(staff_conversations).where(stale, open_referral)
        ).scalar_one()
    if dry_run:
        with transaction(engine) as session:
            count = session.execute(
                sa.select(sa.func.count()).select_from(old.subquery())
            ).scalar_one()
        return PurgeReport(cutoff, int(count), 0, 0, int(kept))
    conversations = events = referrals = 0
    while True:
        with transaction(engine) as session:
            batch = list(
                session.execute(
                    old.order_by(staff_conversations.c.last_at).limit(BATCH_CONVERSATIONS)
                ).scalars()
            )
            for sender_id in batch:
                erased = erase_conversation(session, sender_id)
                events += erased.events
                referrals += erased.referrals
                audit.record(
                    session, actor, "purge", sender_id, f"older than {older_than_days} days"
                )
            conversations += len(batch)
        if len(batch) < BATCH_CONVERSATIONS:
            return PurgeReport(cutoff, conversations, events, referrals, int(kept))
