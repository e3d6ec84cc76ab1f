"""Finds the date a family typed ("the warden got it on jan 10", "el 3 de febrero")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from dateparser.search import search_dates

# Relative expressions ("today", "2 weeks ago") keep this time of day; calendar dates get midnight.
_BASE_TIME = time(12, 0, 1)
_LANGUAGE_ATTEMPTS: tuple[tuple[str, ...], ...] = (("en", "es"), ("en",), ("es",))
_ABBREVIATION_DOT = re.compile(
    r"\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.", re.IGNORECASE
)
# A relative match names a day only with one of these words: "3 days ago", "yesterday", "hace una
# semana". Without them it is a length of time ("been in for 30 years", "he got 10 years").
_DAY_WORDS = re.compile(r"\b(ago|yesterday|today|hace|anteayer|ayer|hoy)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Found:
    day: date
    relative: bool


def find_date(text: str, today: date) -> date | None:
    """The date a message most likely names, or None.

    Calendar dates win over relative ones ("today", "2 weeks ago"); among several, the latest one
    that is not in the future (the later received date gives the later, safer filing day). A
    future calendar date is returned so the caller can say it has not happened yet.
    """
    found = _search(text, today)
    calendar = [f.day for f in found if not f.relative]
    candidates = calendar or [f.day for f in found]
    if not candidates:
        return None
    past = [day for day in candidates if day <= today]
    return max(past) if past else min(candidates)


def _search(text: str, today: date) -> list[_Found]:
    cleaned = _ABBREVIATION_DOT.sub(r"\1", text)
    base = datetime.combine(today, _BASE_TIME)
    settings = {
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": base,
        "DATE_ORDER": "MDY",
        "REQUIRE_PARTS": ["day", "month"],
    }
    for languages in _LANGUAGE_ATTEMPTS:
        matches = search_dates(cleaned, languages=list(languages), settings=settings) or []
        found = [
            _Found(moment.date(), relative=moment.time() == _BASE_TIME)
            for said, moment in matches
            # A bare run of digits is a number (dateparser would read a Unix timestamp).
            if not said.strip().isdigit()
            and (moment.time() != _BASE_TIME or _DAY_WORDS.search(said))
        ]
        if found:
            return found
    return []
