"""Deadlines: the court date under Fed. R. Crim. P. 45(a), the BOP's calendar days, and which comes first."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import FEDERAL_NEW_LAW, assessed

F = FEDERAL_NEW_LAW


def deadline(name: str, **facts: Any) -> dict[str, Any] | None:
    found: dict[str, Any] | None = assessed(**facts)["deadlines"].get(name)
    return found


@pytest.mark.parametrize(
    ("facts", "wait_ends", "expected"),
    [
        pytest.param(
            {"warden_request_received": "2026-03-10"},
            "2026-04-09",
            "2026-04-10",
            id="Fed. R. Crim. P. 45(a)(1): received Tuesday 10 March, day 30 Thursday 9 April, "
            "file from Friday 10 April",
        ),
        pytest.param(
            {"warden_request_received": "2026-03-03"},
            "2026-04-02",
            "2026-04-03",
            id="Fed. R. Crim. P. 45(a)(1): the day of receipt is not counted",
        ),
        pytest.param(
            {"warden_request_received": "2026-03-11"},
            "2026-04-10",
            "2026-04-11",
            id="Fed. R. Crim. P. 45(a)(1): a Friday day 30 ends the wait; the next day is safe",
        ),
        pytest.param(
            {"warden_request_received": "2024-02-01"},
            "2024-03-04",
            "2024-03-05",
            id="Fed. R. Crim. P. 45(a)(1)(C): over 29 February to a Saturday, runs to Monday",
        ),
        pytest.param(
            {"warden_request_received": "2025-02-01"},
            "2025-03-03",
            "2025-03-04",
            id="Fed. R. Crim. P. 45(a)(1): over 28 February in a common year",
        ),
        pytest.param(
            {"warden_request_received": "2024-01-31"},
            "2024-03-01",
            "2024-03-02",
            id="Fed. R. Crim. P. 45(a)(1): from a month end in a leap year",
        ),
        pytest.param(
            {"warden_request_received": "2026-01-31"},
            "2026-03-02",
            "2026-03-03",
            id="Fed. R. Crim. P. 45(a)(1): from a month end in a common year",
        ),
        pytest.param(
            {"warden_request_received": "2025-12-02"},
            "2026-01-02",
            "2026-01-03",
            id="Fed. R. Crim. P. 45(a)(6)(A): day 30 on New Year's Day runs to 2 January",
        ),
        pytest.param(
            {"warden_request_received": "2023-12-01", "as_of": "2024-01-10"},
            "2024-01-02",
            "2024-01-03",
            id="Fed. R. Crim. P. 45(a)(1)(C): a Sunday day 30, then New Year's Day, runs to Tuesday",
        ),
        pytest.param(
            {"warden_request_received": "2026-06-04"},
            "2026-07-06",
            "2026-07-07",
            id="Fed. R. Crim. P. 45(a)(1)(C): day 30 on Saturday 4 July runs to Monday 6 July",
        ),
        pytest.param(
            {"warden_request_received": "2026-06-03"},
            "2026-07-06",
            "2026-07-07",
            id="Fed. R. Crim. P. 45(a)(6)(A): Friday 3 July 2026, Independence Day observed",
        ),
        pytest.param(
            {"warden_request_received": "2026-05-20"},
            "2026-06-22",
            "2026-06-23",
            id="Fed. R. Crim. P. 45(a)(6)(A): day 30 on Juneteenth, a Friday, runs to Monday",
        ),
        pytest.param(
            {"warden_request_received": "2026-10-27"},
            "2026-11-27",
            "2026-11-28",
            id="Fed. R. Crim. P. 45(a)(6)(A): day 30 on Thanksgiving runs to Friday",
        ),
        pytest.param(
            {"warden_request_received": "2026-03-03", "final_denial_on": "2026-03-20"},
            None,
            "2026-03-20",
            id="3582(c)(1)(A): final denial on day 17 comes first",
        ),
        pytest.param(
            {"warden_request_received": "2026-03-03", "final_denial_on": "2026-04-02"},
            None,
            "2026-04-02",
            id="3582(c)(1)(A): final denial on day 30 comes before the day after the wait",
        ),
        pytest.param(
            {"warden_request_received": "2026-03-03", "final_denial_on": "2026-04-03"},
            "2026-04-02",
            "2026-04-03",
            id="3582(c)(1)(A): final denial on the first safe day changes nothing",
        ),
        pytest.param(
            {"warden_request_received": "2026-03-03", "final_denial_on": "2026-04-10"},
            "2026-04-02",
            "2026-04-03",
            id="3582(c)(1)(A): the lapse of 30 days comes first",
        ),
        pytest.param(
            {"final_denial_on": "2026-05-05"},
            None,
            "2026-05-05",
            id="571.63(b): final denial alone",
        ),
    ],
)
def test_court_motion_earliest(facts: dict[str, Any], wait_ends: str | None, expected: str) -> None:
    found = deadline("court_motion_earliest", **F, **facts)
    assert found is not None
    assert (found.get("wait_ends"), found["date"]) == (wait_ends, expected)
    assert "3582(c)(1)(A)" in found["citation"]


def test_no_court_date_without_a_request() -> None:
    assert deadline("court_motion_earliest", **F) is None


def test_the_court_date_says_it_is_the_first_safe_day_and_why() -> None:
    found = deadline("court_motion_earliest", **F, warden_request_received="2026-03-10")
    assert found is not None
    assert "first safe day" in found["description"]
    assert "Thursday, April 9, 2026" in found["description"]
    assert "Tuesday, March 10, 2026" in found["description"]
    assert "Fed. R. Crim. P. 45(a)" in found["citation"]
    assert any("dismissed" in note and "Alam" in note for note in found["notes"])


def test_a_weekend_day_30_is_explained() -> None:
    found = deadline("court_motion_earliest", **F, warden_request_received="2026-06-04")
    assert found is not None
    assert any(
        "Saturday, July 4, 2026" in note and "Independence Day" in note for note in found["notes"]
    )


def test_a_final_denial_names_the_day_it_ended_the_appeals() -> None:
    found = deadline("court_motion_earliest", **F, final_denial_on="2026-05-05")
    assert found is not None
    assert "Tuesday, May 5, 2026" in found["description"]
    assert "571.63" in found["citation"]


@pytest.mark.parametrize(
    ("denied", "note_expected"),
    [
        pytest.param(
            "2026-04-02", True, id="exhaustion: warden denied on day 30, most courts let them file"
        ),
        pytest.param(
            "2026-04-03", False, id="exhaustion: warden denied after the wait, nothing to add"
        ),
    ],
)
def test_early_denial_says_most_courts_do_not_require_the_appeals(
    denied: str, note_expected: bool
) -> None:
    found = deadline(
        "court_motion_earliest", **F, warden_request_received="2026-03-03", warden_denied_on=denied
    )
    assert found is not None
    assert found["date"] == "2026-04-03"
    assert any("Harris" in note for note in found["notes"]) is note_expected


@pytest.mark.parametrize(
    ("name", "facts", "expected", "extended"),
    [
        pytest.param(
            "terminal_processing_due",
            {"terminal_illness": True, "warden_request_received": "2026-02-20"},
            "2026-03-06",
            None,
            id="3582(d)(2)(A)(iv): 14 days over February",
        ),
        pytest.param(
            "terminal_processing_due",
            {"terminal_illness": True, "warden_request_received": "2024-02-20"},
            "2024-03-05",
            None,
            id="3582(d)(2)(A)(iv): 14 days over a leap February",
        ),
        pytest.param(
            "family_notice_due",
            {"terminal_diagnosis_on": "2024-02-27"},
            "2024-03-01",
            None,
            id="3582(d)(2)(A)(i): 72 hours over 29 February",
        ),
        pytest.param(
            "family_notice_due",
            {"terminal_diagnosis_on": "2025-02-27"},
            "2025-03-02",
            None,
            id="3582(d)(2)(A)(i): 72 hours in a common year",
        ),
        pytest.param(
            "family_visit_due",
            {"terminal_diagnosis_on": "2026-12-28", "as_of": "2027-01-10"},
            "2027-01-04",
            None,
            id="3582(d)(2)(A)(ii): 7 days across the new year",
        ),
        pytest.param(
            "bp9_due",
            {"warden_denied_on": "2026-02-10"},
            "2026-03-02",
            None,
            id="542.14(a): BP-9 20 days from the warden's denial, over February",
        ),
        pytest.param(
            "bp9_due",
            {"warden_denied_on": "2024-02-10"},
            "2024-03-01",
            None,
            id="542.14(a): BP-9 20 days over a leap February",
        ),
        pytest.param(
            "bp9_response_due",
            {"warden_denied_on": "2026-01-02", "bp9_filed_on": "2026-01-10"},
            "2026-01-30",
            "2026-02-19",
            id="542.18: Warden 20 days, +20",
        ),
        pytest.param(
            "bp10_due",
            {
                "warden_denied_on": "2026-01-02",
                "bp9_filed_on": "2026-01-10",
                "bp9_denied_on": "2026-02-10",
            },
            "2026-03-02",
            None,
            id="542.15(a): BP-10 20 days from the warden's answer to the BP-9",
        ),
        pytest.param(
            "bp11_due",
            {"regional_denied_on": "2026-01-31"},
            "2026-03-02",
            None,
            id="542.15(a): BP-11 30 days from a month end",
        ),
        pytest.param(
            "bp10_response_due",
            {"bp10_filed_on": "2026-01-01"},
            "2026-01-31",
            "2026-03-02",
            id="542.18: Regional Director 30 days, +30",
        ),
        pytest.param(
            "bp11_response_due",
            {"bp11_filed_on": "2026-01-01"},
            "2026-02-10",
            "2026-03-02",
            id="542.18: General Counsel 40 days, +20",
        ),
    ],
)
def test_bop_deadlines(
    name: str, facts: dict[str, Any], expected: str, extended: str | None
) -> None:
    found = deadline(name, **F, **facts)
    assert found is not None
    assert found["date"] == expected
    assert found.get("extended_date") == extended
    assert found["citation"]


def test_no_terminal_processing_deadline_without_a_terminal_illness() -> None:
    assert deadline("terminal_processing_due", **F, warden_request_received="2026-03-03") is None


def test_deadline_facts_about_the_day() -> None:
    # 13 June 2026 + 20 days is Friday 3 July 2026, Independence Day observed.
    found = deadline("bp9_due", **F, warden_denied_on="2026-06-13", as_of="2026-06-20")
    assert found is not None
    assert found["date"] == "2026-07-03"
    assert found["weekday"] == "Friday"
    assert found["federal_holiday"] == "Independence Day (observed)"
    assert found["days_from_as_of"] == 13
    assert found["passed"] is False


def test_passed_deadline() -> None:
    found = deadline("bp9_due", **F, warden_denied_on="2026-01-05")
    assert found is not None
    assert found["passed"] is True
    assert found["days_from_as_of"] < 0
    assert found["federal_holiday"] is None


@pytest.mark.parametrize(
    ("facts", "present"),
    [
        pytest.param({"jurisdiction": "state"}, set(), id="state: no federal deadlines"),
        pytest.param({"jurisdiction": "dc_code"}, set(), id="D.C. Code: no BOP deadlines"),
        pytest.param(
            {"jurisdiction": "federal", "offense_date": "1980-01-01", "parolable_sentence": True},
            {"bp9_due", "bp11_due"},
            id="4205(g): appeals but no motion of one's own",
        ),
        pytest.param(
            {},
            {
                "court_motion_earliest",
                "terminal_processing_due",
                "family_notice_due",
                "family_visit_due",
                "bp9_due",
                "bp11_due",
            },
            id="route unknown: every deadline, to be safe",
        ),
    ],
)
def test_deadlines_follow_the_route(facts: dict[str, Any], present: set[str]) -> None:
    result = assessed(
        **facts,
        terminal_illness=True,
        terminal_diagnosis_on="2026-02-01",
        warden_request_received="2026-03-01",
        warden_denied_on="2026-03-10",
        regional_denied_on="2026-04-10",
    )
    assert set(result["deadlines"]) == present


@pytest.mark.parametrize(
    ("name", "facts", "note"),
    [
        pytest.param(
            "family_notice_due",
            {"terminal_diagnosis_on": "2026-02-01"},
            "BOP's own terminal diagnosis",
            id="PS 5050.50 3(a): the 72 hours run from the BOP's own diagnosis",
        ),
        pytest.param(
            "family_visit_due",
            {"terminal_diagnosis_on": "2026-02-01"},
            "Clinical Director",
            id="PS 5050.50 3(a): the 7 days run from the Clinical Director's diagnosis",
        ),
        pytest.param(
            "terminal_processing_due",
            {"terminal_illness": True, "warden_request_received": "2026-02-01"},
            "BOP itself has diagnosed",
            id="PS 5050.50 3(a): the 14-day duty applies once the BOP has diagnosed",
        ),
    ],
)
def test_terminal_duties_run_from_the_bops_own_diagnosis(
    name: str, facts: dict[str, Any], note: str
) -> None:
    found = deadline(name, **F, **facts)
    assert found is not None
    assert any(note in text for text in found["notes"])


def test_the_seven_day_visit_has_no_security_exception() -> None:
    found = deadline("family_visit_due", **F, terminal_diagnosis_on="2026-02-01")
    assert found is not None
    assert "no security exception" in found["description"]
    assert "(d)(3)(J)" in found["citation"]


def test_the_bp9_deadline_says_to_follow_the_denial_letter() -> None:
    found = deadline("bp9_due", **F, warden_denied_on="2026-02-10")
    assert found is not None
    assert any("denial letter" in note for note in found["notes"])
    assert "571.63(a)" in found["citation"]


def test_no_bp10_deadline_before_the_warden_answers_the_bp9() -> None:
    assert deadline("bp10_due", **F, warden_denied_on="2026-02-10") is None
