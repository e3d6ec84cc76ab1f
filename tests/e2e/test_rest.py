"""End to end over REST: the trained model, `rasa run` and `rasa run actions`, real messages.

Needs models/assistant.tar.gz (`make train`). The servers run on free ports with their own
endpoints file and a throwaway SQLite tracker store, and are stopped when the session ends.
"""

from __future__ import annotations

import pytest

from .servers import Conversation

pytestmark = pytest.mark.e2e


@pytest.fixture
def family(rasa_url: str) -> Conversation:
    """A new conversation with its own sender id."""
    return Conversation(rasa_url)


def test_greeting_says_what_the_assistant_is_and_is_not(family: Conversation) -> None:
    reply = family.say("hi")

    assert "general information, not legal advice" in reply
    assert "not a lawyer" in reply
    assert "not a court" in reply
    assert "stored privately" in reply


def test_a_question_gets_an_answer_that_ends_with_its_source(family: Conversation) -> None:
    reply = family.say("what is compassionate release?")

    assert "sentence reduction" in reply
    assert reply.rstrip().endswith("]")
    assert "[18 U.S.C. § 3582(c)(1)(A)" in reply


def test_a_state_prisoner_is_told_the_federal_law_does_not_apply(family: Conversation) -> None:
    reply = family.say("my son is in a state prison in ohio, can he get compassionate release")

    assert "28 CFR 571.64" in reply
    assert "FAMM" in reply


def test_the_first_safe_court_date_is_the_day_after_the_30_day_wait(
    family: Conversation,
) -> None:
    reply = family.say(
        "the warden received my dad's request on January 10, 2026. when can we file?"
    )

    assert "Saturday, January 10, 2026" in reply
    assert "Monday, February 9, 2026" in reply
    assert "Tuesday, February 10, 2026" in reply
    assert "18 U.S.C. § 3582(c)(1)(A)" in reply
    assert "not legal advice" in reply


def test_without_a_date_the_assistant_asks_and_then_answers_the_date_alone(
    family: Conversation,
) -> None:
    question = family.say("when can we file in court?")
    answer = family.say("march 3 2026")

    assert "On what date did the warden receive the request?" in question
    assert "March 3, 2026" in answer
    assert "Thursday, April 2, 2026" in answer
    assert "Friday, April 3, 2026" in answer


def test_a_family_that_does_not_know_the_date_yet_is_reassured(family: Conversation) -> None:
    family.say("when can we file in court?")
    reply = family.say("no we don't know yet")

    assert "When you know that date, just tell me" in reply


def test_a_no_out_of_context_is_not_taken_for_a_missing_date(family: Conversation) -> None:
    reply = family.say("no")

    assert "Is there anything else you'd like to know?" in reply


def test_gibberish_gets_a_kind_fallback(family: Conversation) -> None:
    reply = family.say("mnbvcx lkjhg")

    assert "I'm not sure I understood" in reply
