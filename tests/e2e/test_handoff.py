"""The hand-off commands over REST with the trained model: a person to reach, the warden draft.

(The referral and "forget me", which write to the database, are in test_privacy.py.)
"""

from __future__ import annotations

import pytest

from .servers import Conversation

pytestmark = pytest.mark.e2e


@pytest.fixture
def family(rasa_url: str) -> Conversation:
    return Conversation(rasa_url)


def test_a_family_asking_for_a_person_hears_that_staff_read_the_conversations(
    family: Conversation,
) -> None:
    reply = family.say("can i talk to a real person")

    assert "staff at the organization read these conversations" in reply


def test_the_warden_request_draft_is_copyable_text_that_says_it_is_a_draft(
    family: Conversation,
) -> None:
    reply = family.say("help me write the letter to the warden")

    assert "It is a draft for you to review, not legal advice" in reply
    assert (
        "Re: Request for Compassionate Release / Reduction in Sentence under "
        "18 U.S.C. § 3582(c)(1)(A)"
    ) in reply
    assert "Release plan (28 CFR 571.61(a)(2))" in reply
    assert "Write down the day the Warden receives it" in reply


def test_a_referral_without_any_facts_yet_offers_the_questions_first(
    family: Conversation,
) -> None:
    reply = family.say("can a lawyer look at my dads case")

    assert "You haven't told me about your loved one's situation yet" in reply
    assert "May I share this" in reply
