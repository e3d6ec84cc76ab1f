"""The dashboard's figures, from the index and the referrals."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.engine import Engine

from bot.staff.indexer import sync
from bot.staff.stats import dashboard
from bot.storage import ReferralStatus, transaction, update_referral

from .conftest import NOW
from .seed import Plan, seed


def test_figures_for_the_period(
    database_url: str, engine: Engine, families: dict[str, int | None]
) -> None:
    seed(
        database_url, [Plan("fallback", "family-last-month", NOW - timedelta(days=40), "telegram")]
    )
    with transaction(engine) as session:
        sync(session)
        referral_id = families["family-screening_referral"]
        assert referral_id is not None
        update_referral(session, referral_id, status=ReferralStatus.CONTACTED)
    started = {
        (NOW - timedelta(hours=n)).date() for n in range(5)
    }  # the five families, an hour apart

    with transaction(engine) as session:
        week = dashboard(session, today=NOW.date(), days=7)
        quarter = dashboard(session, today=NOW.date(), days=90)

    assert len(week.days) == 7
    assert week.days[-1] == NOW.date()
    assert week.total_conversations == 5
    assert sum(sum(counts) for counts in week.conversations_by_channel.values()) == 5
    assert sum(week.conversations_by_channel["telegram"]) == 2
    assert sum(week.conversations_by_channel["rest"]) == 3
    assert week.total_with_fallback == 2
    assert week.total_with_referral == 1
    assert week.overall_fallback_rate == 2 / 5
    rates = [r for day, r in zip(week.days, week.fallback_rate, strict=True) if day in started]
    assert all(r is not None for r in rates)
    assert [
        r for day, r in zip(week.days, week.fallback_rate, strict=True) if day not in started
    ] == [None] * (7 - len(started))
    assert week.top_intents[0] == ("greet", 5)
    assert ("faq/who_qualifies", 1) in week.top_intents
    assert week.outcomes == [("3582", 1)]
    assert week.referrals_by_status == [
        ("new", 0),
        ("contacted", 1),
        ("submitted", 0),
        ("closed", 0),
    ]
    assert quarter.total_conversations == 6
    assert quarter.total_with_fallback == 3


def test_an_empty_database(engine: Engine) -> None:
    with transaction(engine) as session:
        empty = dashboard(session, today=NOW.date(), days=30)

    assert empty.total_conversations == 0
    assert empty.overall_fallback_rate is None
    assert empty.conversations_by_channel == {}
    assert empty.fallback_rate == [None] * 30
    assert empty.top_intents == []
    assert empty.outcomes == []
