"""Calendar arithmetic for legal deadlines: calendar days, court periods, ages, and dates in words."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

AVERAGE_DAYS_PER_MONTH = 365.2425 / 12
SATURDAY = 5


def add_days(start: date, days: int) -> date:
    """The day `days` calendar days after `start` (28 CFR 542 counts calendar days)."""
    return start + timedelta(days=days)


def period_last_day(event: date, days: int) -> date:
    """The last day of a period of `days` days after `event`, under Fed. R. Crim. P. 45(a)(1).

    Exclude the day of the event, count every day including weekends and holidays, include the
    last day; if that day is a Saturday, Sunday or legal holiday, the period runs until the end of
    the next day that is none of these (Rule 45(a)(1)(C)). Only federal legal holidays are known
    here (Rule 45(a)(6)(A)); a state holiday where the court sits can move the day again.
    """
    last = add_days(event, days)
    while not court_open(last):
        last = add_days(last, 1)
    return last


def court_open(day: date) -> bool:
    """Not a Saturday, Sunday or federal legal holiday (Fed. R. Crim. P. 45(a)(1)(C), (a)(6))."""
    return day.weekday() < SATURDAY and federal_holiday(day) is None


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
    """The name of the U.S. federal holiday on `day`, if any (5 U.S.C. § 6103), observed days too."""
    name = _federal_holidays(day.year).get(day)
    return str(name) if name else None


def long_date(day: date) -> str:
    """A date as U.S. families read it: 'Thursday, April 2, 2026'."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"
