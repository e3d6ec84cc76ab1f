"""End to end over REST: the eligibility screening in natural language, and its result.

The assistant's clock is the real one, so the dates sent and expected are counted from today.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import httpx
import pytest

from bot.legal.dates import long_date, period_last_day

pytestmark = pytest.mark.e2e

# A fragment of each question of the screening, and the question's slot.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("court sentenced your loved one", "jurisdiction"),
    ("Did the offense happen on or after", "offense_era"),
    ("allows parole", "parolable_sentence"),
    ("How old is your loved one", "age"),
    ("How long is the sentence", "sentence_months"),
    ("How long have they served", "served_months"),
    ("has a terminal illness", "terminal_illness"),
    ("how long they may have", "life_expectancy_months"),
    ("make the terminal diagnosis", "terminal_diagnosis_on"),
    ("keeps getting worse, or an", "debilitating_condition"),
    ("serious health problem", "serious_condition"),
    ("not expected to recover", "recovery_not_expected"),
    ("take care of themselves", "self_care"),
    ("in a bed or a chair", "bed_or_chair_over_half"),
    ("illness that comes with age", "age_related_condition"),
    ("hard for them to function", "deteriorating_health"),
    ("weaker because of their age", "aging_deterioration"),
    ("treatment is not expected", "treatment_no_improvement"),
    ("prison is not giving them", "care_not_provided"),
    ("outbreak of a contagious disease", "outbreak_at_facility"),
    ("higher risk of getting very sick", "outbreak_risk_factors"),
    ("need your loved one at home", "family_situation"),
    ("caring for their child died", "child_caregiver_lost"),
    ("care for the child?", "only_caregiver_for_child"),
    ("spouse or registered partner incapacitated", "spouse_incapacitated"),
    ("care for their spouse", "only_caregiver_for_spouse"),
    ("parent incapacitated", "parent_incapacitated"),
    ("care for their parent", "only_caregiver_for_parent"),
    ("sexually", "abused_in_custody"),
    ("anything official found", "abuse_established_by"),
    ("Has the warden received", "warden_request_received"),
    ("answered with a denial", "warden_denied_on"),
    ("Is this right?", "confirm_facts"),
)
MAX_TURNS = 40


class Family:
    """One family's conversation; each reply is the list of the assistant's messages."""

    def __init__(self, rasa_url: str) -> None:
        self._url = f"{rasa_url}/webhooks/rest/webhook"
        self.sender = f"e2e-screening-{uuid.uuid4().hex}"
        self.asked: list[str] = []

    def say(self, text: str) -> list[str]:
        response = httpx.post(
            self._url, json={"sender": self.sender, "message": text}, timeout=60.0
        )
        response.raise_for_status()
        replies = [str(reply.get("text", "")) for reply in response.json()]
        assert replies, f"no reply to {text!r}"
        return replies

    def screen(self, opening: str, answers: dict[str, str]) -> str:
        """Starts the screening and answers each question it asks; returns the result's text."""
        replies = self.say(opening)
        for _ in range(MAX_TURNS):
            slot = question_in(replies[-1])
            if slot is None:
                return "\n".join(replies)
            self.asked.append(slot)
            assert self.asked.count(slot) == 1, f"{slot} asked again: {replies}"
            assert slot in answers, f"unexpected question {slot}: {replies[-1]}"
            replies = self.say(answers[slot])
        pytest.fail(f"the screening did not end after {MAX_TURNS} answers")


def question_in(message: str) -> str | None:
    return next((slot for fragment, slot in QUESTIONS if fragment in message), None)


def said(day: date) -> str:
    """A date as a family types it: "March 3, 2026"."""
    return f"{day:%B} {day.day}, {day.year}"


@pytest.fixture
def family(rasa_url: str) -> Family:
    return Family(rasa_url)


def test_a_terminal_illness_gets_the_criteria_and_the_court_date(family: Family) -> None:
    received = date.today() - timedelta(days=5)
    result = family.screen(
        "could my dad qualify for compassionate release?",
        {
            "jurisdiction": "he's at fci butner",
            "offense_era": "it was in 2012",
            "age": "hes 58",
            "served_months": "since march 2015",
            "terminal_illness": "he has stage 4 cancer",
            "life_expectancy_months": "about 6 months",
            "terminal_diagnosis_on": "not sure",
            "debilitating_condition": "yes",
            "self_care": "he needs help with everything",
            "bed_or_chair_over_half": "yes most of the day",
            "care_not_provided": "no",
            "outbreak_at_facility": "no",
            "family_situation": "no one",
            "abused_in_custody": "skip",
            "warden_request_received": said(received),
            "warden_denied_on": "no answer yet",
            "confirm_facts": "yes",
        },
    )

    assert family.asked[:4] == ["jurisdiction", "offense_era", "age", "terminal_illness"]
    # Under 65 no share of the sentence matters, and since Rutherford v. United States (2026)
    # time served cannot make a sentence "unusually long" by itself: neither is asked.
    assert "sentence_months" not in family.asked
    assert "served_months" not in family.asked
    assert "age_related_condition" not in family.asked  # under 65: no aging questions
    assert "Terminal medical condition [BOP Program Statement 5050.50 § 3(a)" in result
    assert "Terminal illness [USSG § 1B1.13(b)(1)(A)]" in result
    assert "Debilitated medical condition [BOP Program Statement 5050.50 § 3(b)]: fits" in result
    wait_ends = period_last_day(received, 30)  # Fed. R. Crim. P. 45(a)(1)
    assert (
        f"The warden received the request on {long_date(received)}. The 30-day wait ends on "
        f"{long_date(wait_ends)}, so the first safe day to file a motion in the sentencing court "
        f"is {long_date(wait_ends + timedelta(days=1))}"
    ) in result
    assert long_date(received + timedelta(days=14)) in result  # 18 U.S.C. § 3582(d)(2)(A)(iv)
    assert "not legal advice" in result
    assert "will be released" not in result


