"""One conversation's events -> its line in the list, on conversations Rasa really stored."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import pytest

from bot.staff.events import EventRow
from bot.staff.summary import summarize, term

from .seed import recorded, rows_of


def test_a_faq_conversation_counts_messages_and_keeps_faq_topics_as_intents() -> None:
    rows = rows_of("questions", "family-1")

    summary = summarize(rows)

    assert summary is not None
    assert summary.sender_id == "family-1"
    assert summary.channel == "rest"
    assert summary.user_message_count == 5
    assert summary.message_count == 10
    assert summary.event_count == len(rows)
    assert summary.opening == "hi"
    assert summary.last_intent == "thank"
    assert not summary.had_fallback
    assert not summary.has_referral
    assert summary.outcome is None
    assert summary.last_event_id == rows[-1].id
    assert term("intent", "faq/who_qualifies") in summary.terms
    assert term("intent", "faq") in summary.terms
    assert term("entity", "AGE") in summary.terms
    assert term("entity_value", "RELATIONSHIP", "dad") in summary.terms
    assert term("action", "utter_faq") in summary.terms
    assert ("action", "action_listen") not in summary.terms
    assert "my dad is 67 and sick, who qualifies?" in summary.text.splitlines()


def test_times_are_the_first_and_last_events() -> None:
    rows = rows_of("deadline")

    summary = summarize(rows)

    assert summary is not None
    assert summary.first_at == datetime.fromtimestamp(rows[0].timestamp or 0, timezone.utc)
    assert summary.last_at == datetime.fromtimestamp(rows[-1].timestamp or 0, timezone.utc)
    assert summary.started_on == summary.first_at.date()


def test_the_screening_records_the_referral_the_lowest_confidence_and_the_engines_route() -> None:
    summary = summarize(rows_of("screening_referral"))

    assert summary is not None
    assert summary.has_referral
    # "limited" and "none of those" fell below the FallbackClassifier's threshold.
    assert summary.had_fallback
    assert summary.min_confidence == pytest.approx(0.65)
    assert summary.outcome == recorded()["referrals"][0]["assessment"]["route"] == "3582"
    assert term("slot_value", "jurisdiction", "federal") in summary.terms
    assert term("slot_value", "age", 70) in summary.terms
    assert term("slot", "referral_id") in summary.terms
    assert term("action", "action_record_referral") in summary.terms


def test_a_message_the_two_stage_fallback_rewound_counts_once() -> None:
    rows = rows_of("fallback")
    user_events = [row for row in rows if row.type_name == "user"]

    summary = summarize(rows)

    assert summary is not None
    assert len(user_events) == 6
    assert summary.user_message_count == 5
    assert summary.had_fallback
    assert term("action", "action_two_stage_fallback") in summary.terms
    assert summary.text.splitlines().count("no") == 1


def test_button_payloads_are_not_family_words() -> None:
    rows = rows_of("questions")
    payload = replace(rows[3], data={**rows[3].data, "text": '/inform{"jurisdiction": "federal"}'})

    summary = summarize([*rows[:3], payload])

    assert summary is not None
    assert summary.opening is None
    assert summary.text == ""


def test_the_channel_is_the_latest_one_the_family_used() -> None:
    rows = rows_of("questions")
    moved = [
        replace(row, data={**row.data, "input_channel": "telegram"})
        if row.type_name == "user" and n > 10
        else row
        for n, row in enumerate(rows)
    ]

    summary = summarize(moved)

    assert summary is not None
    assert summary.channel == "telegram"


def test_nothing_to_summarize() -> None:
    assert summarize([]) is None
    assert summarize([EventRow(1, "x", "user", None, None, {})]) is None


def test_terms_compare_values_lower_cased_and_are_cut_to_the_column() -> None:
    assert term("slot_value", "state", "OH") == ("slot_value", "state=oh")
    assert term("slot_value", "confirm_facts", True) == ("slot_value", "confirm_facts=true")
    assert len(term("slot_value", "facility", "x" * 400)[1]) == 255
