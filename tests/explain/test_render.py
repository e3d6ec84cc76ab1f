"""An assessment told short (what may fit, the next step, the next date) or in full."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.bubbles import READING_LIMIT
from bot.explain import Length, explain, render, short
from bot.explain.render import next_deadline
from bot.legal import Assessment, assess
from tests.legal.test_sources import EVERYTHING

TODAY = date(2026, 3, 10)
FEDERAL = {"jurisdiction": "federal", "offense_date": "2012-04-01"}


def assessed(**facts: Any) -> Assessment:
    return assess(facts, TODAY)


def test_in_full_it_is_the_whole_explanation() -> None:
    assessment = assessed(**FEDERAL, terminal_illness=True)

    assert render(assessment) == explain(assessment)
    assert render(assessment, Length.FULL) == explain(assessment)


def test_short_names_what_may_fit_with_citations_then_the_next_step() -> None:
    assessment = assessed(**FEDERAL, terminal_illness=True)

    fits, step = render(assessment, Length.SHORT)

    assert fits.startswith("As of Tuesday, March 10, 2026, these may fit what you told me:\n• ")
    assert "\n• Terminal illness [USSG § 1B1.13(b)(1)(A)]" in fits
    assert step == f"Next step: {assessment.next_steps[0]}"


def test_short_gives_the_next_date_still_to_come() -> None:
    assessment = assessed(**FEDERAL, terminal_illness=True, warden_request_received="2026-03-02")

    last = short(assessment)[-1]

    assert last.startswith("Next date: Monday, March 16, 2026: The BOP must process")


def test_a_date_that_has_passed_is_not_the_next_date() -> None:
    assessment = assessed(
        **FEDERAL, warden_request_received="2025-12-01", warden_denied_on="2026-01-02"
    )

    assert assessment.deadlines
    assert next_deadline(assessment) is None
    assert not any(message.startswith("Next date:") for message in short(assessment))


def test_short_says_so_when_nothing_fits_yet() -> None:
    messages = short(assessed())

    assert messages[0] == (
        "As of Tuesday, March 10, 2026, none of the BOP's criteria or the court's listed grounds "
        "fits what you told me yet."
    )


def test_short_on_a_state_sentence_says_why_and_what_to_do_instead() -> None:
    assessment = assessed(jurisdiction="state", state="OH")

    why, step = short(assessment)

    assert why.startswith("As of Tuesday, March 10, 2026: A state sentence is governed by")
    assert step.startswith("Next step: Federal compassionate release does not apply")


def test_many_fits_are_split_so_that_every_message_stays_within_the_limit() -> None:
    assessment = assess(EVERYTHING, date(2026, 11, 25))

    messages = short(assessment)

    assert len(messages) > 2
    assert all(len(message) <= READING_LIMIT for message in messages)
    assert messages[1].startswith(
        "As of Wednesday, November 25, 2026, these may fit what you told me: (continued)"
    )
