"""The conversation list: every filter and keyset paging, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.staff.filters import Filters, parse_filters
from bot.staff.indexer import sync
from bot.staff.listing import list_conversations
from bot.staff.review import add_tag, flag_message, mark_reviewed
from bot.storage import transaction
from bot.storage.schema import rasa_events

from .conftest import NOW
from .seed import Plan, continue_conversation, seed

NEWEST_FIRST = [
    "family-questions",
    "family-deadline",
    "family-screening_referral",
    "family-state",
    "family-fallback",
]


@pytest.fixture
def indexed(engine: Engine, families: dict[str, int | None]) -> Engine:
    with transaction(engine) as session:
        sync(session)
    return engine


def listed(engine: Engine, **query: str) -> list[str]:
    with transaction(engine) as session:
        page = list_conversations(session, parse_filters(query))
        return [row.sender_id for row in page.rows]


def test_without_filters_every_conversation_is_listed_newest_first(indexed: Engine) -> None:
    with transaction(indexed) as session:
        page = list_conversations(session, Filters())

    assert [row.sender_id for row in page.rows] == NEWEST_FIRST
    assert (page.older, page.newer) == (None, None)
    screening = page.rows[2]
    assert (screening.user_message_count, screening.message_count) == (20, 59)
    assert screening.has_referral
    assert screening.had_fallback
    assert screening.outcome == "3582"
    assert screening.review_status == "unreviewed"
    assert screening.opening == "hi"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"channel": "telegram"}, ["family-deadline", "family-state"]),
        ({"fallback": "yes"}, ["family-screening_referral", "family-fallback"]),
        ({"fallback": "no"}, ["family-questions", "family-deadline", "family-state"]),
        ({"referral": "yes"}, ["family-screening_referral"]),
        ({"below": "0.7"}, ["family-screening_referral", "family-fallback"]),
        ({"min_messages": "6"}, ["family-screening_referral"]),
        ({"last_intent": "human_handoff"}, ["family-fallback"]),
        ({"intent": "faq/who_qualifies"}, ["family-questions"]),
        ({"intent": "faq"}, ["family-questions", "family-fallback"]),
        ({"intent": "ask_court_deadline"}, ["family-deadline"]),
        ({"action": "action_record_referral"}, ["family-screening_referral"]),
        ({"action": "action_two_stage_fallback"}, ["family-fallback"]),
        ({"entity": "AGE"}, ["family-questions", "family-screening_referral"]),
        ({"entity": "RELATIONSHIP=DAD"}, ["family-questions", "family-screening_referral"]),
        ({"slot": "jurisdiction=federal"}, ["family-screening_referral"]),
        ({"slot": "referral_id"}, ["family-screening_referral"]),
        ({"outcome": "3582"}, ["family-screening_referral"]),
        ({"text": "warden"}, ["family-questions", "family-deadline"]),
        ({"text": "WARDEN court"}, ["family-deadline"]),
        ({"text": "compass"}, ["family-questions", "family-state"]),
        ({"text": "100%_"}, []),
        ({"channel": "telegram", "text": "ohio"}, ["family-state"]),
        ({"fallback": "yes", "below": "0.7", "referral": "no"}, ["family-fallback"]),
    ],
)
def test_filters(indexed: Engine, query: dict[str, str], expected: list[str]) -> None:
    assert listed(indexed, **query) == expected


def test_dates_filter_on_the_last_message(database_url: str, indexed: Engine) -> None:
    seed(database_url, [Plan("state", "family-old", NOW - timedelta(days=10))])
    with transaction(indexed) as session:
        sync(session)
    ten_days_ago = (NOW - timedelta(days=10)).date()

    assert listed(indexed, until=str(ten_days_ago)) == ["family-old"]
    assert listed(indexed, since=str(ten_days_ago), until=str(ten_days_ago)) == ["family-old"]
    assert "family-old" not in listed(indexed, since=str(ten_days_ago + timedelta(days=1)))


def test_review_status_tags_and_flags(database_url: str, indexed: Engine) -> None:
    with transaction(indexed) as session:
        mark_reviewed(session, "family-state", "ada")
        mark_reviewed(session, "family-questions", "ada")
        add_tag(session, "family-deadline", "Follow up", "rita")
        first_message = session.execute(
            sa.select(sa.func.min(rasa_events.c.id)).where(
                rasa_events.c.sender_id == "family-fallback", rasa_events.c.type_name == "user"
            )
        ).scalar_one()
        flag_message(
            session, "family-fallback", first_message, "rita", corrected_intent="greet", reason=None
        )
    # New messages after the review (the clock now, not the session's NOW, which the review
    # itself may already be later than on a slow run).
    after_review = datetime.now(timezone.utc) + timedelta(minutes=1)
    continue_conversation(
        database_url,
        Plan("questions", "family-questions", after_review),
        Plan("deadline", "family-questions", after_review + timedelta(minutes=5)),
    )
    with transaction(indexed) as session:
        sync(session)

    assert listed(indexed, review="reviewed") == ["family-state"]
    assert listed(indexed, review="changed") == ["family-questions"]
    assert listed(indexed, review="unreviewed") == [
        "family-deadline",
        "family-screening_referral",
        "family-fallback",
    ]
    assert listed(indexed, tag="follow up") == ["family-deadline"]
    assert listed(indexed, flagged="yes") == ["family-fallback"]
    assert "family-fallback" not in listed(indexed, flagged="no")
    with transaction(indexed) as session:
        rows = list_conversations(session, Filters()).rows
    by_id = {row.sender_id: row for row in rows}
    assert by_id["family-deadline"].tags == ("follow up",)
    assert by_id["family-fallback"].flags == 1


def test_pages_follow_each_other_both_ways(indexed: Engine) -> None:
    with transaction(indexed) as session:
        first = list_conversations(session, Filters(), limit=2)
        assert first.older is not None
        second = list_conversations(session, Filters(), after=first.older, limit=2)
        assert second.older is not None
        third = list_conversations(session, Filters(), after=second.older, limit=2)
        assert third.newer is not None
        back = list_conversations(session, Filters(), before=third.newer, limit=2)
        assert back.newer is not None
        front = list_conversations(session, Filters(), before=back.newer, limit=2)

    def ids(page: object) -> list[str]:
        return [row.sender_id for row in page.rows]  # type: ignore[attr-defined]

    assert ids(first) + ids(second) + ids(third) == NEWEST_FIRST
    assert first.newer is None
    assert third.older is None
    assert ids(back) == ids(second)
    assert ids(front) == ids(first)
    assert front.newer is None


def test_conversations_at_the_same_moment_are_paged_without_loss(
    database_url: str, engine: Engine
) -> None:
    same = NOW - timedelta(days=1)
    seed(database_url, [Plan("state", f"family-twin-{n}", same) for n in range(5)])
    with transaction(engine) as session:
        sync(session)
        seen: list[str] = []
        page = list_conversations(session, Filters(), limit=2)
        seen += [row.sender_id for row in page.rows]
        while page.older is not None:
            page = list_conversations(session, Filters(), after=page.older, limit=2)
            seen += [row.sender_id for row in page.rows]

    assert seen == [f"family-twin-{n}" for n in reversed(range(5))]


def test_listing_reads_only_the_index_never_events(indexed: Engine) -> None:
    statements: list[str] = []
    sa.event.listen(indexed, "before_cursor_execute", lambda *args: statements.append(args[2]))
    listed(indexed, text="warden", intent="faq", fallback="no", below="0.99", review="unreviewed")

    assert statements
    assert not [s for s in statements if " events" in s.replace("\n", " ")]
