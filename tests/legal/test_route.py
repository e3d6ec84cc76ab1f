"""Which route applies: 28 CFR 572.40 and 571.64."""

from __future__ import annotations

from typing import Any

import pytest

from bot.legal import Route

from .conftest import assessed


@pytest.mark.parametrize(
    ("facts", "route", "missing"),
    [
        pytest.param(
            {"jurisdiction": "state", "state": "OH"},
            "state",
            [],
            id="28 CFR 571.64: state prisoner",
        ),
        pytest.param(
            {"jurisdiction": "state", "offense_date": "1980-01-01"},
            "state",
            [],
            id="28 CFR 571.64: state prisoner, any offence date",
        ),
        pytest.param(
            {"jurisdiction": "dc_code"}, "dc_code", [], id="28 CFR 571.64: D.C. Code offender"
        ),
        pytest.param({}, "unknown", ["jurisdiction", "offense_date"], id="nothing known"),
        pytest.param(
            {"jurisdiction": "unknown", "offense_date": "2001-01-01"},
            "unknown",
            ["jurisdiction"],
            id="jurisdiction unknown, offence date known",
        ),
        pytest.param(
            {"jurisdiction": "federal"},
            "unknown",
            ["offense_date"],
            id="federal, offence date unknown",
        ),
        pytest.param(
            {"jurisdiction": "federal", "offense_date": "1987-11-01"},
            "3582",
            [],
            id="28 CFR 572.40: offence on 1 Nov 1987 is new law",
        ),
        pytest.param(
            {"jurisdiction": "federal", "offense_date": "1987-10-31"},
            "unknown",
            ["parolable_sentence"],
            id="28 CFR 572.40: offence on 31 Oct 1987 is old law",
        ),
        pytest.param(
            {"jurisdiction": "federal", "offense_date": "1987-10-31", "parolable_sentence": True},
            "4205g",
            [],
            id="18 USC 4205(g): old law, parolable",
        ),
        pytest.param(
            {"jurisdiction": "federal", "offense_date": "1985-06-01", "parolable_sentence": False},
            "not_eligible",
            [],
            id="28 CFR 571.64: old law, non-parolable",
        ),
        pytest.param(
            {"jurisdiction": "federal", "offense_date": "2010-01-01", "parolable_sentence": True},
            "3582",
            [],
            id="18 USC 3582(c)(1)(A): new law whatever the parole answer",
        ),
    ],
)
def test_route(facts: dict[str, Any], route: str, missing: list[str]) -> None:
    result = assessed(**facts)
    assert result["route"] == route
    assert result["route_detail"]["missing"] == missing
    assert result["route_detail"]["citation"]
    assert result["route_detail"]["explanation"]


@pytest.mark.parametrize(
    ("facts", "citation_fragment"),
    [
        pytest.param({"jurisdiction": "state"}, "571.64", id="state cites 571.64"),
        pytest.param({"jurisdiction": "dc_code"}, "24-403.04", id="D.C. cites its own code"),
        pytest.param(
            {"jurisdiction": "federal", "offense_date": "2001-01-01"},
            "3582(c)(1)(A)",
            id="new law cites 3582",
        ),
        pytest.param(
            {"jurisdiction": "federal", "offense_date": "1980-01-01", "parolable_sentence": True},
            "4205(g)",
            id="old law cites 4205(g)",
        ),
    ],
)
def test_route_citation(facts: dict[str, Any], citation_fragment: str) -> None:
    assert citation_fragment in assessed(**facts)["route_detail"]["citation"]


@pytest.mark.parametrize(
    ("route", "federal", "asks", "statute"),
    [
        (Route.NEW_LAW, True, True, "18 U.S.C. § 3582(c)(1)(A)"),
        (Route.OLD_LAW, True, True, "18 U.S.C. § 4205(g)"),
        (Route.UNKNOWN, True, True, "18 U.S.C. § 3582(c)(1)(A)"),
        (Route.NOT_ELIGIBLE, True, False, "18 U.S.C. § 3582(c)(1)(A)"),
        (Route.STATE, False, False, "18 U.S.C. § 3582(c)(1)(A)"),
        (Route.DC_CODE, False, False, "18 U.S.C. § 3582(c)(1)(A)"),
    ],
)
def test_each_route_says_whether_it_is_federal_and_whether_there_is_a_request_to_make(
    route: Route, federal: bool, asks: bool, statute: str
) -> None:
    assert route.is_federal is federal
    assert route.has_federal_request is asks
    assert route.statute == statute
