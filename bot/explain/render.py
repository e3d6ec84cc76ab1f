"""An assessment rendered in full (every message) or short (what may fit, the next step, its date)."""

from __future__ import annotations

from enum import Enum

from bot.legal import Assessment, Deadline
from bot.legal.dates import long_date

from .messages import MESSAGE_LIMIT, chunk, cited, explain


class Length(str, Enum):
    """How much of the assessment to tell."""

    SHORT = "short"
    FULL = "full"


def render(assessment: Assessment, length: Length = Length.FULL) -> list[str]:
    """The assessment as chat messages, in full or short."""
    return explain(assessment) if length is Length.FULL else short(assessment)


def short(assessment: Assessment) -> list[str]:
    """What may fit, the next step and the next date still to come, each under `MESSAGE_LIMIT`."""
    as_of = long_date(assessment.as_of)
    fitting = [cited(rule.title, rule.citation) for rule in assessment.rules if rule.may_fit]
    if not assessment.has_federal_request:
        route = assessment.route
        messages = [f"As of {as_of}: " + cited(route.explanation, route.citation)]
    elif fitting:
        messages = chunk(f"As of {as_of}, these may fit what you told me:", fitting, MESSAGE_LIMIT)
    else:
        messages = [
            f"As of {as_of}, none of the BOP's criteria or the court's listed grounds fits what "
            "you told me yet."
        ]
    if assessment.next_steps:
        messages.append(f"Next step: {assessment.next_steps[0]}")
    upcoming = next_deadline(assessment)
    if upcoming is not None:
        messages.append(
            cited(
                f"Next date: {long_date(upcoming.day)}: {upcoming.description}", upcoming.citation
            )
        )
    return messages


def next_deadline(assessment: Assessment) -> Deadline | None:
    """The earliest deadline that has not passed, if any."""
    coming = [d for d in assessment.deadlines if not d.passed(assessment.as_of)]
    return min(coming, key=lambda deadline: deadline.day, default=None)
