"""The transcript staff read: messages in order with what the assistant understood and did."""

from __future__ import annotations

from datetime import date

import pytest

from bot.legal import assess_dict
from bot.staff.transcript import (
    ActionTaken,
    AssessmentMade,
    BotMessage,
    FamilyMessage,
    Marker,
    SlotChange,
    build,
)

from .seed import recorded, rows_of


def test_each_family_message_has_its_intent_confidence_ranking_and_entities() -> None:
    transcript = build("family", rows_of("questions"))

    who = next(m for m in transcript.user_messages if m.text.startswith("my dad is 67"))
    assert who.intent == "faq/who_qualifies"
    assert who.confidence == pytest.approx(0.9999995, abs=1e-6)
    assert ("RELATIONSHIP", "dad") in who.entities
    assert ("AGE", "is 67") in who.entities
    assert who.channel == "rest"
    assert len(who.ranking) == 3
    assert all(name not in ("faq", "faq/who_qualifies") for name, _ in who.ranking)


def test_the_conversation_keeps_its_order_of_messages_actions_and_slots() -> None:
    rows = rows_of("screening_referral")
    transcript = build("family", rows)

    kinds = [type(item) for item in transcript.items[:6]]
    assert kinds == [ActionTaken, Marker, FamilyMessage, ActionTaken, BotMessage, FamilyMessage]
    assert [item.event_id for item in transcript.items] == sorted(
        item.event_id for item in transcript.items
    )
    assert any(isinstance(i, SlotChange) and i.name == "referral_id" for i in transcript.items)
    assert any(
        isinstance(i, Marker) and "eligibility_form started" in i.label for i in transcript.items
    )
    buttons = next(i for i in transcript.items if isinstance(i, BotMessage) and i.buttons)
    assert buttons.buttons == ["Federal court", "State court", "D.C. Superior Court", "Not sure"]


def test_a_message_shows_the_slots_as_they_stood_before_it() -> None:
    transcript = build("family", rows_of("screening_referral"))
    messages = {m.text: m for m in transcript.user_messages}

    assert "age" not in messages["he's 70"].slots
    assert messages["25 years"].slots["age"] == "70"
    assert messages["25 years"].slots["jurisdiction"] == "federal"
    assert transcript.final_slots["referral_id"] == "1"
    assert "requested_slot" not in transcript.final_slots


def test_the_engines_assessment_appears_where_the_assistant_assessed() -> None:
    transcript = build("family", rows_of("screening_referral"))

    (assessment,) = [i for i in transcript.items if isinstance(i, AssessmentMade)]
    referral = recorded()["referrals"][0]
    assert assessment.assessment is not None
    assert assessment.assessment["route"] == referral["assessment"]["route"]
    # Recomputed by today's engine from the facts the family gave, on the day they gave them.
    as_of = date.fromisoformat(referral["assessment"]["as_of"])
    assert assessment.assessment == assess_dict(referral["facts"], as_of)


def test_a_rewind_is_shown_and_the_repeated_message_kept() -> None:
    transcript = build("family", rows_of("fallback"))

    labels = [i.label for i in transcript.items if isinstance(i, Marker)]
    assert any("took back" in label for label in labels)
    assert [m.text for m in transcript.user_messages].count("no") == 2
    unsure = next(m for m in transcript.user_messages if m.text == "zxqv plorb wibble")
    assert unsure.intent == "nlu_fallback"
