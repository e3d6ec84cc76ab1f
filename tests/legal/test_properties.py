"""Properties that hold for every case, found with Hypothesis."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.legal import CaseError, assess_dict, parse_case
from bot.legal.case import BOOL_KEYS_IN_ORDER, INPUT_KEYS, AbuseFinding
from bot.legal.dates import court_open

TODAY = date(2026, 11, 25)
BOOLEAN_KEYS = list(BOOL_KEYS_IN_ORDER)
ABUSE_FINDINGS = [finding.value for finding in AbuseFinding]


@st.composite
def full_cases(draw: st.DrawFn) -> dict[str, Any]:
    """A consistent case where every fact is known."""
    as_of = draw(st.dates(date(2023, 11, 1), date(2030, 12, 31)))
    age = draw(st.integers(18, 100))
    offense = as_of - timedelta(days=draw(st.integers(0, 365 * (age - 17))))
    months_since_offense = (as_of - offense).days / 30.44
    sentence: Any = draw(st.one_of(st.just("life"), st.integers(1, 720)))
    cap = months_since_offense if sentence == "life" else min(sentence, months_since_offense)
    served = draw(st.integers(0, max(0, int(cap))))
    received = as_of - timedelta(days=draw(st.integers(0, 400)))
    steps = [draw(st.integers(0, 60)) for _ in range(7)]
    denied = received + timedelta(days=steps[0])
    bp9 = denied + timedelta(days=steps[5])
    bp9_denied = bp9 + timedelta(days=steps[6])
    bp10 = bp9_denied + timedelta(days=steps[1])
    regional = bp10 + timedelta(days=steps[2])
    bp11 = regional + timedelta(days=steps[3])
    final = bp11 + timedelta(days=steps[4])
    assume(final <= as_of)
    terminal = draw(st.booleans())
    case: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "jurisdiction": draw(st.sampled_from(["federal", "state", "dc_code", "unknown"])),
        "state": draw(st.sampled_from(["NC", "TX", "OH", "CA"])),
        "offense_date": offense.isoformat(),
        "age": age,
        "sentence_months": sentence,
        "served_months": served,
        "life_expectancy_months": draw(st.integers(0, 120)),
        "self_care": draw(st.sampled_from(["none", "limited", "full"])),
        "warden_request_received": received.isoformat(),
        "warden_denied_on": denied.isoformat(),
        "bp9_filed_on": bp9.isoformat(),
        "bp9_denied_on": bp9_denied.isoformat(),
        "bp10_filed_on": bp10.isoformat(),
        "regional_denied_on": regional.isoformat(),
        "bp11_filed_on": bp11.isoformat(),
        "final_denial_on": final.isoformat(),
        **{key: draw(st.booleans()) for key in BOOLEAN_KEYS},
        "terminal_illness": terminal,
    }
    if case["abused_in_custody"]:
        case["abuse_established_by"] = draw(st.sampled_from(ABUSE_FINDINGS))
    if terminal:
        case["terminal_diagnosis_on"] = (
            as_of - timedelta(days=draw(st.integers(0, 90)))
        ).isoformat()
    return case


@st.composite
def full_and_partial(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A full case and the same case with some facts forgotten."""
    full = draw(full_cases())
    kept = draw(st.sets(st.sampled_from(sorted(full))))
    partial = {key: value for key, value in full.items() if key in kept or key == "as_of"}
    return full, partial


def rules(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {**result["bop_criteria"], **result["court_grounds"]}


@settings(max_examples=300, deadline=None)
@given(full_and_partial())
def test_learning_more_never_reverses_a_decided_rule(
    cases: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    full, partial = cases
    try:
        full_result = assess_dict(full, TODAY)
    except CaseError:
        assume(False)
        raise
    partial_result = assess_dict(partial, TODAY)
    for rule_id, partial_rule in rules(partial_result).items():
        if partial_rule["status"] != "unknown":
            assert rules(full_result)[rule_id]["status"] == partial_rule["status"], rule_id
    if partial_result["route"] != "unknown":
        assert full_result["route"] == partial_result["route"]


@settings(max_examples=300, deadline=None)
@given(full_and_partial())
def test_missing_names_only_facts_not_given(cases: tuple[dict[str, Any], dict[str, Any]]) -> None:
    _, partial = cases
    try:
        result = assess_dict(partial, TODAY)
    except CaseError:
        assume(False)
        raise
    known = {key for key, value in partial.items() if value not in (None, "unknown")}
    for rule in rules(result).values():
        assert set(rule["missing"]) <= set(INPUT_KEYS) - known
        if rule["status"] != "unknown":
            assert rule["missing"] == []
    assert set(result["route_detail"]["missing"]) <= set(INPUT_KEYS) - known


@settings(max_examples=200, deadline=None)
@given(full_cases())
def test_deadlines_never_precede_their_starting_event(case: dict[str, Any]) -> None:
    try:
        result = assess_dict(case, TODAY)
    except CaseError:
        assume(False)
        raise
    deadlines = result["deadlines"]
    received = date.fromisoformat(case["warden_request_received"])
    if "court_motion_earliest" in deadlines:
        court_date = deadlines["court_motion_earliest"]
        court = date.fromisoformat(court_date["date"])
        assert court >= received
        if "wait_ends" in court_date:
            # Fed. R. Crim. P. 45(a)(1): the day after a last day that is a business day, at
            # least 31 days after receipt; a weekend and a holiday add at most three more.
            wait_ends = date.fromisoformat(court_date["wait_ends"])
            assert court == wait_ends + timedelta(days=1)
            assert court_open(wait_ends)
            assert received + timedelta(days=31) <= court <= received + timedelta(days=34)
        else:
            assert court == date.fromisoformat(case["final_denial_on"])
    for deadline in deadlines.values():
        assert deadline["citation"]
        assert (
            deadline["days_from_as_of"]
            == (date.fromisoformat(deadline["date"]) - date.fromisoformat(case["as_of"])).days
        )


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([*INPUT_KEYS, "extra"]),
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(-10, 2000),
            st.floats(allow_nan=True, allow_infinity=True),
            st.text(max_size=12),
            st.dates().map(date.isoformat),
            st.sampled_from(["life", "federal", "state", "none", "limited", "NC"]),
        ),
    )
)
def test_any_input_is_assessed_or_rejected_with_its_key(raw: dict[str, Any]) -> None:
    error: CaseError | None = None
    try:
        result = assess_dict(raw, TODAY)
    except CaseError as raised:
        error = raised
    if error is not None:
        assert error.key in {*raw, "case"}
        assert "\n" not in str(error)
    else:
        json.dumps(result)
        assert parse_case(raw, TODAY).as_of.isoformat() == result["as_of"]
