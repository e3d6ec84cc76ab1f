"""A rule's result: whether it may fit, and which of its conditions hold."""

from __future__ import annotations

import pytest

from bot.legal import RuleResult, Status
from bot.legal.logic import MET, NOT_MET, Finding, unknown
from bot.legal.rules import Condition


def rule(*findings: Finding) -> RuleResult:
    conditions = tuple(Condition(f"condition {n}", f) for n, f in enumerate(findings, 1))
    return RuleResult("rule", "A rule", "28 CFR 571.61", "The rule.", conditions)


@pytest.mark.parametrize(
    ("result", "fits"),
    [
        (rule(), True),
        (rule(MET, NOT_MET), False),
        (rule(unknown("age")), False),
        (rule(unknown("age"), MET), True),
    ],
    ids=["met", "not met though a condition is", "unknown, nothing met", "unknown, one met"],
)
def test_may_fit_means_met_or_unknown_with_some_condition_met(
    result: RuleResult, fits: bool
) -> None:
    assert result.may_fit is fits


def test_conditions_are_listed_by_status_in_the_rule_s_order() -> None:
    result = rule(MET, unknown("age"), MET, NOT_MET)

    assert result.conditions_with(Status.MET) == ("condition 1", "condition 3")
    assert result.conditions_with(Status.UNKNOWN) == ("condition 2",)
    assert result.conditions_with(Status.NOT_MET) == ("condition 4",)


def test_what_is_missing_is_what_would_decide_the_rule() -> None:
    assert rule(unknown("age"), MET, unknown("served_months")).missing == ("age", "served_months")
    assert rule(MET).missing == ()
