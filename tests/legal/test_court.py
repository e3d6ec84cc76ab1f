"""The court's grounds, USSG § 1B1.13(b) as amended 1 Nov 2023, in the court's own words.

Both sides of every threshold, and of Rutherford v. United States (U.S. May 28, 2026).
"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import COURT_IDS, FEDERAL_NEW_LAW, assessed

F = FEDERAL_NEW_LAW
AGING = {"age_related_condition": True, "deteriorating_health": True}
# The day before and the day of Rutherford v. United States.
BEFORE_RUTHERFORD = "2026-05-27"
RUTHERFORD_DAY = "2026-05-28"
MEDICAL_UNKNOWN = [
    "debilitating_condition",
    "serious_condition",
    "deteriorating_health",
    "aging_deterioration",
    "self_care",
]


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
        # (b)(1)(B) serious medical condition, in the court's words
        pytest.param(
            "serious_medical",
            {**F, "debilitating_condition": True, "self_care": "limited"},
            "met",
            [],
            id="USSG 1B1.13(b)(1)(B): an illness without recovery, limited self-care",
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
                "serious_condition": True,
                "self_care": "limited",
                "recovery_not_expected": True,
            },
            "met",
            [],
            id="USSG 1B1.13(b)(1)(B): serious but not incurable or progressive still fits",
        ),
        pytest.param(
            "serious_medical",
            {
                **F,
                "serious_condition": True,
                "age_related_condition": False,
                "self_care": "none",
                "recovery_not_expected": True,
            },
            "met",
            [],
            id="USSG 1B1.13(b)(1)(B): no chronic age-related condition needed",
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
            id="USSG 1B1.13(b)(1)(B): deteriorating with age, treatment will not help",
        ),
        pytest.param(
            "serious_medical",
            {
                **F,
                "aging_deterioration": True,
                "recovery_not_expected": True,
                "self_care": "limited",
            },
            "met",
            [],
            id="USSG 1B1.13(b)(1)(B)(iii): health deteriorating because of aging",
        ),
        pytest.param(
            "serious_medical",
            {
                **F,
                "debilitating_condition": False,
                "serious_condition": True,
                "treatment_no_improvement": False,
                "recovery_not_expected": False,
                "self_care": "none",
            },
            "not_met",
            [],
            id="USSG 1B1.13(b)(1)(B): recovery expected",
        ),
        pytest.param(
            "serious_medical",
            {**F, "serious_condition": True, "self_care": "limited"},
            "unknown",
            ["debilitating_condition", "treatment_no_improvement", "recovery_not_expected"],
            id="USSG 1B1.13(b)(1)(B): whether they will recover is open",
        ),
        pytest.param(
            "serious_medical",
            {
                **F,
                "debilitating_condition": False,
                "serious_condition": False,
                "deteriorating_health": False,
                "aging_deterioration": False,
            },
            "not_met",
            [],
            id="USSG 1B1.13(b)(1)(B): no serious condition, impairment or aging decline",
        ),
        pytest.param(
            "serious_medical",
            {**F},
            "unknown",
            MEDICAL_UNKNOWN,
            id="USSG 1B1.13(b)(1)(B): nothing known",
        ),
        # (b)(1)(C) care not provided
        pytest.param(
            "inadequate_care",
            {**F, "care_not_provided": True},
            "met",
            [],
            id="USSG 1B1.13(b)(1)(C): specialized care not provided, at risk",
        ),
        pytest.param(
            "inadequate_care",
            {**F, "care_not_provided": False},
            "not_met",
            [],
            id="USSG 1B1.13(b)(1)(C): the care is provided",
        ),
        pytest.param(
            "inadequate_care",
            {**F},
            "unknown",
            ["care_not_provided"],
            id="USSG 1B1.13(b)(1)(C): unknown",
        ),
        # (b)(1)(D) outbreak or public-health emergency
        pytest.param(
            "outbreak",
            {**F, "outbreak_at_facility": True, "outbreak_risk_factors": True},
            "unknown",
            [],
            id="USSG 1B1.13(b)(1)(D): outbreak and risk factors; mitigation is for the court",
        ),
        pytest.param(
            "outbreak",
            {**F, "outbreak_at_facility": False},
            "not_met",
            [],
            id="USSG 1B1.13(b)(1)(D)(i): no outbreak at the prison",
        ),
        pytest.param(
            "outbreak",
            {**F, "outbreak_at_facility": True, "outbreak_risk_factors": False},
            "not_met",
            [],
            id="USSG 1B1.13(b)(1)(D)(ii): no personal risk factors",
        ),
        pytest.param(
            "outbreak",
            {**F, "outbreak_at_facility": True},
            "unknown",
            ["outbreak_risk_factors"],
            id="USSG 1B1.13(b)(1)(D)(ii): risk factors unknown",
        ),
        pytest.param(
            "outbreak",
            {**F},
            "unknown",
            ["outbreak_at_facility"],
            id="USSG 1B1.13(b)(1)(D): asks about risk factors only after an outbreak",
        ),
        # (b)(2) age, in the court's words
        pytest.param(
            "age",
            {**F, "age": 66, **AGING, "sentence_months": 480, "served_months": 120},
            "met",
            [],
            id="USSG 1B1.13(b)(2): 10 years is the lesser",
        ),
        pytest.param(
            "age",
            {**F, "age": 66, **AGING, "sentence_months": 480, "served_months": 119},
            "not_met",
            [],
            id="USSG 1B1.13(b)(2): under 10 years and under 75%",
        ),
        pytest.param(
            "age",
            {**F, "age": 66, **AGING, "sentence_months": 100, "served_months": 75},
            "met",
            [],
            id="USSG 1B1.13(b)(2): exactly 75% is the lesser",
        ),
        pytest.param(
            "age",
            {**F, "age": 66, **AGING, "sentence_months": 100, "served_months": 74.9},
            "not_met",
            [],
            id="USSG 1B1.13(b)(2): just under 75%",
        ),
        pytest.param(
            "age",
            {**F, "age": 64, **AGING, "sentence_months": 480, "served_months": 200},
            "not_met",
            [],
            id="USSG 1B1.13(b)(2): 64 is under 65",
        ),
        pytest.param(
            "age",
            {**F, "age": 66, "deteriorating_health": True, "served_months": 132},
            "met",
            [],
            id="USSG 1B1.13(b)(2): 66, 11 years served, health declining with age, no "
            "chronic-condition answer",
        ),
        pytest.param(
            "age",
            {
                **F,
                "age": 66,
                "age_related_condition": False,
                "aging_deterioration": True,
                "deteriorating_health": False,
                "served_months": 132,
            },
            "met",
            [],
            id="USSG 1B1.13(b)(2): no chronic condition and still managing in prison, but "
            "declining with age",
        ),
        pytest.param(
            "age",
            {
                **F,
                "age": 66,
                "deteriorating_health": False,
                "aging_deterioration": False,
                "served_months": 200,
            },
            "not_met",
            [],
            id="USSG 1B1.13(b)(2): no serious deterioration",
        ),
        pytest.param(
            "age",
            {**F, "age": 66, "deteriorating_health": False, "served_months": 200},
            "unknown",
            ["aging_deterioration"],
            id="USSG 1B1.13(b)(2): managing in prison, decline with age still to ask",
        ),
        pytest.param(
            "age",
            {**F, "age": 70, **AGING, "sentence_months": "life", "served_months": 120},
            "met",
            [],
            id="USSG 1B1.13(b)(2): life term, 10 years served",
        ),
        pytest.param(
            "age",
            {**F, "age": 70, **AGING, "sentence_months": "life", "served_months": 119},
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
            {**F, "age": 70, **AGING},
            "unknown",
            ["served_months", "sentence_months"],
            id="USSG 1B1.13(b)(2): time served unknown",
        ),
        # (b)(3) family circumstances
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
            {**F, "parent_incapacitated": False},
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
        # (b)(4) abuse: a family's yes "may fit, if established"
        pytest.param(
            "abuse",
            {**F, "abused_in_custody": True},
            "unknown",
            ["abuse_established_by"],
            id="USSG 1B1.13(b)(4): a bare yes may fit, if established",
        ),
        *(
            pytest.param(
                "abuse",
                {**F, "abused_in_custody": True, "abuse_established_by": how},
                "met",
                [],
                id=f"USSG 1B1.13(b)(4): established by {how.replace('_', ' ')}",
            )
            for how in ("conviction", "civil_finding", "administrative_finding")
        ),
        *(
            pytest.param(
                "abuse",
                {**F, "abused_in_custody": True, "abuse_established_by": why},
                "met",
                [],
                id=f"USSG 1B1.13(b)(4): not established yet, but {why.replace('_', ' ')}",
            )
            for why in ("proceedings_delayed", "imminent_danger")
        ),
        pytest.param(
            "abuse",
            {**F, "abused_in_custody": True, "abuse_established_by": "not_established"},
            "unknown",
            [],
            id="USSG 1B1.13(b)(4): not established yet, a lawyer judges the delay",
        ),
        pytest.param(
            "abuse",
            {**F, "abused_in_custody": False},
            "not_met",
            [],
            id="USSG 1B1.13(b)(4): not abused",
        ),
        pytest.param(
            "abuse",
            {**F},
            "unknown",
            ["abused_in_custody"],
            id="USSG 1B1.13(b)(4): asks how it is established only after a yes",
        ),
        # (b)(5) other reasons
        pytest.param(
            "other_reasons",
            {**F},
            "unknown",
            [],
            id="USSG 1B1.13(b)(5): always a lawyer's judgment, nothing to ask",
        ),
        # (b)(6) unusually long sentence: before and since Rutherford (May 28, 2026)
        pytest.param(
            "unusually_long_sentence",
            {**F, "served_months": 120, "as_of": BEFORE_RUTHERFORD},
            "unknown",
            [],
            id="USSG 1B1.13(b)(6): before Rutherford, 10 years served, disparity for a lawyer",
        ),
        pytest.param(
            "unusually_long_sentence",
            {**F, "served_months": 119, "as_of": BEFORE_RUTHERFORD},
            "not_met",
            [],
            id="USSG 1B1.13(b)(6): before Rutherford, under 10 years served",
        ),
        pytest.param(
            "unusually_long_sentence",
            {**F, "as_of": BEFORE_RUTHERFORD},
            "unknown",
            ["served_months"],
            id="USSG 1B1.13(b)(6): before Rutherford, time served unknown",
        ),
        pytest.param(
            "unusually_long_sentence",
            {**F, "served_months": 240, "as_of": RUTHERFORD_DAY},
            "not_met",
            [],
            id="Rutherford v. United States (2026): from May 28, 2026 not met, 20 years served",
        ),
        pytest.param(
            "unusually_long_sentence",
            {**F},
            "not_met",
            [],
            id="Rutherford v. United States (2026): not met, nothing to ask",
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
    result = assessed(
        **facts,
        terminal_illness=True,
        abused_in_custody=True,
        abuse_established_by="conviction",
        care_not_provided=True,
    )
    assert {g["status"] for g in result["court_grounds"].values()} == {"not_met"}


def test_court_and_bop_differ_on_age_thresholds() -> None:
    """USSG (b)(2) takes the lesser of 10 years or 75%; PS 5050.50 § 4(c) the greater."""
    result = assessed(**F, age=66, **AGING, sentence_months=480, served_months=130)
    assert result["court_grounds"]["age"]["status"] == "met"
    assert result["bop_criteria"]["elderly_other"]["status"] == "not_met"


def test_the_court_fits_where_the_bops_narrower_medical_test_does_not() -> None:
    """A serious illness that is not 'incurable, progressive' (PS 5050.50 § 3(b))."""
    result = assessed(
        **F,
        debilitating_condition=False,
        serious_condition=True,
        recovery_not_expected=True,
        self_care="limited",
    )
    assert result["court_grounds"]["serious_medical"]["status"] == "met"
    assert result["bop_criteria"]["debilitated_medical"]["status"] == "not_met"


@pytest.mark.parametrize("name", COURT_IDS)
def test_no_court_ground_uses_a_test_only_the_bop_has(name: str) -> None:
    result = ground(name, **F)
    words = " ".join([result["rule"], *(c["condition"] for c in result["conditions"])]).lower()
    for bop_only in ("incurable", "progressive", "chronic", "function in", "correctional facility"):
        assert bop_only not in words


def test_unusually_long_sentence_before_rutherford_says_its_validity_was_contested() -> None:
    notes = ground("unusually_long_sentence", **F, served_months=200, as_of=BEFORE_RUTHERFORD)[
        "notes"
    ]
    assert any("contested" in note for note in notes)


def test_unusually_long_sentence_since_rutherford_names_the_decision_and_what_is_unsettled() -> (
    None
):
    result = ground("unusually_long_sentence", **F, served_months=240)
    assert "Rutherford v. United States" in result["citation"]
    notes = " ".join(result["notes"])
    assert "Rutherford v. United States (U.S. May 28, 2026)" in notes
    assert "unsettled" in notes
    assert "ask a lawyer" in notes
    assert "Health, age, family and abuse grounds are not affected" in notes


def test_a_bare_yes_to_abuse_is_never_a_fit() -> None:
    result = assessed(**F, abused_in_custody=True)
    assert "abuse" not in result["summary"]["court_met"]
    assert "abuse" in result["summary"]["court_unknown"]
