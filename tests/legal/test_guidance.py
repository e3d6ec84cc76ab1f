"""Documents, next steps and caveats: what a family is told to gather and do."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import FEDERAL_NEW_LAW, assessed

F = FEDERAL_NEW_LAW


def text(items: list[str]) -> str:
    return "\n".join(items)


@pytest.mark.parametrize(
    ("facts", "fragment"),
    [
        pytest.param(
            {"terminal_illness": True},
            "Comprehensive Medical Summary",
            id="571.62(a)(1): medical records for a medical ground",
        ),
        pytest.param(
            {"age": 70, "age_related_condition": True},
            "Comprehensive Medical Summary",
            id="571.62(a)(1): medical records for an aging ground that may fit",
        ),
        pytest.param(
            {"child_caregiver_lost": True},
            "death certificate",
            id="PS 5050.50 5(a): caregiver documents",
        ),
        pytest.param(
            {"child_caregiver_lost": True},
            "birth certificate",
            id="PS 5050.50 5(a): parentage documents",
        ),
        pytest.param(
            {"spouse_incapacitated": True},
            "marriage certificate",
            id="PS 5050.50 6: marriage documents",
        ),
        pytest.param(
            {"spouse_incapacitated": True},
            "supports the release",
            id="PS 5050.50 6(b): spouse's support",
        ),
        pytest.param(
            {"parent_incapacitated": True},
            "parent's incapacitation",
            id="USSG 1B1.13(b)(3)(C): parent documents",
        ),
        pytest.param(
            {"abused_in_custody": True},
            "administrative finding",
            id="USSG 1B1.13(b)(4): abuse findings",
        ),
        pytest.param({}, "release plan", id="571.61(a)(2): always a release plan"),
        pytest.param({}, "letters of support", id="seed 001: attachments for a motion"),
    ],
)
def test_documents_to_gather(facts: dict[str, Any], fragment: str) -> None:
    assert fragment in text(assessed(**F, **facts)["documents"])


@pytest.mark.parametrize(
    ("facts", "fragment"),
    [
        pytest.param(
            {"terminal_illness": False, "debilitating_condition": False},
            "Comprehensive Medical Summary",
            id="no medical ground may fit",
        ),
        pytest.param(
            {"child_caregiver_lost": False}, "death certificate", id="no child ground may fit"
        ),
        pytest.param({}, "marriage certificate", id="nothing said about a spouse"),
    ],
)
def test_documents_not_asked_for(facts: dict[str, Any], fragment: str) -> None:
    assert fragment not in text(assessed(**F, **facts)["documents"])


@pytest.mark.parametrize(
    ("facts", "fragments"),
    [
        pytest.param(
            {"jurisdiction": "state"},
            ["FAMM", "only takes federal cases"],
            id="28 CFR 571.64: state case goes to state law",
        ),
        pytest.param(
            {"jurisdiction": "dc_code"},
            ["D.C. Superior Court", "24-403.04"],
            id="D.C. Code: D.C. Superior Court",
        ),
        pytest.param(
            {"jurisdiction": "federal", "offense_date": "1980-01-01", "parolable_sentence": False},
            ["cannot bring", "Ask a lawyer"],
            id="28 CFR 571.64: old law non-parolable",
        ),
        pytest.param(
            {"jurisdiction": "federal", "offense_date": "1980-01-01", "parolable_sentence": True},
            ["Parole Commission", "Write the request"],
            id="4205(g): old law parolable",
        ),
        pytest.param(
            {}, ["U.S. District Court", "Write the request"], id="route unknown: check the judgment"
        ),
        pytest.param(
            {**F},
            ["Write the request", "write down the day", "Clearinghouse"],
            id="571.61: no request yet",
        ),
        pytest.param(
            {**F, "terminal_illness": True},
            ["BOP staff to help"],
            id="3582(d)(2)(A)(iii): staff must help a terminally ill person",
        ),
        pytest.param(
            {**F, "warden_request_received": "2026-11-20"},
            ["From Sunday 20 December 2026 the person may file"],
            id="3582(c)(1)(A): court date still ahead",
        ),
        pytest.param(
            {**F, "warden_request_received": "2026-10-26"},
            ["Since Wednesday 25 November 2026 the person may file"],
            id="3582(c)(1)(A): court date reached today",
        ),
        pytest.param(
            {**F, "warden_request_received": "2026-11-01", "warden_denied_on": "2026-11-10"},
            ["file a BP-10 with the Regional Director by Monday 30 November 2026"],
            id="542.15(a): BP-10 still open",
        ),
        pytest.param(
            {**F, "warden_request_received": "2026-10-01", "warden_denied_on": "2026-10-10"},
            ["time to file a BP-10 ended on Friday 30 October 2026", "valid reason"],
            id="542.14(b): BP-10 late",
        ),
        pytest.param(
            {
                **F,
                "warden_request_received": "2026-09-01",
                "warden_denied_on": "2026-09-10",
                "regional_denied_on": "2026-11-20",
            },
            ["file a BP-11 with the General Counsel by Sunday 20 December 2026"],
            id="542.15(a): BP-11 still open",
        ),
    ],
)
def test_next_steps(facts: dict[str, Any], fragments: list[str]) -> None:
    steps = text(assessed(**facts)["next_steps"])
    for fragment in fragments:
        assert fragment in steps


def test_answered_appeal_is_not_asked_for_again() -> None:
    steps = text(
        assessed(
            **F,
            warden_request_received="2026-09-01",
            warden_denied_on="2026-09-10",
            regional_denied_on="2026-09-25",
            final_denial_on="2026-11-01",
        )["next_steps"]
    )
    assert "BP-10" not in steps
    assert "BP-11" not in steps
    assert "Write the request" not in steps


def test_state_case_has_no_bop_documents() -> None:
    assert assessed(jurisdiction="state")["documents"] == []


@pytest.mark.parametrize(
    ("facts", "court_caveats"),
    [
        pytest.param({**F}, True, id="3582: rehabilitation and exhaustion caveats"),
        pytest.param({"jurisdiction": "state"}, False, id="state: no court caveats"),
    ],
)
def test_caveats(facts: dict[str, Any], court_caveats: bool) -> None:
    result = assessed(**facts)
    caveats = text(result["caveats"])
    assert "not legal advice" in caveats
    assert "does not mean release" in caveats
    assert "3553(a)" in caveats
    assert ("1B1.13(d)" in caveats) is court_caveats
    assert result["disclaimer"] in result["caveats"]


def test_every_sentence_of_guidance_cites_a_source() -> None:
    result = assessed(
        **F,
        terminal_illness=True,
        child_caregiver_lost=True,
        spouse_incapacitated=True,
        parent_incapacitated=True,
        abused_in_custody=True,
        warden_request_received="2026-11-01",
        warden_denied_on="2026-11-10",
    )
    for line in result["documents"] + result["next_steps"] + result["caveats"][1:]:
        assert line.rstrip(".").endswith(")"), line


def test_every_rule_lists_its_own_documents() -> None:
    result = assessed(**F)
    for rule in [*result["bop_criteria"].values(), *result["court_grounds"].values()]:
        assert rule["documents"], rule["title"]
        for document in rule["documents"]:
            assert document.rstrip(".").endswith(")")


def test_age_based_rules_ask_for_the_sentence_computation() -> None:
    result = assessed(**F, age=70, served_months=200)
    assert "sentence computation" in text(result["documents"])
    assert any("8(b)" in d for d in result["bop_criteria"]["elderly_other"]["documents"])


def test_shared_documents_are_listed_once() -> None:
    documents = assessed(**F, terminal_illness=True, debilitating_condition=True)["documents"]
    assert len(documents) == len(set(documents))
