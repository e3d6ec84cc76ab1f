"""Retention: conversations last active before the cutoff are erased, with everything about them."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.staff.audit import recent
from bot.staff.retention import PurgeReport, purge
from bot.staff.review import add_note, add_tag
from bot.storage import (
    NewReferral,
    count_events,
    record_referral,
    referrals_for_sender,
    transaction,
    update_referral,
)
from bot.storage.lock_store import SQLLockStore, conversation_lock
from bot.storage.pseudonyms import sender_hash
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
        assert sorted(e.target or "" for e in log) == sorted(
            sender_hash(gone) for gone in ("family-old", "family-older")
        )
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


def tickets(store: SQLLockStore, sender_id: str) -> int:
    lock = store.get_lock(sender_id)
    return 0 if lock is None else len(lock.tickets)


def purge_while_a_turn_holds_the_lock(
    database_url: str, engine: Engine, sender_id: str, during_the_turn: Callable[[], None]
) -> PurgeReport:
    """Start a purge while a turn of `sender_id` holds its lock; the turn runs, then ends."""
    store = SQLLockStore(database_url=database_url)
    reports: list[PurgeReport] = []
    with conversation_lock(store, sender_id):
        purging = threading.Thread(
            target=lambda: reports.append(
                purge(engine, older_than_days=90, now=NOW, actor="ada", lock_store=store)
            )
        )
        purging.start()
        # The purge has listed the conversation and now waits for its lock.
        deadline = time.monotonic() + 10
        while tickets(store, sender_id) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert tickets(store, sender_id) == 2
        during_the_turn()
    purging.join(timeout=30)
    store.dispose()
    return reports[0]


def test_a_referral_opened_after_the_listing_keeps_the_conversation(
    database_url: str, engine: Engine
) -> None:
    seed(database_url, [Plan("questions", "family-old", NOW - timedelta(days=100))])

    def the_family_agrees_to_a_referral() -> None:
        with transaction(engine) as session:
            record_referral(
                session,
                NewReferral("family-old", "rest", "Age: 70", {"age": 70}, None, NOW),
            )

    report = purge_while_a_turn_holds_the_lock(
        database_url, engine, "family-old", the_family_agrees_to_a_referral
    )

    assert (report.conversations, report.kept_open_referrals) == (0, 1)
    with transaction(engine) as session:
        assert count_events(session, "family-old") > 0
        assert len(referrals_for_sender(session, "family-old")) == 1
        assert recent(session, action="purge") == []


def test_a_message_after_the_listing_keeps_the_conversation(
    database_url: str, engine: Engine
) -> None:
    seed(database_url, [Plan("questions", "family-old", NOW - timedelta(days=100))])

    def the_family_writes_again() -> None:
        seed(database_url, [Plan("questions", "family-old", NOW)])

    report = purge_while_a_turn_holds_the_lock(
        database_url, engine, "family-old", the_family_writes_again
    )

    assert report.conversations == 0
    with transaction(engine) as session:
        assert count_events(session, "family-old") > 0
