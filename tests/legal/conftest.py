"""Helpers for the engine's tests: assess a case written as keyword facts."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.legal import assess_dict

AS_OF = date(2026, 11, 25)


def assessed(**facts: Any) -> dict[str, Any]:
    """The assessment of `facts`, on AS_OF unless `as_of` is given."""
    facts.setdefault("as_of", AS_OF.isoformat())
    return assess_dict(facts, AS_OF)


FEDERAL_NEW_LAW = {"jurisdiction": "federal", "offense_date": "1990-03-01"}
# The court grounds of USSG § 1B1.13(b), in the policy statement's order.
COURT_IDS = (
    "terminal_illness",
    "serious_medical",
    "inadequate_care",
    "outbreak",
    "age",
    "family_child",
    "family_spouse",
    "family_parent",
    "abuse",
    "other_reasons",
    "unusually_long_sentence",
)


@pytest.fixture
def federal() -> dict[str, Any]:
    """The facts that put a case on the § 3582(c)(1)(A) route."""
    return dict(FEDERAL_NEW_LAW)
