"""The dashboard's figures, from staff_conversations and referrals (never from `events`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.storage.schema import (
    ReferralStatus,
    referrals,
    staff_conversation_terms,
    staff_conversations,
)

TOP_INTENTS = 12
UNKNOWN_CHANNEL = "unknown"


@dataclass(frozen=True)
class Dashboard:
    """Figures for the last `days` days up to `today` (UTC), and the referral queue."""

    days: list[date]
    conversations_by_channel: dict[str, list[int]]
    fallback_rate: list[float | None]
    top_intents: list[tuple[str, int]]
    outcomes: list[tuple[str, int]]
    referrals_by_status: list[tuple[str, int]]
    total_conversations: int
    total_with_fallback: int
    total_with_referral: int

    @property
    def overall_fallback_rate(self) -> float | None:
        """The share of the period's conversations with a fallback."""
        if not self.total_conversations:
            return None
        return self.total_with_fallback / self.total_conversations


def dashboard(session: Session, *, today: date, days: int = 30) -> Dashboard:
    """The dashboard for the `days` days ending `today`."""
    first = today - timedelta(days=days - 1)
    period = [first + timedelta(days=n) for n in range(days)]
    index = {day: n for n, day in enumerate(period)}
    c = staff_conversations.c
    in_period = sa.and_(c.started_on >= first, c.started_on <= today)

    by_channel: dict[str, list[int]] = {}
    totals, fallbacks = [0] * days, [0] * days
    total_referrals = 0
    for started_on, channel, count, with_fallback, with_referral in session.execute(
        sa.select(
            c.started_on,
            c.channel,
            sa.func.count(),
            sa.func.sum(sa.case((c.had_fallback == sa.true(), 1), else_=0)),
            sa.func.sum(sa.case((c.has_referral == sa.true(), 1), else_=0)),
        )
        .where(in_period)
        .group_by(c.started_on, c.channel)
    ):
        n = index[_day(started_on)]
        by_channel.setdefault(channel or UNKNOWN_CHANNEL, [0] * days)[n] += int(count)
        totals[n] += int(count)
        fallbacks[n] += int(with_fallback or 0)
        total_referrals += int(with_referral or 0)

    terms = staff_conversation_terms.c
    top_intents = [
        (str(value), int(count))
        for value, count in session.execute(
            sa.select(terms.value, sa.func.count().label("n"))
            .select_from(
                staff_conversation_terms.join(
                    staff_conversations, staff_conversations.c.sender_id == terms.sender_id
                )
            )
            .where(terms.kind == "intent", in_period)
            .group_by(terms.value)
            .order_by(sa.desc("n"), terms.value)
            .limit(TOP_INTENTS)
        )
    ]
    outcomes = [
        (str(outcome), int(count))
        for outcome, count in session.execute(
            sa.select(c.outcome, sa.func.count())
            .where(in_period, c.outcome.is_not(None))
            .group_by(c.outcome)
            .order_by(c.outcome)
        )
    ]
    statuses = {
        str(status): int(count)
        for status, count in session.execute(
            sa.select(referrals.c.status, sa.func.count()).group_by(referrals.c.status)
        )
    }
    return Dashboard(
        days=period,
        conversations_by_channel=dict(sorted(by_channel.items())),
        fallback_rate=[f / t if t else None for f, t in zip(fallbacks, totals, strict=True)],
        top_intents=top_intents,
        outcomes=outcomes,
        referrals_by_status=[(s.value, int(statuses.get(s.value, 0))) for s in ReferralStatus],
        total_conversations=sum(totals),
        total_with_fallback=sum(fallbacks),
        total_with_referral=total_referrals,
    )


def _day(value: object) -> date:
    """A DATE column's value (SQLite may hand back text)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))
