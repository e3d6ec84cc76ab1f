"""Which question the screening asks next: only what the engine still needs.

The engine's `missing` keys (for the route and for every rule still open) say which facts could
still decide something; each question's `asked_when` (bot.screening.registry) adds what the form
asks around them (the prognosis and diagnosis day of a terminal illness, the family situation
before the caregiver questions, the warden dates), and the aging questions are skipped under 65,
where they cannot matter.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from bot.legal import assess

from .facts import (
    AFTER_1987,
    FAMILY_FACTS,
    as_bool,
    as_date,
    as_number,
    case_from_slots,
    family_categories,
)
from .registry import AGING_SLOTS, FAMILY_SLOTS, FORM_SLOTS, QUESTIONS, Question

# PS 5050.50 § 4(b), (c); USSG § 1B1.13(b)(2): the aging questions matter from 65.
AGING_AGE = 65


def _hypothetical(slots: Mapping[str, object]) -> dict[str, object]:
    """The slots as the question plan sees them: under 65, the aging facts cannot matter."""
    plan = dict(slots)
    age = as_number(slots.get("age"))
    if age is not None and age < AGING_AGE:
        for key in AGING_SLOTS:
            plan[key] = False
    return plan


def required_slots(slots: Mapping[str, object], today: date) -> list[str]:
    """The questions the screening needs, in order; empty when there is nothing to screen.

    Raises `bot.legal.CaseError` when the answers contradict each other.
    """
    # No federal request to screen for on this route (28 CFR 571.64): nothing to ask.
    if not assess(case_from_slots(slots), today).has_federal_request:
        return []
    needed = set(assess(case_from_slots(_hypothetical(slots)), today).missing)
    terminal = as_bool(slots.get("terminal_illness")) is True
    categories = family_categories(slots.get("family_situation")) or ()
    return [q.slot for q in QUESTIONS if _asks(q, slots, needed, terminal, categories)]


def _asks(
    question: Question,
    slots: Mapping[str, object],
    needed: set[str],
    terminal: bool,
    categories: tuple[str, ...],
) -> bool:
    """Whether the form asks `question`, by its `asked_when` (bot.screening.registry)."""
    when = question.asked_when
    if when == "always":
        return True
    if when == "terminal":
        return terminal
    if when == "request_sent":
        return as_date(slots.get("warden_request_received")) is not None
    if when == "family":
        return any(key in needed for key in FAMILY_SLOTS)
    if question.family is not None:
        return question.family in categories and question.engine_key in needed
    return question.engine_key in needed


def next_slot(slots: Mapping[str, object], today: date) -> str | None:
    """The next question to ask, or None when the screening is complete."""
    return next((slot for slot in required_slots(slots, today) if slots.get(slot) is None), None)


__all__ = [
    "AFTER_1987",
    "FAMILY_FACTS",
    "FORM_SLOTS",
    "next_slot",
    "required_slots",
]
