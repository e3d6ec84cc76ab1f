"""Referrals for the staff queue, and erasure of one conversation, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.storage import (
    Erasure,
    NewReferral,
    ReferralStatus,
    count_events,
    erase_conversation,
    get_referral,
    list_referrals,
    record_referral,
    referrals_for_sender,
    transaction,
    update_referral,
)

CONSENTED = datetime(2026, 3, 10, 14, 30, 5, 123000, tzinfo=timezone.utc)
FACTS = {"jurisdiction": "federal", "age": 68, "terminal_illness": True}
ASSESSMENT = {"route": "3582", "summary": {"bop_met": ["terminal_medical"]}}


def referral(sender_id: str = "family-1", **changes: object) -> NewReferral:
    """A referral as action_record_referral records it."""
    values: dict[str, object] = {
        "sender_id": sender_id,
        "channel": "rest",
        "summary": "Age: 68\nDiagnosed with a terminal illness: yes",
        "facts": FACTS,
        "assessment": ASSESSMENT,
        "consented_at": CONSENTED,
        **changes,
    }
    return NewReferral(**values)  # type: ignore[arg-type]


def add_events(engine: Engine, sender_id: str, count: int) -> None:
    """Rows in Rasa's `events` table, as its tracker store writes them."""
    with engine.begin() as connection:
        for n in range(count):
            connection.execute(
                sa.text(
                    "INSERT INTO events (sender_id, type_name, timestamp, data) "
                    "VALUES (:sender, 'user', :n, '{}')"
                ),
                {"sender": sender_id, "n": float(n)},
            )


def test_a_recorded_referral_is_new_and_keeps_everything_the_family_agreed_to_share(
    engine: Engine,
) -> None:
    before = datetime.now(timezone.utc)
    with transaction(engine) as session:
        referral_id = record_referral(session, referral())
    with transaction(engine) as session:
        stored = get_referral(session, referral_id)

    assert stored is not None
    assert stored.id == referral_id
    assert stored.sender_id == "family-1"
    assert stored.channel == "rest"
    assert stored.status is ReferralStatus.NEW
    assert stored.assignee is None
    assert stored.summary == "Age: 68\nDiagnosed with a terminal illness: yes"
    assert stored.facts == FACTS
    assert stored.assessment == ASSESSMENT
    assert stored.consented_at == CONSENTED
    assert stored.consented_at.tzinfo is timezone.utc
    assert before - timedelta(seconds=1) <= stored.created_at <= datetime.now(timezone.utc)
    assert stored.updated_at == stored.created_at


def test_a_referral_without_an_assessment_or_channel_is_kept(engine: Engine) -> None:
    with transaction(engine) as session:
        referral_id = record_referral(session, referral(assessment=None, channel=None))
        stored = get_referral(session, referral_id)

    assert stored is not None
    assert stored.assessment is None
    assert stored.channel is None


def test_a_moment_without_a_timezone_is_refused(engine: Engine) -> None:
    with pytest.raises(sa.exc.StatementError, match="timezone-aware"), transaction(engine) as s:
        record_referral(s, referral(consented_at=datetime(2026, 3, 10, 14, 30)))


def test_a_failed_transaction_records_nothing(engine: Engine) -> None:
    def fail_after_the_insert() -> None:
        with transaction(engine) as session:
            record_referral(session, referral())
            raise RuntimeError("the action failed after the insert")

    with pytest.raises(RuntimeError):
        fail_after_the_insert()

    with transaction(engine) as session:
        assert referrals_for_sender(session, "family-1") == []


def test_the_queue_lists_newest_first_and_filters_by_status(engine: Engine) -> None:
    with transaction(engine) as session:
        first = record_referral(session, referral("family-1"))
        second = record_referral(session, referral("family-2"))
        third = record_referral(session, referral("family-3"))
        update_referral(session, second, status=ReferralStatus.CONTACTED, assignee="maria")

    with transaction(engine) as session:
        marias = [r.id for r in list_referrals(session, assignee="maria")]
        nobodys = [r.id for r in list_referrals(session, unassigned=True)]
        everything = [r.id for r in list_referrals(session)]
        new = [r.id for r in list_referrals(session, status=ReferralStatus.NEW)]
        contacted = [r.id for r in list_referrals(session, status=ReferralStatus.CONTACTED)]
        page = [r.id for r in list_referrals(session, limit=1, offset=1)]

    assert everything == [third, second, first]
    assert new == [third, first]
    assert contacted == [second]
    assert page == [second]
    assert marias == [second]
    assert nobodys == [third, first]


def test_staff_change_the_status_and_assignee_and_the_update_time_moves(engine: Engine) -> None:
    with transaction(engine) as session:
        referral_id = record_referral(session, referral())
        created = get_referral(session, referral_id)
    with transaction(engine) as session:
        assigned = update_referral(
            session, referral_id, status=ReferralStatus.CONTACTED, assignee="maria"
        )
    with transaction(engine) as session:
        only_status = update_referral(session, referral_id, status=ReferralStatus.SUBMITTED)
    with transaction(engine) as session:
        unassigned = update_referral(session, referral_id, assignee=None)

    assert created is not None
    assert assigned is not None
    assert (assigned.status, assigned.assignee) == (ReferralStatus.CONTACTED, "maria")
    assert assigned.updated_at > created.updated_at
    assert assigned.created_at == created.created_at
    assert only_status is not None
    assert (only_status.status, only_status.assignee) == (ReferralStatus.SUBMITTED, "maria")
    assert unassigned is not None
    assert (unassigned.status, unassigned.assignee) == (ReferralStatus.SUBMITTED, None)


def test_updating_a_referral_that_does_not_exist_says_so(engine: Engine) -> None:
    with transaction(engine) as session:
        assert update_referral(session, 999_999, status=ReferralStatus.CLOSED) is None
        assert get_referral(session, 999_999) is None


def test_erasing_a_conversation_deletes_its_events_and_referrals_and_nothing_else(
    engine: Engine,
) -> None:
    add_events(engine, "family-1", 7)
    add_events(engine, "family-2", 3)
    with transaction(engine) as session:
        record_referral(session, referral("family-1"))
        record_referral(session, referral("family-1"))
        kept = record_referral(session, referral("family-2"))

    with transaction(engine) as session:
        erased = erase_conversation(session, "family-1")

    assert erased == Erasure(events=7, referrals=2)
    with transaction(engine) as session:
        assert count_events(session, "family-1") == 0
        assert referrals_for_sender(session, "family-1") == []
        assert count_events(session, "family-2") == 3
        assert [r.id for r in referrals_for_sender(session, "family-2")] == [kept]


def test_erasing_a_conversation_we_do_not_have_erases_nothing(engine: Engine) -> None:
    with transaction(engine) as session:
        assert erase_conversation(session, "nobody") == Erasure(events=0, referrals=0)


def test_erasure_works_before_either_table_exists(tmp_path: object) -> None:
    from bot.storage import tuned_engine

    empty = tuned_engine(f"sqlite:///{tmp_path}/empty.db")
    with transaction(empty) as session:
        assert erase_conversation(session, "family-1") == Erasure(events=0, referrals=0)
    empty.dispose()
