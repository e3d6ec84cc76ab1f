"""Calendar arithmetic for legal deadlines: calendar days, ages, and what a day is."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

AVERAGE_DAYS_PER_MONTH = 365.2425 / 12


def add_days(start: date, days: int) -> date:
    """The day `days` calendar days after `start` (28 CFR 542 and § 3582 count calendar days)."""
    return start + timedelta(days=days)


def age_on(birth_date: date, on: date) -> int:
    """Completed years of age on a day.

    Someone born on 29 February gains a year on 1 March in common years: the anniversary has not
    yet come on 28 February.
    """
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - int(before_birthday)


def months_between(start: date, end: date) -> float:
    """Elapsed time in average months, for plausibility checks only (never for a deadline)."""
    return (end - start).days / AVERAGE_DAYS_PER_MONTH


@lru_cache(maxsize=64)
def _federal_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("US", years=year)


def federal_holiday(day: date) -> str | None:
    """The name of the U.S. federal holiday on `day`, if any (5 U.S.C. § 6103)."""
    name = _federal_holidays(day.year).get(day)
    return str(name) if name else None


def long_date(day: date) -> str:
    """A date as families read it: 'Thursday 2 April 2026'."""
    return f"{day:%A} {day.day} {day:%B %Y}"
