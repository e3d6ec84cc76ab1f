"""The screening asks only what the engine still needs, in order (docs/conversation.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.legal import CaseError
from bot.screening.questions import next_slot, required_slots

from .slots import FEDERAL, HEALTHY

TODAY = date(2026, 3, 10)
YOUNG = {**FEDERAL, "age": 50, "served_months": 100}
OLD = {**FEDERAL, "age": 70, "sentence_months": 240, "served_months": 150}


@pytest.mark.parametrize(
    ("slots", "expected"),
    [
        pytest.param({}, "jurisdiction", id="the court first"),
        pytest.param({"jurisdiction": "federal"}, "offense_era", id="then the offense date"),
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
            "serious_condition",
            id="not incurable: any serious condition still counts in court (USSG 1B1.13(b)(1)(B))",
        ),
        pytest.param(
            {**YOUNG, "terminal_illness": False, "debilitating_condition": False}
            | {"serious_condition": True},
            "recovery_not_expected",
            id="a serious condition: is recovery expected (USSG 1B1.13(b)(1)(B))",
        ),
        pytest.param(
            {**YOUNG, "terminal_illness": False, "debilitating_condition": False}
            | {"serious_condition": True, "recovery_not_expected": True},
            "self_care",
            id="no recovery expected: self-care (USSG 1B1.13(b)(1)(B))",
        ),
        pytest.param(
            {**YOUNG, "terminal_illness": False, "debilitating_condition": False}
            | {"serious_condition": True, "recovery_not_expected": False},
            "care_not_provided",
            id="recovery expected: self-care skipped",
        ),
        pytest.param(
            {**YOUNG, "terminal_illness": False, "debilitating_condition": False}
            | {"serious_condition": "unknown"},
            "self_care",
            id="serious condition not sure: nothing yet to recover from, self-care next",
        ),
        pytest.param(
            {**YOUNG, "terminal_illness": False, "debilitating_condition": False}
            | {"serious_condition": False},
            "care_not_provided",
            id="under 65 and no serious condition: self-care, recovery and aging skipped",
        ),
        pytest.param(
            {**YOUNG, "terminal_illness": False, "debilitating_condition": True},
            "self_care",
            id="incurable and worsening already says serious and no recovery",
        ),
        pytest.param(
            {**OLD, "terminal_illness": False, "debilitating_condition": False}
            | {"serious_condition": False},
            "self_care",
            id="65 and over: self-care still matters for aging (USSG 1B1.13(b)(1)(B))",
        ),
        pytest.param(
            {**OLD, "terminal_illness": False, "debilitating_condition": False}
            | {"serious_condition": False, "self_care": "limited"},
            "age_related_condition",
            id="65 and over, no serious condition: recovery waits for the aging questions",
        ),
        pytest.param(
            {**OLD, "terminal_illness": False, "debilitating_condition": False}
            | {"serious_condition": False, "self_care": "limited"}
            | {"age_related_condition": False, "deteriorating_health": False},
            "aging_deterioration",
            id="65 and over: decline with age even if they manage in prison (USSG 1B1.13(b)(2))",
        ),
        pytest.param(
            {**OLD, "terminal_illness": False, "debilitating_condition": False}
            | {"serious_condition": False, "self_care": "limited"}
            | {"age_related_condition": False, "deteriorating_health": False}
            | {"aging_deterioration": True},
            "recovery_not_expected",
            id="decline with age and limited self-care: now recovery is asked",
        ),
        pytest.param(
            {**OLD, "terminal_illness": False, "debilitating_condition": False}
            | {"serious_condition": False, "self_care": "full"}
            | {"age_related_condition": True, "deteriorating_health": True},
            "treatment_no_improvement",
            id="health worse with age already says decline with age",
        ),
        pytest.param(
            {**YOUNG, "terminal_illness": False, "debilitating_condition": True}
            | {"self_care": "full"},
            "care_not_provided",
            id="full self-care: bed or chair skipped (PS 5050.50 3(b))",
        ),
        pytest.param(
            {**YOUNG, **HEALTHY, "care_not_provided": "unknown"},
            "family_situation",
            id="care not given, outbreak: then the family",
        ),
        pytest.param(
            {**YOUNG, **HEALTHY, "outbreak_at_facility": None},
            "outbreak_at_facility",
            id="an outbreak at the prison (USSG 1B1.13(b)(1)(D)(i))",
        ),
        pytest.param(
            {**YOUNG, **HEALTHY, "outbreak_at_facility": True},
            "outbreak_risk_factors",
            id="an outbreak: their own risk (USSG 1B1.13(b)(1)(D)(ii))",
        ),
        pytest.param(
            {**YOUNG, **HEALTHY, "outbreak_at_facility": "unknown"},
            "family_situation",
            id="outbreak not sure: their risk from it is not asked",
        ),
        pytest.param(
            {**YOUNG, **HEALTHY, "terminal_illness": "unknown", "debilitating_condition": "unknown"}
            | {"serious_condition": "unknown", "recovery_not_expected": "unknown"}
            | {"self_care": "unknown", "bed_or_chair_over_half": "unknown"}
            | {"family_situation": "children"},
            "child_caregiver_lost",
            id="children: the caregiver questions",
        ),
        pytest.param(
            {**YOUNG, **HEALTHY} | {"family_situation": "children", "child_caregiver_lost": False},
            "abused_in_custody",
            id="caregiver not lost: only-caregiver skipped",
        ),
        pytest.param(
            {**YOUNG, **HEALTHY}
            | {"family_situation": "spouse,parent", "spouse_incapacitated": True},
            "only_caregiver_for_spouse",
            id="spouse: only caregiver",
        ),
        pytest.param(
            {**YOUNG, **HEALTHY, "family_situation": "none", "abused_in_custody": True},
            "abuse_established_by",
            id="abuse: how it is established (USSG 1B1.13(b)(4))",
        ),
        pytest.param(
            {**YOUNG, **HEALTHY, "family_situation": "none", "abused_in_custody": True}
            | {"abuse_established_by": "unknown"},
            "warden_request_received",
            id="abuse, not sure how established: then the warden",
        ),
        pytest.param(
            {**YOUNG, **HEALTHY, "family_situation": "none", "abused_in_custody": "unknown"},
            "warden_request_received",
            id="abuse question skipped: no follow-up",
        ),
        pytest.param(
            {**YOUNG, **HEALTHY, "family_situation": "none", "abused_in_custody": False},
            "warden_request_received",
            id="then the warden",
        ),
        pytest.param(
            {**YOUNG, **HEALTHY, "family_situation": "none", "abused_in_custody": False}
            | {"warden_request_received": "2026-03-03"},
            "warden_denied_on",
            id="a request received: the denial",
        ),
        pytest.param(
            {**YOUNG, **HEALTHY, "family_situation": "none", "abused_in_custody": False}
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


COURT_ONLY = (
    "serious_condition",
    "recovery_not_expected",
    "aging_deterioration",
    "care_not_provided",
    "outbreak_at_facility",
    "outbreak_risk_factors",
    "abused_in_custody",
    "abuse_established_by",
)


def test_old_law_asks_no_court_only_questions() -> None:
    slots = {"jurisdiction": "federal", "offense_era": "1985", "parolable_sentence": True}

    assert set(required_slots(slots, TODAY)).isdisjoint(COURT_ONLY)


@pytest.mark.parametrize(
    ("slots", "asked", "not_asked"),
    [
        pytest.param(
            {**YOUNG, "abused_in_custody": None},
            {"abused_in_custody"},
            {"abuse_established_by"},
            id="abuse not answered yet: how it is established waits",
        ),
        pytest.param(
            {**YOUNG, "abused_in_custody": True},
            {"abuse_established_by"},
            set(),
            id="abuse yes: how it is established (USSG 1B1.13(b)(4))",
        ),
        pytest.param(
            {**YOUNG, "abused_in_custody": False},
            set(),
            {"abuse_established_by"},
            id="abuse no",
        ),
        pytest.param(
            {**YOUNG, "abused_in_custody": "unknown"},
            set(),
            {"abuse_established_by"},
            id="abuse skipped",
        ),
        pytest.param(
            {**YOUNG, "outbreak_at_facility": None},
            {"outbreak_at_facility"},
            {"outbreak_risk_factors"},
            id="outbreak not answered yet: the risk waits",
        ),
        pytest.param(
            {**YOUNG, "outbreak_at_facility": True},
            {"outbreak_risk_factors"},
            set(),
            id="outbreak yes: their risk (USSG 1B1.13(b)(1)(D)(ii))",
        ),
        pytest.param(
            {**YOUNG, "outbreak_at_facility": False}, set(), {"outbreak_risk_factors"}, id="no"
        ),
        pytest.param(
            {**YOUNG, "outbreak_at_facility": "unknown"},
            set(),
            {"outbreak_risk_factors"},
            id="outbreak not sure",
        ),
        pytest.param(
            {**YOUNG, "debilitating_condition": "unknown"},
            {"care_not_provided", "outbreak_at_facility"},
            {"age_related_condition", "deteriorating_health", "aging_deterioration"}
            | {"treatment_no_improvement"},
            id="under 65: no aging question",
        ),
        pytest.param(
            {**FEDERAL, "age": 64, "served_months": 200},
            set(),
            {"aging_deterioration"},
            id="64: no decline-with-age question (USSG 1B1.13(b)(2))",
        ),
        pytest.param(
            {**FEDERAL, "age": 65, "sentence_months": 240, "served_months": 200},
            {"aging_deterioration"},
            set(),
            id="65: the decline-with-age question (USSG 1B1.13(b)(2))",
        ),
        pytest.param(
            {**FEDERAL, "age": "unknown", "served_months": 200},
            {"aging_deterioration"},
            set(),
            id="age not known: the aging questions are asked",
        ),
        pytest.param(
            {**FEDERAL, "age": 70, "sentence_months": 240, "served_months": 200}
            | {"deteriorating_health": True},
            set(),
            {"aging_deterioration"},
            id="health getting worse with age already answers decline with age",
        ),
    ],
)
def test_follow_up_questions(slots: dict[str, Any], asked: set[str], not_asked: set[str]) -> None:
    plan = set(required_slots(slots, TODAY))

    assert asked <= plan
    assert plan.isdisjoint(not_asked)


def test_bp9_dates_are_not_asked() -> None:
    plan = required_slots({**YOUNG, "warden_request_received": "2026-01-05"}, TODAY)

    assert {"bp9_filed_on", "bp9_denied_on"}.isdisjoint(plan)


def test_contradicting_answers_raise_the_engines_error() -> None:
    with pytest.raises(CaseError) as error:
        next_slot({**FEDERAL, "sentence_months": 100, "served_months": 200}, TODAY)

    assert error.value.key == "served_months"
