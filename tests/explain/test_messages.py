"""The engine's assessment, told in short plain messages; every legal line keeps its source."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.bubbles import READING_LIMIT
from bot.explain import criteria_messages, date_lines, explain, open_questions
from bot.legal import assess

TODAY = date(2026, 3, 10)
FEDERAL = {"jurisdiction": "federal", "offense_date": "1987-11-01"}
TERMINAL = {
    **FEDERAL,
    "age": 58,
    "sentence_months": 240,
    "served_months": 150,
    "terminal_illness": True,
    "warden_request_received": "2026-03-03",
}
ELDERLY = {**FEDERAL, "age": 70, "sentence_months": 180, "served_months": 150}
CAREGIVER = {
    **FEDERAL,
    "age": 40,
    "served_months": 60,
    "child_caregiver_lost": True,
    "only_caregiver_for_child": True,
    "warden_request_received": "2026-01-05",
    "warden_denied_on": "2026-01-20",
}


def messages(case: dict[str, Any]) -> list[str]:
    return explain(assess(case, TODAY))


def joined(case: dict[str, Any]) -> str:
    return "\n".join(messages(case))


@pytest.mark.parametrize("case", [TERMINAL, ELDERLY, CAREGIVER, {}, {"jurisdiction": "state"}])
def test_every_message_fits_a_phone_screen(case: dict[str, Any]) -> None:
    assert all(len(message) <= READING_LIMIT for message in messages(case))


@pytest.mark.parametrize("case", [TERMINAL, ELDERLY, CAREGIVER, {}, {"jurisdiction": "dc_code"}])
def test_never_promises_release_and_always_says_it_is_not_legal_advice(
    case: dict[str, Any],
) -> None:
    text = joined(case).lower()

    assert "not legal advice" in text
    for promise in ("will be released", "will get out", "you qualify", "is eligible", "guarantee"):
        if promise == "guarantee":
            assert "does not guarantee" in text or promise not in text
        else:
            assert promise not in text


def test_a_terminal_illness_names_the_criterion_the_ground_and_their_sources() -> None:
    text = joined(TERMINAL)

    assert (
        "Terminal medical condition [BOP Program Statement 5050.50 § 3(a); 18 U.S.C. "
        "§ 3582(d)(1)]: fits"
    ) in text
    assert "Terminal illness [USSG § 1B1.13(b)(1)(A)]: fits" in text


def test_the_court_date_is_said_from_the_day_the_warden_received_the_request() -> None:
    text = joined(TERMINAL)

    assert (
        "The warden received the request on Tuesday, March 3, 2026. The 30-day wait ends on "
        "Thursday, April 2, 2026, so the first safe day to file a motion in the sentencing court "
        "is Friday, April 3, 2026 [18 U.S.C. § 3582(c)(1)(A); Fed. R. Crim. P. 45(a)]."
    ) in text
    assert "Tuesday, March 17, 2026: The BOP must process a terminally ill person's request" in text


def test_a_court_date_already_passed_is_said_in_the_past() -> None:
    lines = date_lines(assess(CAREGIVER, TODAY))

    assert lines[0].startswith(
        "The warden received the request on Monday, January 5, 2026. The 30-day wait ended on "
        "Wednesday, February 4, 2026, so since Thursday, February 5, 2026 your loved one may file"
    )
    assert "Monday, February 9, 2026 (this day has passed): Last day to appeal" in lines[1]
    assert "BP-9" in lines[1]


def test_a_date_in_the_next_steps_is_not_said_twice() -> None:
    text = joined(TERMINAL)

    assert text.count("Friday, April 3, 2026") == 1


def test_the_elderly_case_names_the_bop_rule_with_its_section() -> None:
    text = joined(ELDERLY)

    assert "Other elderly [BOP Program Statement 5050.50 § 4(c)]: fits what you told me" in text
    assert "Age [USSG § 1B1.13(b)(2)]: may fit" in text


def test_the_caregiver_case_names_the_family_rules() -> None:
    text = joined(CAREGIVER)

    assert (
        "Death or incapacitation of the caregiver of the person's child "
        "[BOP Program Statement 5050.50 § 5]"
    ) in text
    assert "Family: caregiver of the person's child [USSG § 1B1.13(b)(3)(A)]: fits" in text
    assert "death certificate" in text


def test_unknown_facts_become_plain_questions() -> None:
    lines = "\n".join(open_questions(assess({**FEDERAL, "age": 70}, TODAY)))

    assert "How long is the sentence?" in lines
    assert "Has a doctor diagnosed a terminal illness?" in lines
    assert "served_months" not in lines


def test_with_nothing_fitting_it_says_so_kindly() -> None:
    case = {**FEDERAL, "age": 40, "served_months": 20, "terminal_illness": False}
    case |= {"debilitating_condition": False, "abused_in_custody": False}
    case |= {"child_caregiver_lost": False, "spouse_incapacitated": False}
    case |= {"parent_incapacitated": False}

    first = criteria_messages(assess(case, TODAY))[0]

    assert first.startswith("On what you told me so far, none of the BOP's criteria")
    assert "[USSG § 1B1.13(b)(5)]" in first
    assert "a lawyer can judge" in first


def test_a_bare_yes_to_abuse_may_fit_but_must_be_shown() -> None:
    text = joined({**FEDERAL, "abused_in_custody": True})

    assert "Abuse in custody [USSG § 1B1.13(b)(4)]: may fit." in text
    assert "Abuse in custody [USSG § 1B1.13(b)(4)]: fits" not in text
    assert "Has the abuse been confirmed" in text


def test_a_long_sentence_is_told_plainly_why_it_no_longer_fits() -> None:
    text = joined({**FEDERAL, "served_months": 300, "sentence_months": 600, "as_of": "2026-12-01"})

    assert (
        "Unusually long sentence [USSG § 1B1.13(b)(6); Rutherford v. United States (U.S. 2026)]: "
        "a change in the law that Congress did not make retroactive"
    ) in text


def test_before_rutherford_a_long_sentence_was_for_a_lawyer_to_compare() -> None:
    text = joined({**FEDERAL, "served_months": 300, "sentence_months": 600})

    assert "Unusually long sentence [USSG § 1B1.13(b)(6)]: may fit." in text


@pytest.mark.parametrize(
    ("case", "fragments"),
    [
        (
            {"jurisdiction": "state", "state": "OH"},
            ["You told me the sentence comes from Ohio", "28 CFR 571.64", "FAMM"],
        ),
        ({"jurisdiction": "dc_code"}, ["D.C. Superior Court", "D.C. Code § 24-403.04"]),
        (
            {"jurisdiction": "federal", "offense_date": "1900-01-01", "parolable_sentence": False},
            ["non-parolable", "Ask a lawyer"],
        ),
    ],
)
def test_outside_federal_compassionate_release_it_says_what_applies_instead(
    case: dict[str, Any], fragments: list[str]
) -> None:
    found = messages(case)
    text = "\n".join(found)

    assert len(found) == 3
    for fragment in fragments:
        assert fragment in text
    assert "Terminal" not in text
