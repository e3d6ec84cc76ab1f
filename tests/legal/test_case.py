"""Input checking: every bad input names its key; good input becomes a `Case`."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.legal import CaseError, parse_case
from bot.legal.case import INPUT_KEYS, AbuseFinding, Jurisdiction, SelfCare
from bot.legal.dates import age_on

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("raw", "key", "fragment"),
    [
        pytest.param([], "case", "JSON object", id="not an object"),
        pytest.param({"nickname": "Joe"}, "nickname", "not a known input key", id="unknown key"),
        pytest.param({"as_of": "2026/11/25"}, "as_of", "YYYY-MM-DD", id="date in the wrong format"),
        pytest.param({"as_of": 20261125}, "as_of", "YYYY-MM-DD", id="date as a number"),
        pytest.param(
            {"birth_date": "2023-02-29"},
            "birth_date",
            "not a real calendar date",
            id="29 February in a common year",
        ),
        pytest.param(
            {"offense_date": "2020-13-01"},
            "offense_date",
            "not a real calendar date",
            id="month 13",
        ),
        pytest.param(
            {"offense_date": "2021-04-31"},
            "offense_date",
            "not a real calendar date",
            id="31 April",
        ),
        pytest.param(
            {"offense_date": "1899-12-31"}, "offense_date", "not plausible", id="date before 1900"
        ),
        pytest.param(
            {"as_of": "2023-10-31"},
            "as_of",
            "2023-11-01",
            id="USSG 1B1.13 as amended: as_of before 2023-11-01",
        ),
        pytest.param({"age": -1}, "age", "negative", id="negative age"),
        pytest.param({"age": 131}, "age", "plausible", id="age over 130"),
        pytest.param({"age": "67"}, "age", "a number", id="age as text"),
        pytest.param({"age": True}, "age", "a number", id="age as a boolean"),
        pytest.param(
            {"served_months": -0.5}, "served_months", "negative", id="negative months served"
        ),
        pytest.param(
            {"served_months": 1561}, "served_months", "plausible", id="more than 130 years served"
        ),
        pytest.param(
            {"sentence_months": 0}, "sentence_months", "more than 0", id="zero-month sentence"
        ),
        pytest.param(
            {"sentence_months": "forever"}, "sentence_months", '"life"', id="sentence as other text"
        ),
        pytest.param(
            {"sentence_months": -12}, "sentence_months", "negative", id="negative sentence"
        ),
        pytest.param(
            {"life_expectancy_months": -3},
            "life_expectancy_months",
            "negative",
            id="negative life expectancy",
        ),
        pytest.param(
            {"life_expectancy_months": float("inf")},
            "life_expectancy_months",
            "finite",
            id="infinite life expectancy",
        ),
        pytest.param(
            {"terminal_illness": "yes"}, "terminal_illness", "true or false", id="boolean as text"
        ),
        pytest.param(
            {"abused_in_custody": 1}, "abused_in_custody", "true or false", id="boolean as a number"
        ),
        pytest.param(
            {"jurisdiction": "Federal"}, "jurisdiction", '"federal"', id="jurisdiction wrong case"
        ),
        pytest.param(
            {"self_care": "some"}, "self_care", '"limited"', id="self_care outside its values"
        ),
        pytest.param({"state": "Ohio"}, "state", "two-letter", id="state spelled out"),
        pytest.param({"state": "XX"}, "state", "two-letter", id="state code that does not exist"),
        pytest.param(
            {"birth_date": "2026-11-26"}, "birth_date", "after as_of", id="birth date after as_of"
        ),
        pytest.param(
            {"warden_request_received": "2026-12-01"},
            "warden_request_received",
            "after as_of",
            id="event after as_of",
        ),
        pytest.param(
            {"served_months": 241, "sentence_months": 240},
            "served_months",
            "more than the 240-month",
            id="served more than sentenced",
        ),
        pytest.param(
            {"served_months": 13 * 12, "age": 12},
            "served_months",
            "lifetime",
            id="served longer than alive",
        ),
        pytest.param(
            {"served_months": 30, "offense_date": "2025-01-01"},
            "served_months",
            "since offense_date",
            id="served longer than since the offense",
        ),
        pytest.param(
            {"age": 40, "birth_date": "1990-01-01"},
            "age",
            "does not match",
            id="age contradicts birth date",
        ),
        pytest.param(
            {"birth_date": "1900-01-02", "as_of": "2031-01-03"},
            "birth_date",
            "not plausible",
            id="birth date gives age over 130",
        ),
        pytest.param(
            {"birth_date": "2000-01-01", "offense_date": "1999-01-01"},
            "offense_date",
            "before birth_date",
            id="offense before birth",
        ),
        pytest.param(
            {"warden_request_received": "2026-05-02", "warden_denied_on": "2026-05-01"},
            "warden_denied_on",
            "before warden_request_received",
            id="28 CFR 571.63(a): denial before the request",
        ),
        pytest.param(
            {"warden_denied_on": "2026-05-02", "bp10_filed_on": "2026-05-01"},
            "bp10_filed_on",
            "before warden_denied_on",
            id="28 CFR 542.15: BP-10 before the denial",
        ),
        pytest.param(
            {"warden_denied_on": "2026-05-02", "regional_denied_on": "2026-05-01"},
            "regional_denied_on",
            "before warden_denied_on",
            id="28 CFR 542.15: regional answer before the warden's",
        ),
        pytest.param(
            {"bp10_filed_on": "2026-05-02", "regional_denied_on": "2026-05-01"},
            "regional_denied_on",
            "before bp10_filed_on",
            id="28 CFR 542.18: regional answer before the BP-10",
        ),
        pytest.param(
            {"regional_denied_on": "2026-05-02", "bp11_filed_on": "2026-05-01"},
            "bp11_filed_on",
            "before regional_denied_on",
            id="28 CFR 542.15: BP-11 before the regional answer",
        ),
        pytest.param(
            {"warden_request_received": "2026-05-02", "final_denial_on": "2026-05-01"},
            "final_denial_on",
            "before warden_request_received",
            id="28 CFR 571.63(b): final denial before the request",
        ),
        pytest.param(
            {"warden_denied_on": "2026-05-02", "final_denial_on": "2026-05-01"},
            "final_denial_on",
            "before warden_denied_on",
            id="final denial before the warden's",
        ),
        pytest.param(
            {"regional_denied_on": "2026-05-02", "final_denial_on": "2026-05-01"},
            "final_denial_on",
            "before regional_denied_on",
            id="final denial before the regional",
        ),
        pytest.param(
            {"bp11_filed_on": "2026-05-02", "final_denial_on": "2026-05-01"},
            "final_denial_on",
            "before bp11_filed_on",
            id="final denial before the BP-11",
        ),
        pytest.param(
            {"abuse_established_by": "rumor"},
            "abuse_established_by",
            'expected one of "conviction"',
            id="USSG 1B1.13(b)(4): an unknown way of establishing abuse",
        ),
        pytest.param(
            {"abused_in_custody": False, "abuse_established_by": "conviction"},
            "abuse_established_by",
            "abused_in_custody is false",
            id="USSG 1B1.13(b)(4): a finding about abuse that did not happen",
        ),
        pytest.param(
            {"care_not_provided": "yes"},
            "care_not_provided",
            "expected true or false",
            id="USSG 1B1.13(b)(1)(C): yes/no facts are JSON booleans",
        ),
        pytest.param(
            {"warden_denied_on": "2026-05-02", "bp9_filed_on": "2026-05-01"},
            "bp9_filed_on",
            "before warden_denied_on",
            id="28 CFR 542.14: BP-9 before the denial",
        ),
        pytest.param(
            {"bp9_filed_on": "2026-05-02", "bp9_denied_on": "2026-05-01"},
            "bp9_denied_on",
            "before bp9_filed_on",
            id="28 CFR 542.18: the warden's BP-9 answer before the BP-9",
        ),
        pytest.param(
            {"bp9_denied_on": "2026-05-02", "bp10_filed_on": "2026-05-01"},
            "bp10_filed_on",
            "before bp9_denied_on",
            id="28 CFR 542.15: BP-10 before the BP-9 answer",
        ),
        pytest.param(
            {"terminal_illness": False, "terminal_diagnosis_on": "2026-05-01"},
            "terminal_diagnosis_on",
            "terminal_illness is false",
            id="3582(d)(2)(A): diagnosis date without a terminal illness",
        ),
    ],
)
def test_bad_input_names_its_key(raw: dict[str, Any], key: str, fragment: str) -> None:
    with pytest.raises(CaseError) as raised:
        parse_case(raw, TODAY)
    assert raised.value.key == key
    assert str(raised.value).startswith(f"{key}: ")
    assert fragment in str(raised.value)
    assert "\n" not in str(raised.value)


def test_empty_case_is_all_unknown_on_today() -> None:
    case = parse_case({}, TODAY)
    assert case.as_of == TODAY
    assert case.jurisdiction is Jurisdiction.UNKNOWN
    assert all(
        getattr(case, key) is None for key in INPUT_KEYS if key not in {"as_of", "jurisdiction"}
    )


def test_null_means_unknown() -> None:
    case = parse_case({"age": None, "jurisdiction": None, "terminal_illness": None}, TODAY)
    assert case.age is None
    assert case.terminal_illness is None
    assert case.jurisdiction is Jurisdiction.UNKNOWN


def test_every_kind_of_value_is_parsed() -> None:
    case = parse_case(
        {
            "as_of": "2026-03-03",
            "jurisdiction": "federal",
            "state": "nc",
            "self_care": "limited",
            "sentence_months": "life",
            "served_months": 100,
            "age": 67.0,
            "life_expectancy_months": 0,
            "bed_or_chair_over_half": True,
            "serious_condition": True,
            "abused_in_custody": True,
            "abuse_established_by": "administrative_finding",
            "bp9_filed_on": "2026-02-01",
        },
        TODAY,
    )
    assert case.serious_condition is True
    assert case.abuse_established_by is AbuseFinding.ADMINISTRATIVE_FINDING
    assert case.bp9_filed_on == date(2026, 2, 1)
    assert case.as_of == date(2026, 3, 3)
    assert case.state == "NC"
    assert case.self_care is SelfCare.LIMITED
    assert case.life_sentence
    assert case.current_age == 67
    assert case.bed_or_chair_over_half is True


def test_rules_in_force_from_their_effective_date() -> None:
    assert parse_case({"as_of": "2023-11-01"}, TODAY).as_of == date(2023, 11, 1)


def test_age_matching_birth_date_is_accepted() -> None:
    case = parse_case({"age": 25, "birth_date": "2000-11-25"}, date(2026, 11, 24))
    assert case.current_age == 25


def test_served_up_to_a_month_of_rounding_after_offense_is_accepted() -> None:
    case = parse_case({"served_months": 12.5, "offense_date": "2025-11-25"}, TODAY)
    assert case.served_months == 12.5


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        pytest.param(
            date(2000, 2, 29), date(2025, 2, 28), 24, id="leap-day birthday: not yet on 28 Feb"
        ),
        pytest.param(
            date(2000, 2, 29), date(2025, 3, 1), 25, id="leap-day birthday: a year older on 1 Mar"
        ),
        pytest.param(
            date(2000, 2, 29), date(2028, 2, 29), 28, id="leap-day birthday in a leap year"
        ),
        pytest.param(date(1961, 11, 25), date(2026, 11, 24), 64, id="day before the 65th birthday"),
        pytest.param(date(1961, 11, 25), date(2026, 11, 25), 65, id="on the 65th birthday"),
        pytest.param(date(1956, 12, 31), date(2026, 12, 31), 70, id="70th birthday on 31 December"),
    ],
)
def test_age_on(birth: date, on: date, age: int) -> None:
    assert age_on(birth, on) == age


def test_age_from_birth_date() -> None:
    case = parse_case({"birth_date": "1961-11-25", "as_of": "2026-11-25"}, TODAY)
    assert case.current_age == 65
