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
        pytest.param({}, "letters of support", id="common practice: attachments for a motion"),
        pytest.param(
            {"care_not_provided": True},
            "sick-call requests",
            id="USSG 1B1.13(b)(1)(C): records of the care not given",
        ),
        pytest.param(
            {"outbreak_at_facility": True},
            "health-department notices",
            id="USSG 1B1.13(b)(1)(D): what shows the outbreak",
        ),
        pytest.param({}, "every diagnosis", id="Williams (7th Cir. 2021): every reason"),
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
            [
                "The first safe day to file a motion in the sentencing court is Tuesday, "
                "December 22, 2026; filing earlier can get it dismissed",
                "new request",
            ],
            id="Fed. R. Crim. P. 45(a): day 30 on a Sunday, first safe day the Tuesday",
        ),
        pytest.param(
            {**F, "warden_request_received": "2026-10-25"},
            ["Since Wednesday, November 25, 2026, the person may file"],
            id="3582(c)(1)(A): first safe day reached today",
        ),
        pytest.param(
            {**F, "warden_request_received": "2026-11-01", "warden_denied_on": "2026-11-10"},
            [
                "file a BP-9 with the prison (addressed to the Warden) by Monday, November 30, "
                "2026 (or by the deadline written on the denial letter)"
            ],
            id="542.14(a): BP-9 still open",
        ),
        pytest.param(
            {**F, "warden_request_received": "2026-10-01", "warden_denied_on": "2026-10-10"},
            ["time to file a BP-9 ended on Friday, October 30, 2026", "valid reason"],
            id="542.14(b): BP-9 late",
        ),
        pytest.param(
            {
                **F,
                "warden_request_received": "2026-09-01",
                "warden_denied_on": "2026-09-10",
                "bp9_denied_on": "2026-11-10",
            },
            ["file a BP-10 with the Regional Director by Monday, November 30, 2026"],
            id="542.15(a): BP-10 still open after the warden's answer to the BP-9",
        ),
        pytest.param(
            {
                **F,
                "warden_request_received": "2026-09-01",
                "warden_denied_on": "2026-09-10",
                "regional_denied_on": "2026-11-20",
            },
            ["file a BP-11 with the General Counsel by Sunday, December 20, 2026"],
            id="542.15(a): BP-11 still open",
        ),
        pytest.param(
            {**F, "terminal_illness": False, "debilitating_condition": False, "age": 40},
            ["USSG § 1B1.13(b)(5)", "lawyer can judge"],
            id="USSG 1B1.13(b)(5): named when nothing listed fits",
        ),
        pytest.param(
            {"jurisdiction": "federal", "offense_date": "1980-01-01", "parolable_sentence": True},
            ["reduce the minimum term to the time already served", "consider parole at once"],
            id="4205(g): asks to reduce the minimum term for parole",
        ),
    ],
)
def test_next_steps(facts: dict[str, Any], fragments: list[str]) -> None:
    steps = text(assessed(**facts)["next_steps"])
    for fragment in fragments:
        assert fragment in steps


def test_a_later_appeal_shows_the_earlier_one_was_filed() -> None:
    steps = text(
        assessed(
            **F,
            warden_request_received="2026-09-01",
            warden_denied_on="2026-09-10",
            regional_denied_on="2026-11-20",
        )["next_steps"]
    )
    assert "BP-9" not in steps
    assert "BP-10" not in steps
    assert "BP-11" in steps


def test_the_catch_all_is_not_named_when_a_listed_ground_may_fit() -> None:
    steps = text(assessed(**F, terminal_illness=True)["next_steps"])
    assert "1B1.13(b)(5)" not in steps


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
    assert ("1B1.13(e)" in caveats) is court_caveats
    assert result["disclaimer"] in result["caveats"]


@pytest.mark.parametrize(
    ("as_of", "fragment"),
    [
        pytest.param(
            "2026-05-27", "courts differ", id="28 U.S.C. 2255: before Fernandez, courts differed"
        ),
        pytest.param(
            "2026-05-28",
            "Fernandez v. United States (U.S. 2026)",
            id="Fernandez v. United States (2026): from May 28, 2026 not a reason",
        ),
    ],
)
def test_attacks_on_the_conviction_go_in_a_2255_motion(as_of: str, fragment: str) -> None:
    caveats = text(assessed(**F, as_of=as_of)["caveats"])
    assert "28 U.S.C. § 2255" in caveats
    assert "strict time limits" in caveats
    assert fragment in caveats


def test_the_court_does_not_require_an_unforeseen_reason_but_the_bop_does() -> None:
    caveats = text(assessed(**F)["caveats"])
    assert "USSG § 1B1.13(e)" in caveats
    assert "28 CFR 571.60" in caveats


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
