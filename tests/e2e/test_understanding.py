"""End to end over REST: FAQ answers, scope answers and the two-stage fallback.

Messages here are training examples or Rasa's `/intent` messages, so these tests check the
conversation, not the model's guesses (tests/nlu/test_nlu_report.py measures those).
"""

from __future__ import annotations

import pytest

from .servers import Conversation

pytestmark = pytest.mark.e2e

REPHRASE = "Could you say it another way?"
# Words no topic is near: the NLU falls back (typed "/nlu_fallback" is read as words now).
NOT_UNDERSTOOD = "zxqv plorb wibble"


@pytest.fixture
def family(rasa_url: str) -> Conversation:
    """A new conversation with its own sender id."""
    return Conversation(rasa_url)


def test_a_faq_answer_from_the_data_files_ends_with_its_sources(family: Conversation) -> None:
    reply = family.say("what is a bp-10")

    assert "BP-10" in reply
    assert "20 calendar days" in reply
    assert reply.rstrip().endswith(
        "[28 CFR 571.63(a); 28 CFR 542.15(a); 18 U.S.C. § 3582(c)(1)(A)]"
    )


def test_the_clearinghouse_questionnaire_is_named_but_no_address_is_invented(
    family: Conversation,
) -> None:
    reply = family.say("how do i submit my loved one to the clearinghouse")

    assert "questionnaire" in reply
    assert "http" not in reply
    assert "www." not in reply


def test_a_dc_code_offender_is_sent_to_dc_superior_court(family: Conversation) -> None:
    reply = family.say("my son was sentenced in dc superior court")

    assert "D.C. Code § 24-403.04" in reply
    assert "D.C. Superior Court" in reply
    assert "What you can do" in reply


def test_an_offense_before_november_1987_follows_the_old_law(family: Conversation) -> None:
    reply = family.say("his offense was in 1985")

    assert "18 U.S.C. § 4205(g)" in reply
    assert "28 CFR 571.64" in reply
    assert "What you can do" in reply


def test_two_messages_not_understood_in_a_row_end_with_a_kind_default(
    family: Conversation,
) -> None:
    first = family.say(NOT_UNDERSTOOD)
    second = family.say(NOT_UNDERSTOOD)

    assert REPHRASE in first
    assert "I don't want to guess" in second
    assert "talk to a person" in second


def test_after_no_something_else_the_family_rephrases_and_is_answered(
    family: Conversation,
) -> None:
    family.say(NOT_UNDERSTOOD)
    after_no = family.say("/out_of_scope")
    answer = family.say("what is compassionate release")

    assert REPHRASE in after_no
    assert "sentence reduction" in answer
