"""Kleene three-valued logic, the base of every finding."""

from __future__ import annotations

import pytest

from bot.legal.logic import (
    MET,
    NOT_MET,
    Finding,
    Status,
    all_of,
    any_of,
    fact,
    follow_up,
    unknown,
)

U_A = unknown("a")
U_B = unknown("b")


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        pytest.param((MET, MET), MET, id="and: all met is met"),
        pytest.param((MET, NOT_MET), NOT_MET, id="and: one not met is not met"),
        pytest.param((U_A, NOT_MET), NOT_MET, id="and: not met beats unknown"),
        pytest.param((MET, U_A), U_A, id="and: unknown names its key"),
        pytest.param((U_A, U_B, U_A), unknown("a", "b"), id="and: keys in order, once"),
        pytest.param((), MET, id="and: nothing to check is met"),
    ],
)
def test_all_of(parts: tuple[Finding, ...], expected: Finding) -> None:
    assert all_of(*parts) == expected


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        pytest.param((NOT_MET, NOT_MET), NOT_MET, id="or: all not met is not met"),
        pytest.param((NOT_MET, MET), MET, id="or: one met is met"),
        pytest.param((U_A, MET), MET, id="or: met beats unknown"),
        pytest.param((NOT_MET, U_B), U_B, id="or: unknown names its key"),
        pytest.param((U_A, U_B), unknown("a", "b"), id="or: every open key"),
    ],
)
def test_any_of(parts: tuple[Finding, ...], expected: Finding) -> None:
    assert any_of(*parts) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(None, unknown("k"), id="missing value is unknown"),
        pytest.param(True, MET, id="true is met"),
        pytest.param(False, NOT_MET, id="false is not met"),
    ],
)
def test_fact(value: bool | None, expected: Finding) -> None:
    assert fact(value, "k") == expected


def test_fact_with_test() -> None:
    assert fact(70, "age", lambda age: age >= 65).status is Status.MET
    assert fact(64, "age", lambda age: age >= 65).status is Status.NOT_MET


def test_unknown_without_keys_is_still_unknown() -> None:
    assert unknown() == Finding(Status.UNKNOWN, ())
    assert not unknown().met
    assert not unknown().not_met


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        pytest.param(None, MET, unknown(), id="not asked before the first answer"),
        pytest.param(False, unknown("key"), unknown(), id="not asked after a no"),
        pytest.param(True, unknown("key"), unknown("key"), id="asked after a yes"),
        pytest.param(True, NOT_MET, NOT_MET, id="decided after a yes"),
    ],
)
def test_follow_up(first: bool | None, then: Finding, expected: Finding) -> None:
    assert follow_up(first, then) == expected
