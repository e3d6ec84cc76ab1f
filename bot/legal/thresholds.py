"""Shared legal thresholds applied to one case: ages and time served, read from the dated law.

Every number comes from `law` on the case's `as_of`, so a change in the law is a new version
there, never an edit here.
"""

from __future__ import annotations

from . import law
from .case import Case, SelfCare
from .logic import MET, NOT_MET, Finding, fact, unknown

# PS 5050.50 § 3(b) ("no self-care" or "only limited self-care"); USSG § 1B1.13(b)(1)(B)
# ("substantially diminishes the ability ... to provide self-care").
DIMINISHED_SELF_CARE = frozenset({SelfCare.NONE, SelfCare.LIMITED})


def age_at_least(case: Case, years: float) -> Finding:
    """Whether the person is `years` old or older on `as_of`."""
    return fact(case.current_age, "age", lambda age: age >= years)


def served_at_least(case: Case, months: float) -> Finding:
    """Whether at least `months` of the term have been served."""
    return fact(case.served_months, "served_months", lambda served: served >= months)


def _served_and_sentence_missing(case: Case) -> Finding:
    keys = ["served_months"] if case.served_months is None else []
    if case.sentence_months is None:
        keys.append("sentence_months")
    return unknown(*keys)


def served_share(case: Case, share: float) -> Finding:
    """Whether at least `share` of the sentence has been served.

    A share of a life term is not a number of months: the rule cannot be applied to the facts,
    so the finding stays unknown with nothing the family could add (a lawyer must say).
    """
    if case.served_months is None or case.sentence_months is None:
        return _served_and_sentence_missing(case)
    if case.sentence_months == "life":
        return unknown()
    return MET if case.served_months >= share * case.sentence_months else NOT_MET


def served_greater_of_years_or_share(case: Case) -> Finding:
    """PS 5050.50 § 4(c): served the GREATER of 10 years or 75% of the term."""
    months, share = law.BOP_ELDERLY_OTHER_SERVED.on(case.as_of)
    if case.served_months is None:
        return _served_and_sentence_missing(case)
    if case.served_months < months:
        return NOT_MET
    return served_share(case, share)


def served_lesser_of_years_or_share(case: Case) -> Finding:
    """USSG § 1B1.13(b)(2): served at least 10 years or 75% of the term, WHICHEVER IS LESS."""
    months, share = law.COURT_ELDERLY_SERVED.on(case.as_of)
    if case.served_months is None:
        return _served_and_sentence_missing(case)
    if case.served_months >= months:
        return MET
    if case.sentence_months is None:
        return unknown("sentence_months")
    if case.sentence_months == "life":
        # 75% of a life term is longer than any 10 years, so 10 years is the lesser.
        return NOT_MET
    return MET if case.served_months >= share * case.sentence_months else NOT_MET
