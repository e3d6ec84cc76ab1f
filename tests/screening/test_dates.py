"""Finding the date a family typed: "the warden got it on jan 10", "el 10 de enero"."""

from __future__ import annotations

from datetime import date

import pytest

from bot.screening.dates import find_date

TODAY = date(2026, 3, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the warden got his request on Jan 10", date(2026, 1, 10)),
        ("jan 10", date(2026, 1, 10)),
        ("jan. 10", date(2026, 1, 10)),
        ("january 10th 2026", date(2026, 1, 10)),
        ("the warden received it 1/10/2026, when can we file", date(2026, 1, 10)),
        ("warden received it 1/10", date(2026, 1, 10)),
        ("2026-01-10", date(2026, 1, 10)),
        ("3/3/24", date(2024, 3, 3)),
        # A day and month without a year is the most recent one, never one still to come.
        ("they got it on march 5", date(2025, 3, 5)),
        ("the 5th of may", date(2025, 5, 5)),
        # Spanish, and Spanish mixed with English.
        ("el 10 de enero", date(2026, 1, 10)),
        ("el warden lo recibió el 10 de enero", date(2026, 1, 10)),
        ("lleva 30 years, el warden lo recibio el 10 de enero", date(2026, 1, 10)),
        ("mi papa mando la carta y el warden la recibio el 3 de febrero", date(2026, 2, 3)),
        # Relative days count from today.
        ("it was yesterday", date(2026, 2, 28)),
        ("2 weeks ago", date(2026, 2, 15)),
        ("hace una semana", date(2026, 2, 22)),
        ("the warden got it today", TODAY),
        # A calendar date beats "today" said in passing.
        ("can we file today? the warden got it on jan 10", date(2026, 1, 10)),
        # Of two dates, the later one (the later received date gives the safer filing day).
        ("he mailed it 1/2/2026 and the warden got it 1/9/2026", date(2026, 1, 9)),
        # A calendar date in the future is returned, so the caller can say it has not come yet.
        ("the warden will get it Dec 20 2026", date(2026, 12, 20)),
    ],
)
def test_finds_the_date_in_a_message(text: str, expected: date) -> None:
    assert find_date(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hi",
        "when can we file in court",
        "on the 10th",
        "we mailed it in january",
        "feb 30",
        # Relative expressions in the future are never when something was received.
        "tomorrow",
        "in 2 weeks",
        # Lengths of time are not dates.
        "my dad is 70 and has been in for 30 years",
        "he got 10 years",
        "served 12 years and 3 months",
        "may i ask when we can file",
        "1234567890",
    ],
)
def test_finds_no_date_where_there_is_none(text: str) -> None:
    assert find_date(text, TODAY) is None
