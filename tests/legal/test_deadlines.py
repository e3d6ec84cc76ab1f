"""Deadlines in calendar days: month ends, leap years, and which comes first."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import FEDERAL_NEW_LAW, assessed

F = FEDERAL_NEW_LAW


def deadline(name: str, **facts: Any) -> dict[str, Any] | None:
    found: dict[str, Any] | None = assessed(**facts)["deadlines"].get(name)
    return found


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        pytest.param(
            {"warden_request_received": "2026-03-03"},
            "2026-04-02",
            id="3582(c)(1)(A): 3 March + 30 days is 2 April",
        ),
        pytest.param(
            {"warden_request_received": "2024-02-01"},
            "2024-03-02",
            id="3582(c)(1)(A): over 29 February in a leap year",
        ),
        pytest.param(
            {"warden_request_received": "2023-12-01", "as_of": "2024-01-01"},
            "2023-12-31",
            id="3582(c)(1)(A): to the last day of the year",
        ),
        pytest.param(
            {"warden_request_received": "2025-02-01"},
            "2025-03-03",
            id="3582(c)(1)(A): over 28 February in a common year",
        ),
        pytest.param(
            {"warden_request_received": "2024-01-31"},
            "2024-03-01",
            id="3582(c)(1)(A): from a month end in a leap year",
        ),
        pytest.param(
            {"warden_request_received": "2026-01-31"},
            "2026-03-02",
            id="3582(c)(1)(A): from a month end in a common year",
        ),
        pytest.param(
            {"warden_request_received": "2025-12-02"},
            "2026-01-01",
            id="3582(c)(1)(A): across the new year",
        ),
        pytest.param(
            {"warden_request_received": "2026-03-03", "final_denial_on": "2026-03-20"},
            "2026-03-20",
            id="3582(c)(1)(A): final denial on day 17 comes first",
        ),
        pytest.param(
            {"warden_request_received": "2026-03-03", "final_denial_on": "2026-04-02"},
            "2026-04-02",
            id="3582(c)(1)(A): final denial on day 30 is the same day",
        ),
        pytest.param(
            {"warden_request_received": "2026-03-03", "final_denial_on": "2026-04-03"},
            "2026-04-02",
            id="3582(c)(1)(A): 30 days come first",
        ),
        pytest.param(
            {"final_denial_on": "2026-05-05"}, "2026-05-05", id="571.63(b): final denial alone"
        ),
    ],
)
def test_court_motion_earliest(facts: dict[str, Any], expected: str) -> None:
    found = deadline("court_motion_earliest", **F, **facts)
    assert found is not None
    assert found["date"] == expected
    assert "3582(c)(1)(A)" in found["citation"]


def test_no_court_date_without_a_request() -> None:
    assert deadline("court_motion_earliest", **F) is None


def test_description_names_both_bases_when_both_are_known() -> None:
    found = deadline(
        "court_motion_earliest",
        **F,
        warden_request_received="2026-03-03",
        final_denial_on="2026-04-10",
    )
    assert found is not None
    assert "whichever is earlier" in found["description"]
    assert "Tuesday 3 March 2026" in found["description"]


@pytest.mark.parametrize(
    ("denied", "note_expected"),
    [
        pytest.param("2026-04-01", True, id="exhaustion: warden denied on day 29, courts differ"),
        pytest.param(
            "2026-04-02", False, id="exhaustion: warden denied on day 30, 30 days lapsed anyway"
        ),
    ],
)
def test_early_denial_warns_that_courts_differ(denied: str, note_expected: bool) -> None:
    found = deadline(
        "court_motion_earliest", **F, warden_request_received="2026-03-03", warden_denied_on=denied
    )
    assert found is not None
    assert found["date"] == "2026-04-02"
    assert bool(found["notes"]) is note_expected


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
            "bp10_due",
            {"warden_denied_on": "2026-02-10"},
            "2026-03-02",
            None,
            id="542.15(a): BP-10 20 days over February",
        ),
        pytest.param(
            "bp10_due",
            {"warden_denied_on": "2024-02-10"},
            "2024-03-01",
            None,
            id="542.15(a): BP-10 20 days over a leap February",
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
    # 4 June 2026 + 30 days is Saturday 4 July 2026, Independence Day.
    found = deadline(
        "court_motion_earliest", **F, warden_request_received="2026-06-04", as_of="2026-06-10"
    )
    assert found is not None
    assert found["date"] == "2026-07-04"
    assert found["weekday"] == "Saturday"
    assert found["federal_holiday"] == "Independence Day"
    assert found["days_from_as_of"] == 24
    assert found["passed"] is False


def test_passed_deadline() -> None:
    found = deadline("bp10_due", **F, warden_denied_on="2026-01-05")
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
            {"bp10_due", "bp11_due"},
            id="4205(g): appeals but no motion of one's own",
        ),
        pytest.param(
            {},
            {
                "court_motion_earliest",
                "terminal_processing_due",
                "family_notice_due",
                "family_visit_due",
                "bp10_due",
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
