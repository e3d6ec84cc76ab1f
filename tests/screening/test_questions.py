"""The screening asks only what the engine still needs, in order (docs/conversation.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.legal import CaseError
from bot.screening.questions import next_slot, required_slots

TODAY = date(2026, 3, 10)
FEDERAL = {"jurisdiction": "federal", "offense_era": "after_1987"}
YOUNG = {**FEDERAL, "age": 50, "served_months": 100}


@pytest.mark.parametrize(
    ("slots", "expected"),
    [
        pytest.param({}, "jurisdiction", id="the court first"),
        pytest.param({"jurisdiction": "federal"}, "offense_era", id="then the offence date"),
        pytest.param(
            {"jurisdiction": "federal", "offense_era": "1985"},
            "parolable_sentence",
            id="before 1987: parole decides the route (28 CFR 572.40)",
        ),
        pytest.param(
            {"jurisdiction": "unknown"}, "offense_era", id="a court not known: go on anyway"
        ),
        pytest.param(FEDERAL, "age", id="new law: age next"),
        pytest.param(
            {**FEDERAL, "age": 50}, "served_months", id="under 65 the sentence length is skipped"
        ),
        pytest.param({**FEDERAL, "age": 67}, "sentence_months", id="65 and over: the sentence"),
        pytest.param(YOUNG, "terminal_illness", id="then the illness"),
        pytest.param(
            {**YOUNG, "terminal_illness": True},
            "life_expectancy_months",
            id="terminal: the prognosis",
        ),
        pytest.param(
            {**YOUNG, "terminal_illness": True, "life_expectancy_months": 6},
            "terminal_diagnosis_on",
            id="terminal: the diagnosis day",
        ),
        pytest.param(
            {**YOUNG, "terminal_illness": False},
            "debilitating_condition",
            id="not terminal: prognosis skipped",
        ),
        pytest.param(
            {**YOUNG, "terminal_illness": False, "debilitating_condition": False},
            "family_situation",
            id="under 65 and no debilitating illness: self-care and aging skipped",
        ),
        pytest.param(
            {**FEDERAL, "age": 70, "sentence_months": 240, "served_months": 150}
            | {"terminal_illness": False, "debilitating_condition": False},
            "self_care",
            id="65 and over: self-care still matters for aging (USSG 1B1.13(b)(1)(B))",
        ),
        pytest.param(
            {**YOUNG, "terminal_illness": False, "debilitating_condition": True}
            | {"self_care": "full"},
            "family_situation",
            id="full self-care: bed or chair skipped (PS 5050.50 3(b))",
        ),
        pytest.param(
            {**YOUNG, "terminal_illness": "unknown", "debilitating_condition": "unknown"}
            | {"self_care": "unknown", "bed_or_chair_over_half": "unknown"}
            | {"family_situation": "children"},
            "child_caregiver_lost",
            id="children: the caregiver questions",
        ),
        pytest.param(
            {**YOUNG, "terminal_illness": False, "debilitating_condition": False}
            | {"family_situation": "children", "child_caregiver_lost": False},
            "abused_in_custody",
            id="caregiver not lost: only-caregiver skipped",
        ),
        pytest.param(
            {**YOUNG, "terminal_illness": False, "debilitating_condition": False}
            | {"family_situation": "spouse,parent", "spouse_incapacitated": True},
            "only_caregiver_for_spouse",
            id="spouse: only caregiver",
        ),
        pytest.param(
            {**YOUNG, "terminal_illness": False, "debilitating_condition": False}
            | {"family_situation": "none", "abused_in_custody": False},
            "warden_request_received",
            id="then the warden",
        ),
        pytest.param(
            {**YOUNG, "terminal_illness": False, "debilitating_condition": False}
            | {"family_situation": "none", "abused_in_custody": False}
            | {"warden_request_received": "2026-03-03"},
            "warden_denied_on",
            id="a request received: the denial",
        ),
        pytest.param(
            {**YOUNG, "terminal_illness": False, "debilitating_condition": False}
            | {"family_situation": "none", "abused_in_custody": False}
            | {"warden_request_received": "none"},
            "confirm_facts",
            id="no request yet: no denial question",
        ),
        pytest.param({"jurisdiction": "state"}, None, id="state: nothing to screen"),
        pytest.param({"jurisdiction": "dc_code"}, None, id="D.C. Code: nothing to screen"),
        pytest.param(
            {"jurisdiction": "federal", "offense_era": "before_1987", "parolable_sentence": False},
            None,
            id="old law, not parolable: nothing to screen (28 CFR 571.64)",
        ),
    ],
)
def test_next_slot(slots: dict[str, Any], expected: str | None) -> None:
    assert next_slot(slots, TODAY) == expected


def test_old_law_asks_no_court_only_questions() -> None:
    slots = {"jurisdiction": "federal", "offense_era": "1985", "parolable_sentence": True}

    assert "abused_in_custody" not in required_slots(slots, TODAY)


def test_contradicting_answers_raise_the_engines_error() -> None:
    with pytest.raises(CaseError) as error:
        next_slot({**FEDERAL, "sentence_months": 100, "served_months": 200}, TODAY)

    assert error.value.key == "served_months"
