"""An assessment rendered in full (every message) or short (what may fit, the next step, its date)."""

from __future__ import annotations

from enum import Enum

from bot.legal import Assessment, Deadline
from bot.legal.dates import long_date
from bot.wording import say

from .messages import chunk, cited, explain


class Length(str, Enum):
    """How much of the assessment to tell."""

    SHORT = "short"
    FULL = "full"


def render(assessment: Assessment, length: Length = Length.FULL) -> list[str]:
    """The assessment as chat messages, in full or short."""
    return explain(assessment) if length is Length.FULL else short(assessment)


def short(assessment: Assessment) -> list[str]:
    """What may fit, the next step and the next date still to come, each a short bubble."""
    as_of = long_date(assessment.as_of)
    fitting = [cited(rule.title, rule.citation) for rule in assessment.rules if rule.may_fit]
    if not assessment.has_federal_request:
        route = assessment.route
        explanation = cited(route.explanation, route.citation)
        messages = [say("explain.short_route", as_of=as_of, explanation=explanation)]
    elif fitting:
        messages = chunk(say("explain.short_may_fit_heading", as_of=as_of), fitting)
    else:
        messages = [say("explain.short_none_fits", as_of=as_of)]
    if assessment.next_steps:
        messages.append(say("explain.next_step", step=assessment.next_steps[0]))
    upcoming = next_deadline(assessment)
    if upcoming is not None:
        messages.append(
            cited(
                say(
                    "explain.next_date",
                    day=long_date(upcoming.day),
                    description=upcoming.description,
                ),
                upcoming.citation,
            )
        )
    return messages


def next_deadline(assessment: Assessment) -> Deadline | None:
    """The earliest deadline that has not passed, if any."""
    coming = [d for d in assessment.deadlines if not d.passed(assessment.as_of)]
    return min(coming, key=lambda deadline: deadline.day, default=None)
