"""One message read as the answer to one question: buttons, intents and text."""

from __future__ import annotations

from datetime import date

import pytest

from bot.legal.case import BOOL_KEYS_IN_ORDER
from bot.screening.reading import NO_ANSWERS, Reading, is_question, read_answer
from bot.screening.registry import KINDS

TODAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("slot", "text", "intent", "entity", "expected"),
    [
        (
            "jurisdiction",
            '/inform{"jurisdiction": "federal"}',
            "inform",
            "federal",
            Reading("federal"),
        ),
        (
            "jurisdiction",
            "he's in a state prison in ohio",
            "state_prisoner",
            None,
            Reading("state", state="OH"),
        ),
        (
            "sentence_months",
            '/inform{"sentence_months": "life"}',
            "inform",
            "life",
            Reading("life"),
        ),
        ("terminal_illness", "/affirm", "affirm", None, Reading(True)),
        ("terminal_illness", "/deny", "deny", None, Reading(False)),
        ("terminal_illness", "/dont_know", "dont_know", None, Reading("unknown")),
        ("terminal_illness", "she has stage 4 cancer", "inform", None, Reading(True)),
        ("terminal_illness", "i'm not sure", "deny", None, Reading("unknown")),
        ("age", "not sure", "inform", None, Reading("unknown")),
        ("age", "/deny", "deny", None, Reading()),
        ("abused_in_custody", "yeah", "nlu_fallback", None, Reading(True)),
        ("abused_in_custody", "hmm", "affirm", None, Reading(True)),
        ("warden_request_received", "/deny", "deny", None, Reading("none")),
        ("warden_request_received", "/affirm", "affirm", None, Reading(problem="need_date")),
        ("warden_request_received", "no we haven't sent it", "deny", None, Reading("none")),
        ("warden_request_received", "jan 10", "inform_date", None, Reading("2026-01-10")),
        ("warden_request_received", "dec 20 2026", "inform_date", None, Reading(problem="future")),
        ("warden_denied_on", "no answer yet", "deny", None, Reading("no")),
        ("terminal_diagnosis_on", "3/1/2026", "inform", None, Reading("2026-03-01")),
        ("terminal_diagnosis_on", "no", "deny", None, Reading("unknown")),
        ("life_expectancy_months", "no they didnt", "deny", None, Reading("unknown")),
        (
            "family_situation",
            '/inform{"family_situation": "none"}',
            "inform",
            "none",
            Reading("none"),
        ),
        ("family_situation", "no", "deny", None, Reading("none")),
        ("confirm_facts", "/affirm", "affirm", None, Reading(True)),
        ("confirm_facts", "i need to change something", "inform", None, Reading(False)),
        ("confirm_facts", "not sure", "dont_know", None, Reading()),
        ("offense_era", "1987", "inform", None, Reading()),
        (
            "offense_era",
            '/inform{"offense_era": "after_1987"}',
            "inform",
            "after_1987",
            Reading("after_1987"),
        ),
        (
            "offense_era",
            "the conspiracy ran from 1984 to 1989",
            "inform",
            None,
            Reading("after_1987"),
        ),
        ("serious_condition", "/affirm", "affirm", None, Reading(True)),
        ("serious_condition", "no", "deny", None, Reading(False)),
        ("recovery_not_expected", "not sure", "dont_know", None, Reading("unknown")),
        ("aging_deterioration", "yes he is", "affirm", None, Reading(True)),
        ("care_not_provided", "no they give him his meds", "deny", None, Reading(False)),
        ("outbreak_at_facility", "yeah covid", "inform", None, Reading(True)),
        ("outbreak_risk_factors", "/deny", "deny", None, Reading(False)),
        (
            "abuse_established_by",
            '/inform{"abuse_established_by": "civil_finding"}',
            "inform",
            "civil_finding",
            Reading("civil_finding"),
        ),
        (
            "abuse_established_by",
            "OIG substantiated it",
            "inform",
            None,
            Reading("administrative_finding"),
        ),
        (
            "abuse_established_by",
            "he's still being threatened",
            "nlu_fallback",
            None,
            Reading("imminent_danger"),
        ),
        ("abuse_established_by", "/deny", "deny", None, Reading("not_established")),
        ("abuse_established_by", "no", "deny", None, Reading("not_established")),
        ("abuse_established_by", "/dont_know", "dont_know", None, Reading("unknown")),
        ("abuse_established_by", "/affirm", "affirm", None, Reading()),
        ("abuse_established_by", "yes", "affirm", None, Reading()),
        ("abuse_established_by", "they settled", "inform", None, Reading()),
    ],
)
def test_read_answer(
    slot: str, text: str, intent: str, entity: str | None, expected: Reading
) -> None:
    assert read_answer(slot, text, intent, entity, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what is compassionate release?", True),
        ("can he get out", True),
        ("why do you ask", True),
        ("he's 70", False),
        ("my dad is 70 and sick", False),
    ],
)
def test_is_question(text: str, expected: bool) -> None:
    assert is_question(text) is expected


def test_every_yes_no_fact_of_the_engine_is_read_as_yes_or_no() -> None:
    for key in BOOL_KEYS_IN_ORDER:
        # "Terminal" has its own reader: "stage 4 cancer" is a yes too.
        assert KINDS[key] == ("terminal" if key == "terminal_illness" else "yes_no"), key
        assert NO_ANSWERS[key] is False, key
