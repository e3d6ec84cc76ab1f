"""One assessment as callers read it: its rules, what is missing, its route and its dates."""

from __future__ import annotations

from datetime import date

from bot.legal import assess, assess_dict
from bot.legal.guidance import DISCLAIMER

from .conftest import FEDERAL_NEW_LAW

AS_OF = date(2026, 11, 25)


def test_its_rules_are_the_bop_criteria_then_the_court_grounds() -> None:
    assessment = assess(FEDERAL_NEW_LAW, AS_OF)

    assert assessment.rules == assessment.bop_criteria + assessment.court_grounds
    assert assessment.as_of == AS_OF


def test_what_is_missing_is_every_key_the_json_names_once_in_the_order_found() -> None:
    facts = {"jurisdiction": "federal", "age": 70}
    assessment = assess(facts, AS_OF)
    as_json = assess_dict(facts, AS_OF)

    named = [*as_json["route_detail"]["missing"]]
    for group in ("bop_criteria", "court_grounds"):
        for rule in as_json[group].values():
            named += rule["missing"]
    assert assessment.missing == tuple(dict.fromkeys(named))
    assert assessment.missing[0] == "offense_date"


def test_a_state_sentence_is_not_federal_and_has_no_request() -> None:
    assessment = assess({"jurisdiction": "state"}, AS_OF)

    assert not assessment.is_federal
    assert not assessment.has_federal_request


def test_a_federal_case_has_a_request_to_make() -> None:
    assessment = assess(FEDERAL_NEW_LAW, AS_OF)

    assert assessment.is_federal
    assert assessment.has_federal_request


def test_the_disclaimer_is_the_engine_s() -> None:
    assert assess({}, AS_OF).disclaimer == DISCLAIMER


def test_a_deadline_is_found_by_its_id_and_absent_when_the_dates_do_not_give_it() -> None:
    assessment = assess({**FEDERAL_NEW_LAW, "warden_request_received": "2026-11-02"}, AS_OF)

    earliest = assessment.deadline("court_motion_earliest")
    assert earliest is not None
    assert (
        earliest.day.isoformat()
        == assess_dict({**FEDERAL_NEW_LAW, "warden_request_received": "2026-11-02"}, AS_OF)[
            "deadlines"
        ]["court_motion_earliest"]["date"]
    )
    assert assessment.deadline("bp9_due") is None
