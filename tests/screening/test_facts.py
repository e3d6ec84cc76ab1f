"""The screening's slots as the engine's input and as the summary shown to the family."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.legal import assess_dict
from bot.screening.facts import ABUSE_FINDINGS, case_from_slots, months_in_words, summary_lines

TODAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("slots", "case"),
    [
        pytest.param({}, {}, id="nothing known, nothing sent"),
        pytest.param(
            {"jurisdiction": "federal", "offense_era": "after_1987"},
            {"jurisdiction": "federal", "offense_date": "1987-11-01"},
            id="after 1987 is the first new-law day (18 U.S.C. 3582(c)(1)(A))",
        ),
        pytest.param(
            {"offense_era": "before_1987"},
            {"offense_date": "1900-01-01"},
            id="before 1987 is the earliest day the engine accepts",
        ),
        pytest.param({"offense_era": "1985"}, {"offense_date": "1985-01-01"}, id="a year"),
        pytest.param({"offense_era": "1987"}, {}, id="1987 alone does not say which side"),
        pytest.param(
            {"jurisdiction": "state", "state": "oh"},
            {"jurisdiction": "state", "state": "OH"},
            id="state code upper-cased",
        ),
        pytest.param(
            {"jurisdiction": "unknown", "state": "Ohio"}, {}, id="unknown and bad state omitted"
        ),
        pytest.param(
            {"age": 67, "sentence_months": 240, "served_months": 150.0},
            {"age": 67, "sentence_months": 240, "served_months": 150},
            id="numbers",
        ),
        pytest.param({"age": "67"}, {"age": 67}, id="a number as text"),
        pytest.param({"age": "sixty"}, {}, id="unreadable number omitted"),
        pytest.param({"age": -3}, {}, id="negative number omitted"),
        pytest.param({"age": True}, {}, id="a bool is not a number"),
        pytest.param({"sentence_months": "life"}, {"sentence_months": "life"}, id="life"),
        pytest.param({"sentence_months": 0}, {}, id="zero months is not a sentence"),
        pytest.param(
            {"terminal_illness": True, "abused_in_custody": False, "debilitating_condition": "no"},
            {"terminal_illness": True, "abused_in_custody": False, "debilitating_condition": False},
            id="yes/no facts",
        ),
        pytest.param(
            {"terminal_illness": "unknown", "self_care": "unknown", "age": "unknown"},
            {},
            id="unknown answers omitted",
        ),
        pytest.param(
            {
                "serious_condition": True,
                "recovery_not_expected": "yes",
                "aging_deterioration": False,
                "care_not_provided": "unknown",
                "outbreak_at_facility": True,
                "outbreak_risk_factors": "no",
            },
            {
                "serious_condition": True,
                "recovery_not_expected": True,
                "aging_deterioration": False,
                "outbreak_at_facility": True,
                "outbreak_risk_factors": False,
            },
            id="the court's medical, care and outbreak facts (USSG 1B1.13(b)(1)(B)-(D))",
        ),
        *(
            pytest.param(
                {"abused_in_custody": True, "abuse_established_by": finding},
                {"abused_in_custody": True, "abuse_established_by": finding},
                id=f"abuse established by: {finding} (USSG 1B1.13(b)(4))",
            )
            for finding in (
                "conviction",
                "civil_finding",
                "administrative_finding",
                "proceedings_delayed",
                "imminent_danger",
                "not_established",
            )
        ),
        pytest.param(
            {"abused_in_custody": True, "abuse_established_by": "unknown"},
            {"abused_in_custody": True},
            id="abuse, not sure how established: omitted",
        ),
        pytest.param(
            {"abuse_established_by": "a rumour"}, {}, id="an unreadable finding is omitted"
        ),
        pytest.param({"self_care": "limited"}, {"self_care": "limited"}, id="self care"),
        pytest.param(
            {"family_situation": "none"},
            {
                "child_caregiver_lost": False,
                "spouse_incapacitated": False,
                "parent_incapacitated": False,
            },
            id="no family circumstance rules out all three",
        ),
        pytest.param(
            {"family_situation": "children", "child_caregiver_lost": True},
            {
                "child_caregiver_lost": True,
                "spouse_incapacitated": False,
                "parent_incapacitated": False,
            },
            id="a named circumstance leaves the others out",
        ),
        pytest.param(
            {"family_situation": "spouse,parent"},
            {"child_caregiver_lost": False},
            id="two circumstances",
        ),
        pytest.param({"family_situation": "unknown"}, {}, id="family not sure"),
        pytest.param(
            {
                "warden_request_received": "2026-03-03",
                "warden_denied_on": "no",
                "terminal_diagnosis_on": "unknown",
            },
            {"warden_request_received": "2026-03-03"},
            id="dates; no denial and unknown omitted",
        ),
        pytest.param({"warden_request_received": "none"}, {}, id="no request sent yet is no date"),
        pytest.param({"warden_request_received": "2026-02-30"}, {}, id="impossible date omitted"),
        pytest.param(
            {"confirm_facts": True, "facility": "FCI Butner", "relationship": "dad"},
            {},
            id="supporting slots are not engine input",
        ),
    ],
)
def test_case_from_slots(slots: dict[str, Any], case: dict[str, Any]) -> None:
    assert case_from_slots(slots) == case


def test_a_full_screening_is_accepted_by_the_engine() -> None:
    slots = {
        "jurisdiction": "federal",
        "offense_era": "after_1987",
        "age": 68,
        "sentence_months": 240,
        "served_months": 150,
        "terminal_illness": True,
        "life_expectancy_months": 6,
        "terminal_diagnosis_on": "2026-02-01",
        "family_situation": "none",
        "abused_in_custody": "unknown",
        "warden_request_received": "2026-03-03",
        "warden_denied_on": "no",
    }

    result = assess_dict(case_from_slots(slots), TODAY)

    assert result["route"] == "3582"
    assert result["bop_criteria"]["terminal_medical"]["status"] == "met"
    # Fed. R. Crim. P. 45(a)(1): day 30 is Thursday, April 2; the first safe day is the day after.
    assert result["deadlines"]["court_motion_earliest"]["date"] == "2026-04-03"


def test_the_new_facts_reach_the_court_grounds() -> None:
    slots = {
        "jurisdiction": "federal",
        "offense_era": "after_1987",
        "age": 50,
        "served_months": 100,
        "serious_condition": True,
        "recovery_not_expected": True,
        "self_care": "limited",
        "care_not_provided": True,
        "outbreak_at_facility": True,
        "outbreak_risk_factors": True,
        "abused_in_custody": True,
        "abuse_established_by": "conviction",
    }

    grounds = assess_dict(case_from_slots(slots), TODAY)["court_grounds"]

    assert grounds["serious_medical"]["status"] == "met"
    assert grounds["inadequate_care"]["status"] == "met"
    assert grounds["abuse"]["status"] == "met"
    assert grounds["outbreak"]["missing"] == []


def test_every_abuse_finding_the_form_stores_is_one_the_engine_knows() -> None:
    for finding in ABUSE_FINDINGS:
        case = case_from_slots({"abused_in_custody": True, "abuse_established_by": finding})
        assess_dict({"jurisdiction": "federal", **case}, TODAY)


def test_an_old_law_prisoner_who_served_40_years_is_consistent() -> None:
    slots = {"jurisdiction": "federal", "offense_era": "before_1987", "served_months": 480}

    assert assess_dict(case_from_slots(slots), TODAY)["route"] == "unknown"


@pytest.mark.parametrize(
    ("months", "words"),
    [
        (0, "0 months"),
        (1, "1 month"),
        (7, "7 months"),
        (12, "1 year"),
        (13, "1 year and 1 month"),
        (150, "12 years and 6 months"),
        (240, "20 years"),
        (149.6, "12 years and 6 months"),
    ],
)
def test_months_in_words(months: float, words: str) -> None:
    assert months_in_words(months) == words


def test_summary_of_a_full_screening_reads_like_the_answers() -> None:
    slots = {
        "jurisdiction": "federal",
        "facility": "FCI Butner",
        "offense_era": "after_1987",
        "age": 67,
        "sentence_months": 240,
        "served_months": 150,
        "terminal_illness": True,
        "life_expectancy_months": 6,
        "terminal_diagnosis_on": "2026-02-03",
        "self_care": "limited",
        "family_situation": "spouse",
        "spouse_incapacitated": "unknown",
        "abused_in_custody": False,
        "warden_request_received": "2026-03-03",
        "warden_denied_on": "no",
        "confirm_facts": None,
    }

    assert summary_lines(slots) == [
        "Sentenced by: a federal court",
        "Prison: FCI Butner",
        "When the offense happened: on or after November 1, 1987",
        "Age: 67",
        "Sentence: 20 years (240 months)",
        "Time served so far: 12 years and 6 months (150 months)",
        "Diagnosed with a terminal illness: yes",
        "Life expectancy the doctors gave: 6 months",
        "Day of the terminal diagnosis: Tuesday, February 3, 2026",
        "Able to take care of themselves: only a little",
        "Family who may need them as a caregiver: their spouse or partner",
        "Their spouse or partner is incapacitated: not sure",
        "Abused in custody by staff: no",
        "Request to the warden: received Tuesday, March 3, 2026",
        "Warden's answer: no denial",
    ]


@pytest.mark.parametrize(
    ("slots", "lines"),
    [
        pytest.param({}, [], id="nothing said, nothing shown"),
        pytest.param(
            {"jurisdiction": "state", "state": "OH"},
            ["Sentenced by: a state court (OH)"],
            id="state",
        ),
        pytest.param(
            {"jurisdiction": "dc_code"},
            ["Sentenced by: D.C. Superior Court (a D.C. Code offense)"],
            id="dc code",
        ),
        pytest.param(
            {"jurisdiction": "unknown", "offense_era": "unknown", "age": "unknown"},
            [
                "Sentenced by: not sure",
                "When the offense happened: not sure",
                "Age: not sure",
            ],
            id="not sure",
        ),
        pytest.param(
            {"offense_era": "1985", "parolable_sentence": True},
            [
                "When the offense happened: in 1985 (before November 1, 1987)",
                "A sentence that allows parole: yes",
            ],
            id="old law",
        ),
        pytest.param(
            {"offense_era": "before_1987", "sentence_months": "life"},
            ["When the offense happened: before November 1, 1987", "Sentence: life"],
            id="before 1987, life",
        ),
        pytest.param(
            {"family_situation": "none", "warden_request_received": "none"},
            [
                "Family who may need them as a caregiver: none of these",
                "Request to the warden: not sent yet",
            ],
            id="no family need, no request yet",
        ),
        pytest.param(
            {
                "family_situation": "children,parent",
                "warden_request_received": "unknown",
                "warden_denied_on": "2026-03-05",
            },
            [
                "Family who may need them as a caregiver: their child, their parent",
                "Request to the warden: not sure",
                "Warden's answer: denied Thursday, March 5, 2026",
            ],
            id="two family needs, dates",
        ),
        pytest.param(
            {
                "debilitating_condition": False,
                "serious_condition": True,
                "recovery_not_expected": "unknown",
                "self_care": "limited",
                "deteriorating_health": False,
                "aging_deterioration": True,
                "care_not_provided": True,
                "outbreak_at_facility": True,
                "outbreak_risk_factors": False,
            },
            [
                "An illness that cannot be cured and is getting worse, or an injury they will "
                "not recover from: no",
                "A serious health problem, or serious trouble with memory, thinking or moving "
                "around: yes",
                "The doctors do not expect them to recover: not sure",
                "Able to take care of themselves: only a little",
                "Health getting worse, making it hard to function in prison: no",
                "Body or mind getting seriously weaker because of age: yes",
                "Needs medical care the prison is not giving: yes",
                "An outbreak or public health emergency at the prison: yes",
                "Their health puts them at higher risk from it: no",
            ],
            id="the court's medical, care and outbreak facts, in the form's order",
        ),
        *(
            pytest.param(
                {"abused_in_custody": True, "abuse_established_by": finding},
                [
                    "Abused in custody by staff: yes",
                    f"Official finding about the abuse: {words}",
                ],
                id=f"abuse: {finding}",
            )
            for finding, words in (
                ("conviction", "someone was convicted"),
                ("civil_finding", "a court case found them responsible, or they admitted it"),
                ("administrative_finding", "an official investigation found it happened"),
                ("proceedings_delayed", "not yet, the case is stuck or delayed"),
                ("imminent_danger", "not yet, and they are still in danger"),
                ("not_established", "nothing yet"),
                ("unknown", "not sure"),
            )
        ),
        pytest.param(
            {"self_care": "unknown", "served_months": "unknown", "terminal_illness": "maybe"},
            ["Time served so far: not sure", "Able to take care of themselves: not sure"],
            id="unreadable answers are left out",
        ),
    ],
)
def test_summary_lines(slots: dict[str, Any], lines: list[str]) -> None:
    assert summary_lines(slots) == lines
