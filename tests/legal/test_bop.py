"""The BOP's criteria, PS 5050.50 §§ 3-6: both sides of every threshold."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import FEDERAL_NEW_LAW, assessed

F = FEDERAL_NEW_LAW


def bop(criterion: str, **facts: Any) -> dict[str, Any]:
    result: dict[str, Any] = assessed(**facts)["bop_criteria"][criterion]
    return result


@pytest.mark.parametrize(
    ("criterion", "facts", "status", "missing"),
    [
        # § 3(a) terminal medical condition
        pytest.param(
            "terminal_medical",
            {**F, "terminal_illness": True},
            "met",
            [],
            id="PS 5050.50 3(a): terminal illness",
        ),
        pytest.param(
            "terminal_medical",
            {**F, "terminal_illness": False},
            "not_met",
            [],
            id="PS 5050.50 3(a): not terminal",
        ),
        pytest.param(
            "terminal_medical",
            {**F, "life_expectancy_months": 6},
            "unknown",
            ["terminal_illness"],
            id="PS 5050.50 3(a): prognosis alone does not say terminal",
        ),
        # § 3(b) debilitated medical condition
        pytest.param(
            "debilitated_medical",
            {
                **F,
                "debilitating_condition": True,
                "self_care": "none",
                "bed_or_chair_over_half": True,
            },
            "met",
            [],
            id="PS 5050.50 3(b): completely disabled",
        ),
        pytest.param(
            "debilitated_medical",
            {
                **F,
                "debilitating_condition": True,
                "self_care": "limited",
                "bed_or_chair_over_half": True,
            },
            "met",
            [],
            id="PS 5050.50 3(b): limited self-care and over 50% in bed or chair",
        ),
        pytest.param(
            "debilitated_medical",
            {
                **F,
                "debilitating_condition": True,
                "self_care": "limited",
                "bed_or_chair_over_half": False,
            },
            "not_met",
            [],
            id="PS 5050.50 3(b): limited self-care but 50% or less in bed or chair",
        ),
        pytest.param(
            "debilitated_medical",
            {
                **F,
                "debilitating_condition": True,
                "self_care": "full",
                "bed_or_chair_over_half": True,
            },
            "not_met",
            [],
            id="PS 5050.50 3(b): full self-care",
        ),
        pytest.param(
            "debilitated_medical",
            {
                **F,
                "debilitating_condition": False,
                "self_care": "none",
                "bed_or_chair_over_half": True,
            },
            "not_met",
            [],
            id="PS 5050.50 3(b): condition is not incurable or progressive",
        ),
        pytest.param(
            "debilitated_medical",
            {**F, "debilitating_condition": True, "self_care": "limited"},
            "unknown",
            ["bed_or_chair_over_half"],
            id="PS 5050.50 3(b): bed or chair unknown",
        ),
        pytest.param(
            "debilitated_medical",
            {**F},
            "unknown",
            ["debilitating_condition", "self_care", "bed_or_chair_over_half"],
            id="PS 5050.50 3(b): nothing known",
        ),
        # § 4(a) new-law elderly: 70 and 30 years
        pytest.param(
            "elderly_70_30",
            {**F, "age": 70, "served_months": 360},
            "met",
            [],
            id="PS 5050.50 4(a): 70 and 360 months",
        ),
        pytest.param(
            "elderly_70_30",
            {**F, "age": 69, "served_months": 360},
            "not_met",
            [],
            id="PS 5050.50 4(a): 69 is under 70",
        ),
        pytest.param(
            "elderly_70_30",
            {**F, "age": 70, "served_months": 359},
            "not_met",
            [],
            id="PS 5050.50 4(a): 359 months is under 30 years",
        ),
        pytest.param(
            "elderly_70_30",
            {
                "jurisdiction": "federal",
                "offense_date": "1987-11-01",
                "age": 80,
                "served_months": 360,
            },
            "met",
            [],
            id="PS 5050.50 4(a): offense on 1 Nov 1987 is new law",
        ),
        pytest.param(
            "elderly_70_30",
            {
                "jurisdiction": "federal",
                "offense_date": "1987-10-31",
                "parolable_sentence": True,
                "age": 80,
                "served_months": 400,
            },
            "not_met",
            [],
            id="PS 5050.50 4(a): offense on 31 Oct 1987 is not new law",
        ),
        pytest.param(
            "elderly_70_30",
            {"jurisdiction": "federal", "age": 75},
            "unknown",
            ["offense_date", "served_months"],
            id="PS 5050.50 4(a): offense date and time served unknown",
        ),
        # § 4(b) elderly with medical conditions
        pytest.param(
            "elderly_with_medical",
            {
                **F,
                "age": 65,
                "age_related_condition": True,
                "deteriorating_health": True,
                "treatment_no_improvement": True,
                "sentence_months": 240,
                "served_months": 120,
            },
            "met",
            [],
            id="PS 5050.50 4(b): 65 and exactly 50% served",
        ),
        pytest.param(
            "elderly_with_medical",
            {
                **F,
                "age": 65,
                "age_related_condition": True,
                "deteriorating_health": True,
                "treatment_no_improvement": True,
                "sentence_months": 240,
                "served_months": 119,
            },
            "not_met",
            [],
            id="PS 5050.50 4(b): just under 50% served",
        ),
        pytest.param(
            "elderly_with_medical",
            {
                **F,
                "age": 64,
                "age_related_condition": True,
                "deteriorating_health": True,
                "treatment_no_improvement": True,
                "sentence_months": 240,
                "served_months": 200,
            },
            "not_met",
            [],
            id="PS 5050.50 4(b): 64 is under 65",
        ),
        pytest.param(
            "elderly_with_medical",
            {
                **F,
                "age": 66,
                "age_related_condition": True,
                "deteriorating_health": True,
                "treatment_no_improvement": False,
                "sentence_months": 240,
                "served_months": 200,
            },
            "not_met",
            [],
            id="PS 5050.50 4(b): treatment promises improvement",
        ),
        pytest.param(
            "elderly_with_medical",
            {
                **F,
                "age": 66,
                "age_related_condition": True,
                "deteriorating_health": True,
                "treatment_no_improvement": True,
                "served_months": 200,
            },
            "unknown",
            ["sentence_months"],
            id="PS 5050.50 4(b): sentence unknown",
        ),
        pytest.param(
            "elderly_with_medical",
            {
                **F,
                "age": 66,
                "age_related_condition": True,
                "deteriorating_health": True,
                "treatment_no_improvement": True,
                "sentence_months": 240,
            },
            "unknown",
            ["served_months"],
            id="PS 5050.50 4(b): time served unknown",
        ),
        pytest.param(
            "elderly_with_medical",
            {
                **F,
                "age": 66,
                "age_related_condition": True,
                "deteriorating_health": True,
                "treatment_no_improvement": True,
                "sentence_months": "life",
                "served_months": 300,
            },
            "unknown",
            [],
            id="PS 5050.50 4(b): half of a life term is not defined",
        ),
        # § 4(c) other elderly: the GREATER of 10 years or 75%
        pytest.param(
            "elderly_other",
            {**F, "age": 65, "sentence_months": 150, "served_months": 120},
            "met",
            [],
            id="PS 5050.50 4(c): 10 years is the greater (75% of 150 is 112.5)",
        ),
        pytest.param(
            "elderly_other",
            {**F, "age": 65, "sentence_months": 150, "served_months": 119},
            "not_met",
            [],
            id="PS 5050.50 4(c): under 10 years though over 75%",
        ),
        pytest.param(
            "elderly_other",
            {**F, "age": 65, "sentence_months": 200, "served_months": 150},
            "met",
            [],
            id="PS 5050.50 4(c): exactly 75% is the greater",
        ),
        pytest.param(
            "elderly_other",
            {**F, "age": 65, "sentence_months": 200, "served_months": 149},
            "not_met",
            [],
            id="PS 5050.50 4(c): over 10 years but under 75%",
        ),
        pytest.param(
            "elderly_other",
            {**F, "age": 64, "sentence_months": 200, "served_months": 190},
            "not_met",
            [],
            id="PS 5050.50 4(c): 64 is under 65",
        ),
        pytest.param(
            "elderly_other",
            {**F, "age": 65, "served_months": 119},
            "not_met",
            [],
            id="PS 5050.50 4(c): under 10 years whatever the sentence",
        ),
        pytest.param(
            "elderly_other",
            {**F, "age": 65, "served_months": 130},
            "unknown",
            ["sentence_months"],
            id="PS 5050.50 4(c): over 10 years, sentence unknown",
        ),
        pytest.param(
            "elderly_other",
            {**F, "age": 65},
            "unknown",
            ["served_months", "sentence_months"],
            id="PS 5050.50 4(c): time served and sentence unknown",
        ),
        pytest.param(
            "elderly_other",
            {**F, "sentence_months": "life", "served_months": 400},
            "unknown",
            ["age"],
            id="PS 5050.50 4(c): life term and age unknown",
        ),
        # § 5 caregiver of the person's child
        pytest.param(
            "caregiver_child",
            {**F, "child_caregiver_lost": True, "only_caregiver_for_child": True},
            "met",
            [],
            id="PS 5050.50 5: caregiver died, only family caregiver",
        ),
        pytest.param(
            "caregiver_child",
            {**F, "child_caregiver_lost": True, "only_caregiver_for_child": False},
            "not_met",
            [],
            id="PS 5050.50 5: another family member can care",
        ),
        pytest.param(
            "caregiver_child",
            {**F, "child_caregiver_lost": False},
            "not_met",
            [],
            id="PS 5050.50 5: caregiver still able",
        ),
        pytest.param(
            "caregiver_child",
            {**F, "child_caregiver_lost": True},
            "unknown",
            ["only_caregiver_for_child"],
            id="PS 5050.50 5: only caregiver unknown",
        ),
        # § 6 spouse or registered partner
        pytest.param(
            "caregiver_spouse",
            {**F, "spouse_incapacitated": True, "only_caregiver_for_spouse": True},
            "met",
            [],
            id="PS 5050.50 6: incapacitated spouse, only caregiver",
        ),
        pytest.param(
            "caregiver_spouse",
            {**F, "spouse_incapacitated": True, "only_caregiver_for_spouse": False},
            "not_met",
            [],
            id="PS 5050.50 6: another caregiver available",
        ),
        pytest.param(
            "caregiver_spouse",
            {**F, "spouse_incapacitated": False, "only_caregiver_for_spouse": True},
            "not_met",
            [],
            id="PS 5050.50 6: spouse not incapacitated",
        ),
        pytest.param(
            "caregiver_spouse",
            {**F},
            "unknown",
            ["spouse_incapacitated", "only_caregiver_for_spouse"],
            id="PS 5050.50 6: nothing known",
        ),
    ],
)
def test_bop_criterion(
    criterion: str, facts: dict[str, Any], status: str, missing: list[str]
) -> None:
    result = bop(criterion, **facts)
    assert (result["status"], result["missing"]) == (status, missing)
    assert result["citation"].startswith("BOP Program Statement 5050.50 §")


@pytest.mark.parametrize(
    "facts",
    [
        pytest.param({"jurisdiction": "state"}, id="28 CFR 571.64: state prisoner"),
        pytest.param({"jurisdiction": "dc_code"}, id="28 CFR 571.64: D.C. Code offender"),
        pytest.param(
            {"jurisdiction": "federal", "offense_date": "1980-01-01", "parolable_sentence": False},
            id="28 CFR 571.64: old law, non-parolable",
        ),
    ],
)
def test_no_bop_criterion_applies_where_the_bop_cannot_move(facts: dict[str, Any]) -> None:
    result = assessed(**facts, terminal_illness=True, age=80, served_months=400)
    assert {c["status"] for c in result["bop_criteria"].values()} == {"not_met"}
    first = result["bop_criteria"]["terminal_medical"]["conditions"][0]
    assert "571.64" in first["condition"]


def test_old_law_parolable_keeps_the_bop_criteria() -> None:
    facts = {"jurisdiction": "federal", "offense_date": "1980-01-01", "parolable_sentence": True}
    assert bop("terminal_medical", **facts, terminal_illness=True)["status"] == "met"


@pytest.mark.parametrize(
    ("months", "within"),
    [
        pytest.param(18, True, id="PS 5050.50 3(a): 18 months is within the prognosis"),
        pytest.param(18.5, False, id="PS 5050.50 3(a): 18.5 months is beyond it"),
        pytest.param(None, None, id="PS 5050.50 3(a): prognosis unknown"),
    ],
)
def test_terminal_prognosis_flag(months: float | None, within: bool | None) -> None:
    result = bop("terminal_medical", **F, terminal_illness=True, life_expectancy_months=months)
    assert result["prognosis_within_18_months"] is within
    assert result["status"] == "met"
    notes = " ".join(result["notes"])
    if within is True:
        assert "also fits" in notes
    if within is False:
        assert "without a specific prognosis" in notes


def test_life_sentence_share_is_explained() -> None:
    result = bop("elderly_other", **F, age=70, sentence_months="life", served_months=300)
    assert result["status"] == "unknown"
    assert result["missing"] == []
    assert any("life sentence" in note for note in result["notes"])


def test_elderly_caveat_about_age_60_at_sentencing() -> None:
    for criterion in ("elderly_70_30", "elderly_with_medical", "elderly_other"):
        assert any("60 or older when sentenced" in n for n in bop(criterion, **F)["notes"])


def test_route_still_open_keeps_a_fitting_criterion_unknown() -> None:
    """'met' needs every fact, including those that decide whether the BOP can move at all."""
    result = bop("terminal_medical", terminal_illness=True)
    assert result["status"] == "unknown"
    assert result["missing"] == ["jurisdiction", "offense_date"]
    assert [c["status"] for c in result["conditions"]] == ["unknown", "met"]
