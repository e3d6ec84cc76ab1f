"""Filters and page cursors from a query string; bad input gets a sentence, not a guess."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from bot.staff.filters import Cursor, FilterError, Filters, parse_filters


def test_blank_values_mean_any() -> None:
    assert parse_filters({"text": "  ", "channel": "", "fallback": ""}) == Filters()
    assert not Filters().active


def test_every_filter_is_read_and_written_back_the_same() -> None:
    query = {
        "text": "warden court",
        "channel": "telegram",
        "since": "2026-03-01",
        "until": "2026-03-10",
        "min_messages": "3",
        "last_intent": "affirm",
        "intent": "faq/costs",
        "action": "action_record_referral",
        "entity": "US_STATE=ohio",
        "slot": "jurisdiction=state",
        "below": "0.7",
        "fallback": "yes",
        "referral": "no",
        "flagged": "yes",
        "review": "changed",
        "outcome": "state",
        "tag": "follow up",
    }

    filters = parse_filters(query)

    assert filters.since == date(2026, 3, 1)
    assert filters.below == 0.7
    assert filters.fallback is True
    assert filters.referral is False
    assert filters.as_query() == query
    assert filters.active
    assert filters.term_filters() == [
        ("intent", "faq/costs"),
        ("action", "action_record_referral"),
        ("entity_value", "US_STATE=ohio"),
        ("slot_value", "jurisdiction=state"),
    ]


def test_a_name_alone_filters_on_the_entity_or_slot_being_there() -> None:
    assert parse_filters({"entity": "AGE", "slot": "referral_id"}).term_filters() == [
        ("entity", "AGE"),
        ("slot", "referral_id"),
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"since": "10/03/2026"}, "“From” must be a date"),
        ({"since": "2026-03-10", "until": "2026-03-01"}, "after the “To” date"),
        ({"below": "high"}, "between 0 and 1"),
        ({"below": "1.5"}, "between 0 and 1"),
        ({"below": "0"}, "between 0 and 1"),
        ({"min_messages": "-1"}, "whole number"),
        ({"fallback": "maybe"}, "“Fallback” must be yes or no"),
        ({"review": "done"}, "review status from the list"),
        ({"outcome": "free"}, "outcome from the list"),
        ({"intent": "greet; drop table"}, "must be a name"),
        ({"tag": "!!"}, "A tag is 1 to 64"),
        ({"text": "x" * 201}, "at most 200 characters"),
    ],
)
def test_bad_values_are_refused_with_a_reason(query: dict[str, str], message: str) -> None:
    with pytest.raises(FilterError, match=message):
        parse_filters(query)


def test_a_cursor_survives_the_url_and_a_broken_one_is_refused() -> None:
    cursor = Cursor(datetime(2026, 3, 10, 14, 30, 5, 123456, tzinfo=timezone.utc), "fam/1|x")

    assert Cursor.decode(cursor.encode()) == cursor
    for broken in ("nonsense!", "bm8tc2VwYXJhdG9y", Cursor(cursor.last_at, "x").encode()[:-3]):
        with pytest.raises(FilterError, match="page link is broken"):
            Cursor.decode(broken)
