"""The referral queue as staff work it: filters by status and assignee, and notes."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.storage import Referral, ReferralStatus, list_referrals, update_referral
from bot.storage.schema import referrals

from . import review

PAGE_SIZE = 50
UNASSIGNED = "-"


@dataclass(frozen=True)
class QueuePage:
    """A page of the queue and the count of each status."""

    rows: list[Referral]
    page: int
    more: bool
    counts: dict[str, int]


def queue(
    session: Session,
    *,
    status: ReferralStatus | None = None,
    assignee: str | None = None,
    page: int = 1,
) -> QueuePage:
    """Referrals newest first; `assignee` "-" means unassigned."""
    found = list_referrals(
        session,
        status=status,
        assignee=None if assignee == UNASSIGNED else assignee,
        unassigned=assignee == UNASSIGNED,
        limit=PAGE_SIZE + 1,
        offset=(page - 1) * PAGE_SIZE,
    )
    counts = {
        str(status): int(count)
        for status, count in session.execute(
            sa.select(referrals.c.status, sa.func.count()).group_by(referrals.c.status)
        )
    }
    return QueuePage(
        rows=found[:PAGE_SIZE],
        page=page,
        more=len(found) > PAGE_SIZE,
        counts={s.value: int(counts.get(s.value, 0)) for s in ReferralStatus},
    )


def update(
    session: Session,
    referral_id: int,
    *,
    status: ReferralStatus,
    assignee: str | None,
    note: str | None,
    by: str,
) -> Referral | None:
    """Change status and assignee, and add the note if there is one; None if no such referral."""
    updated = update_referral(session, referral_id, status=status, assignee=assignee)
    if updated is not None and note and note.strip():
        review.add_note(session, updated.sender_id, note, by, referral_id=referral_id)
    return updated