def test_an_elderly_person_gets_the_bop_and_court_age_rules(family: Family) -> None:
    result = family.screen(
        "can you check if my husband is eligible",
        {
            "jurisdiction": "federal",
            "offense_era": "after 1987",
            "age": "seventy one",
            "sentence_months": "15 years",
            "served_months": "about 12 and a half years",
            "terminal_illness": "no",
            "debilitating_condition": "no",
            "serious_condition": "yes, heart disease and copd",
            "recovery_not_expected": "not sure",
            "self_care": "only a little",
            "age_related_condition": "yes, heart disease and copd",
            "deteriorating_health": "yes",
            "treatment_no_improvement": "i don't know",
            "care_not_provided": "no",
            "outbreak_at_facility": "no",
            "family_situation": "no",
            "abused_in_custody": "no",
            "warden_request_received": "not yet",
            "confirm_facts": "yes that's right",
        },
    )

    assert "life_expectancy_months" not in family.asked  # not terminal
    assert "warden_denied_on" not in family.asked  # no request yet
    assert "Other elderly [BOP Program Statement 5050.50 § 4(c)]: fits what you told me" in result
    assert "Age [USSG § 1B1.13(b)(2)]: fits what you told me" in result
    assert (
        "Elderly with medical conditions [BOP Program Statement 5050.50 § 4(b)]: may fit" in result
    )
    assert "Have the doctors said treatment will not help much?" in result
    assert "Write the request to the Warden" in result


def test_a_caregiver_gets_the_family_rules_and_the_appeal_date(family: Family) -> None:
    received = date.today() - timedelta(days=40)
    denied = received + timedelta(days=10)
    result = family.screen(
        "is my son eligible? his kids grandma who was raising them died",
        {
            "jurisdiction": "US district court",
            "offense_era": "2016",
            "age": "34",
            "served_months": "6 years",
            "terminal_illness": "no",
            "debilitating_condition": "no",
            "serious_condition": "no",
            "care_not_provided": "no",
            "outbreak_at_facility": "no",
            "family_situation": "his kids",
            "child_caregiver_lost": "yes she passed away in january",
            "only_caregiver_for_child": "yes he's the only one",
            "abused_in_custody": "no",
            "warden_request_received": said(received),
            "warden_denied_on": f"they denied it on {said(denied)}",
            "confirm_facts": "yes",
        },
    )

    assert "self_care" not in family.asked  # under 65, no debilitating illness
    assert (
        "Death or incapacitation of the caregiver of the person's child "
        "[BOP Program Statement 5050.50 § 5]: fits"
    ) in result
    assert "Family: caregiver of the person's child [USSG § 1B1.13(b)(3)(A)]: fits" in result
    assert "death certificate" in result
    assert long_date(denied + timedelta(days=20)) in result  # BP-9, 28 CFR 542.14(a)
    assert "28 CFR 542.14(a)" in result


def test_a_state_prisoner_is_told_kindly_what_applies_instead(family: Family) -> None:
    result = family.screen(
        "could my son qualify for compassionate release?",
        {"jurisdiction": "he's in a state prison in Ohio"},
    )

    assert family.asked == ["jurisdiction"]
    assert "You told me the sentence comes from Ohio" in result
    assert "28 CFR 571.64" in result
    assert "FAMM" in result
    assert "only takes federal cases" in result
    assert "not legal advice" in result


def test_why_and_a_side_question_come_back_to_the_same_question(family: Family) -> None:
    first = family.say("check if my dad qualifies")
    why = family.say("why do you ask?")
    side = family.say("what is compassionate release?")
    answered = family.say("federal")

    assert question_in(first[-1]) == "jurisdiction"
    assert "28 CFR 571.64" in "\n".join(why)
    assert question_in(why[-1]) == "jurisdiction"
    assert question_in(side[-1]) == "jurisdiction"
    assert question_in(answered[-1]) == "offense_era"


def test_after_two_answers_it_cannot_read_it_offers_to_skip(family: Family) -> None:
    family.say("check if my dad qualifies")
    family.say("federal")
    family.say("2010")
    first = family.say("older than me")
    second = family.say("a lot older than me")
    skipped = family.say("skip")

    assert "Sorry, I didn't get the age" in "\n".join(first)
    assert "we can skip this question" in "\n".join(second)
    assert question_in(skipped[-1]) == "sentence_months"


def test_the_family_can_stop_the_questions(family: Family) -> None:
    family.say("check if my dad qualifies")
    family.say("federal")
    pause = family.say("stop")  # answers no question: asked whether to go on
    stopped = family.say("no")

    assert "Do you want to go on with the questions?" in "\n".join(pause)
    assert "we'll stop here" in "\n".join(stopped)


def test_the_family_can_pause_and_go_on_with_the_same_question(family: Family) -> None:
    family.say("check if my dad qualifies")
    asked = family.say("federal")
    family.say("no")
    again = family.say("yes")

    assert question_in(asked[-1]) == "offense_era"
    assert question_in(again[-1]) == "offense_era"
