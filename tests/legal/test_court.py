"""The court's grounds, USSG § 1B1.13(b) as amended 1 Nov 2023: both sides of every threshold."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import FEDERAL_NEW_LAW, assessed

F = FEDERAL_NEW_LAW
AGING = {"age_related_condition": True, "deteriorating_health": True}


def ground(name: str, **facts: Any) -> dict[str, Any]:
    result: dict[str, Any] = assessed(**facts)["court_grounds"][name]
    return result


@pytest.mark.parametrize(
    ("name", "facts", "status", "missing"),
    [
        # (b)(1)(A) terminal illness
        pytest.param(
            "terminal_illness",
            {**F, "terminal_illness": True, "life_expectancy_months": 60},
            "met",
            [],
            id="USSG 1B1.13(b)(1)(A): no specific prognosis required",
        ),
        pytest.param(
            "terminal_illness",
            {**F, "terminal_illness": False},
            "not_met",
            [],
            id="USSG 1B1.13(b)(1)(A): not terminal",
        ),
        pytest.param(
            "terminal_illness",
            {**F},
            "unknown",
            ["terminal_illness"],
            id="USSG 1B1.13(b)(1)(A): unknown",
        ),
        # (b)(1)(B) serious medical condition
        pytest.param(
            "serious_medical",
            {**F, "debilitating_condition": True, "self_care": "limited"},
            "met",
            [],
            id="USSG 1B1.13(b)(1)(B): serious condition, limited self-care",
        ),
        pytest.param(
            "serious_medical",
            {**F, "debilitating_condition": True, "self_care": "full"},
            "not_met",
            [],
            id="USSG 1B1.13(b)(1)(B): self-care not diminished",
        ),
        pytest.param(
            "serious_medical",
            {
                **F,
                "debilitating_condition": False,
                **AGING,
                "treatment_no_improvement": True,
                "self_care": "none",
            },
            "met",
            [],
            id="USSG 1B1.13(b)(1)(B): deteriorating with age, no recovery",
        ),
        pytest.param(
            "serious_medical",
            {
                **F,
                "debilitating_condition": False,
                **AGING,
                "treatment_no_improvement": False,
                "self_care": "none",
            },
            "not_met",
            [],
            id="USSG 1B1.13(b)(1)(B): recovery expected",
        ),
        pytest.param(
            "serious_medical",
            {**F, "debilitating_condition": False, "self_care": "none"},
            "unknown",
            ["age_related_condition", "deteriorating_health", "treatment_no_improvement"],
            id="USSG 1B1.13(b)(1)(B): aging facts open",
        ),
        pytest.param(
            "serious_medical",
            {**F, "self_care": "limited"},
            "unknown",
            [
                "debilitating_condition",
                "age_related_condition",
                "deteriorating_health",
                "treatment_no_improvement",
            ],
            id="USSG 1B1.13(b)(1)(B): condition unknown",
        ),
        # (b)(2) age: 10 years or 75%, WHICHEVER IS LESS
        pytest.param(
            "age",
            {**F, "age": 65, **AGING, "served_months": 120, "sentence_months": 480},
            "met",
            [],
            id="USSG 1B1.13(b)(2): 10 years is the lesser",
        ),
        pytest.param(
            "age",
            {**F, "age": 65, **AGING, "served_months": 119, "sentence_months": 480},
            "not_met",
            [],
            id="USSG 1B1.13(b)(2): under 10 years and under 75%",
        ),
        pytest.param(
            "age",
            {**F, "age": 65, **AGING, "served_months": 75, "sentence_months": 100},
            "met",
            [],
            id="USSG 1B1.13(b)(2): exactly 75% is the lesser",
        ),
        pytest.param(
            "age",
            {**F, "age": 65, **AGING, "served_months": 74, "sentence_months": 100},
            "not_met",
            [],
            id="USSG 1B1.13(b)(2): just under 75%",
        ),
        pytest.param(
            "age",
            {**F, "age": 64, **AGING, "served_months": 200, "sentence_months": 240},
            "not_met",
            [],
            id="USSG 1B1.13(b)(2): 64 is under 65",
        ),
        pytest.param(
            "age",
            {
                **F,
                "age": 70,
                "age_related_condition": True,
                "deteriorating_health": False,
                "served_months": 200,
            },
            "not_met",
            [],
            id="USSG 1B1.13(b)(2): no serious deterioration",
        ),
        pytest.param(
            "age",
            {**F, "age": 70, **AGING, "served_months": 120, "sentence_months": "life"},
            "met",
            [],
            id="USSG 1B1.13(b)(2): life term, 10 years served",
        ),
        pytest.param(
            "age",
            {**F, "age": 70, **AGING, "served_months": 119, "sentence_months": "life"},
            "not_met",
            [],
            id="USSG 1B1.13(b)(2): life term, under 10 years",
        ),
        pytest.param(
            "age",
            {**F, "age": 70, **AGING, "served_months": 60},
            "unknown",
            ["sentence_months"],
            id="USSG 1B1.13(b)(2): under 10 years, sentence unknown",
        ),
        pytest.param(
            "age",
            {**F, "age": 70, **AGING, "sentence_months": 60},
            "unknown",
            ["served_months"],
            id="USSG 1B1.13(b)(2): time served unknown",
        ),
        # (b)(3) family
        pytest.param(
            "family_child",
            {**F, "child_caregiver_lost": True},
            "met",
            [],
            id="USSG 1B1.13(b)(3)(A): child's caregiver died or incapacitated",
        ),
        pytest.param(
            "family_child",
            {**F, "child_caregiver_lost": False},
            "not_met",
            [],
            id="USSG 1B1.13(b)(3)(A): caregiver still able",
        ),
        pytest.param(
            "family_spouse",
            {**F, "spouse_incapacitated": True, "only_caregiver_for_spouse": True},
            "met",
            [],
            id="USSG 1B1.13(b)(3)(B): spouse, only caregiver",
        ),
        pytest.param(
            "family_spouse",
            {**F, "spouse_incapacitated": True, "only_caregiver_for_spouse": False},
            "not_met",
            [],
            id="USSG 1B1.13(b)(3)(B): another caregiver",
        ),
        pytest.param(
            "family_parent",
            {**F, "parent_incapacitated": True, "only_caregiver_for_parent": True},
            "met",
            [],
            id="USSG 1B1.13(b)(3)(C): parent, only caregiver",
        ),
        pytest.param(
            "family_parent",
            {**F, "parent_incapacitated": False, "only_caregiver_for_parent": True},
            "not_met",
            [],
            id="USSG 1B1.13(b)(3)(C): parent not incapacitated",
        ),
        pytest.param(
            "family_parent",
            {**F, "parent_incapacitated": True},
            "unknown",
            ["only_caregiver_for_parent"],
            id="USSG 1B1.13(b)(3)(C): only caregiver unknown",
        ),
        # (b)(4) abuse
        pytest.param(
            "abuse",
            {**F, "abused_in_custody": True},
            "met",
            [],
            id="USSG 1B1.13(b)(4): abused in custody",
        ),
        pytest.param(
            "abuse",
            {**F, "abused_in_custody": False},
            "not_met",
            [],
            id="USSG 1B1.13(b)(4): not abused",
        ),
        # (b)(6) unusually long sentence: needs a lawyer's comparison once 10 years are served
        pytest.param(
            "unusually_long_sentence",
            {**F, "served_months": 120},
            "unknown",
            [],
            id="USSG 1B1.13(b)(6): 10 years served, disparity for a lawyer",
        ),
        pytest.param(
            "unusually_long_sentence",
            {**F, "served_months": 119},
            "not_met",
            [],
            id="USSG 1B1.13(b)(6): under 10 years served",
        ),
        pytest.param(
            "unusually_long_sentence",
            {**F},
            "unknown",
            ["served_months"],
            id="USSG 1B1.13(b)(6): time served unknown",
        ),
    ],
)
def test_court_ground(name: str, facts: dict[str, Any], status: str, missing: list[str]) -> None:
    result = ground(name, **facts)
    assert (result["status"], result["missing"]) == (status, missing)
    assert result["citation"].startswith("USSG § 1B1.13(b)")


@pytest.mark.parametrize(
    "facts",
    [
        pytest.param({"jurisdiction": "state"}, id="state prisoner: no federal motion"),
        pytest.param(
            {"jurisdiction": "dc_code"}, id="D.C. Code offender: D.C. Superior Court instead"
        ),
        pytest.param(
            {"jurisdiction": "federal", "offense_date": "1980-01-01", "parolable_sentence": True},
            id="18 USC 4205(g): only the BOP can move",
        ),
        pytest.param(
            {"jurisdiction": "federal", "offense_date": "1980-01-01", "parolable_sentence": False},
            id="28 CFR 571.64: old law, non-parolable",
        ),
    ],
)
def test_no_court_ground_without_a_3582_motion(facts: dict[str, Any]) -> None:
    result = assessed(**facts, terminal_illness=True, abused_in_custody=True)
    assert {g["status"] for g in result["court_grounds"].values()} == {"not_met"}


def test_court_and_bop_differ_on_age_thresholds() -> None:
    """USSG (b)(2) takes the lesser of 10 years or 75%; PS 5050.50 § 4(c) the greater."""
    result = assessed(**F, age=66, **AGING, sentence_months=480, served_months=130)
    assert result["court_grounds"]["age"]["status"] == "met"
    assert result["bop_criteria"]["elderly_other"]["status"] == "not_met"


def test_unusually_long_sentence_says_its_validity_is_contested() -> None:
    notes = ground("unusually_long_sentence", **F, served_months=200)["notes"]
    assert any("contested" in note for note in notes)
