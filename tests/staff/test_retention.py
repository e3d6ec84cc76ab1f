"""Retention: conversations last active before the cutoff are erased, with everything about them."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.staff.audit import recent
from bot.staff.retention import purge
from bot.staff.review import add_note, add_tag
from bot.storage import count_events, referrals_for_sender, transaction, update_referral
from bot.storage.schema import ReferralStatus, staff_conversations, staff_notes, staff_tags

from .conftest import NOW
from .seed import Plan, seed


def test_old_conversations_go_recent_ones_stay(
    database_url: str, engine: Engine, families: dict[str, int | None]
) -> None:
    seed(
        database_url,
        [
            Plan("screening_referral", "family-old", NOW - timedelta(days=100)),
            Plan("questions", "family-older", NOW - timedelta(days=400)),
        ],
    )
    with transaction(engine) as session:
        add_tag(session, "family-old", "followed up", "ada")
        add_note(session, "family-old", "Sent the form.", "ada")
        _close_referral_of(session, "family-old")

    dry = purge(engine, older_than_days=90, now=NOW, actor="ada", dry_run=True)
    with transaction(engine) as session:
        assert count_events(session, "family-old") > 0
    report = purge(engine, older_than_days=90, now=NOW, actor="ada")

    assert dry.conversations == 2
    assert report.conversations == 2
    assert report.referrals == 1
    assert report.events > 0
    with transaction(engine) as session:
        for gone in ("family-old", "family-older"):
            assert count_events(session, gone) == 0
            assert referrals_for_sender(session, gone) == []
        for kept in families:
            assert count_events(session, kept) > 0
        assert referrals_for_sender(session, "family-screening_referral") != []
        for table in (staff_tags, staff_notes):
            assert session.execute(sa.select(sa.func.count()).select_from(table)).scalar_one() == 0
        indexed = session.execute(sa.select(staff_conversations.c.sender_id)).scalars().all()
        assert sorted(indexed) == sorted(families)
        log = recent(session, action="purge")
        assert sorted(e.target or "" for e in log) == ["family-old", "family-older"]
        assert {e.actor for e in log} == {"ada"}


def test_a_purge_with_nothing_old_erases_nothing(
    engine: Engine, families: dict[str, int | None]
) -> None:
    report = purge(engine, older_than_days=1, now=NOW, actor="cli")

    assert report.conversations == 0
    with transaction(engine) as session:
        assert all(count_events(session, sender) > 0 for sender in families)


def _close_referral_of(session: Session, sender_id: str) -> None:
    (referral,) = referrals_for_sender(session, sender_id)
    update_referral(session, referral.id, status=ReferralStatus.CLOSED)


@pytest.mark.parametrize("status", ["new", "contacted", "submitted"])
def test_an_old_conversation_with_an_open_referral_is_kept_until_staff_close_it(
    database_url: str, engine: Engine, families: dict[str, int | None], status: str
) -> None:
    seed(database_url, [Plan("screening_referral", "family-old", NOW - timedelta(days=100))])
    with transaction(engine) as session:
        (referral,) = referrals_for_sender(session, "family-old")
        update_referral(session, referral.id, status=ReferralStatus(status))

    dry = purge(engine, older_than_days=90, now=NOW, actor="ada", dry_run=True)
    kept = purge(engine, older_than_days=90, now=NOW, actor="ada")
    with transaction(engine) as session:
        assert count_events(session, "family-old") > 0
        _close_referral_of(session, "family-old")
    closed = purge(engine, older_than_days=90, now=NOW, actor="ada")

    assert (dry.conversations, dry.kept_open_referrals) == (0, 1)
    assert (kept.conversations, kept.kept_open_referrals) == (0, 1)
    assert (closed.conversations, closed.referrals, closed.kept_open_referrals) == (1, 1, 0)
    with transaction(engine) as session:
        assert count_events(session, "family-old") == 0
