"""Shared legal thresholds: ages and time served, each with the rule it comes from."""

from __future__ import annotations

from .case import Case, SelfCare
from .logic import MET, NOT_MET, Finding, fact, unknown

# PS 5050.50 § 4(a): age 70 and 30 years served.
NEW_LAW_ELDERLY_AGE = 70
NEW_LAW_ELDERLY_SERVED_MONTHS = 30 * 12
# PS 5050.50 § 4(b), § 4(c); USSG § 1B1.13(b)(2): age 65.
ELDERLY_AGE = 65
# PS 5050.50 § 4(b): at least 50% of the sentence served.
ELDERLY_MEDICAL_SHARE = 0.5
# PS 5050.50 § 4(c) ("the greater of") and USSG § 1B1.13(b)(2) ("whichever is less"): 10 years or 75%.
TEN_YEARS_MONTHS = 10 * 12
SEVENTY_FIVE_PERCENT = 0.75
# PS 5050.50 § 3(b) ("no self-care" or "only limited self-care"); USSG § 1B1.13(b)(1)(B)
# ("substantially diminishes the ability ... to provide self-care").
DIMINISHED_SELF_CARE = frozenset({SelfCare.NONE, SelfCare.LIMITED})
# PS 5050.50 § 3(a): life expectancy of 18 months or less.
TERMINAL_PROGNOSIS_MONTHS = 18
# USSG § 1B1.13(b)(6): at least 10 years served.
LONG_SENTENCE_SERVED_MONTHS = 10 * 12


def age_at_least(case: Case, years: int) -> Finding:
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


def served_greater_of_ten_years_or_75(case: Case) -> Finding:
    """PS 5050.50 § 4(c): served the GREATER of 10 years or 75% of the term."""
    if case.served_months is None:
        return _served_and_sentence_missing(case)
    if case.served_months < TEN_YEARS_MONTHS:
        return NOT_MET
    return served_share(case, SEVENTY_FIVE_PERCENT)


def served_lesser_of_ten_years_or_75(case: Case) -> Finding:
    """USSG § 1B1.13(b)(2): served at least 10 years or 75% of the term, WHICHEVER IS LESS."""
    if case.served_months is None:
        return _served_and_sentence_missing(case)
    if case.served_months >= TEN_YEARS_MONTHS:
        return MET
    if case.sentence_months is None:
        return unknown("sentence_months")
    if case.sentence_months == "life":
        # 75% of a life term is longer than any 10 years, so 10 years is the lesser.
        return NOT_MET
    return MET if case.served_months >= SEVENTY_FIVE_PERCENT * case.sentence_months else NOT_MET
