"""The engine's assessment at a point of a conversation, recomputed from the slots.

`action_assess_eligibility` shows the family its result but stores only messages. The engine is
deterministic (bot.legal: no clock, no I/O), so the same slots on the same day give the same
assessment; the console recomputes it with the engine it runs now.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from bot.legal import Assessment, CaseError, assess
from bot.screening.facts import case_from_slots

ASSESS_ACTION = "action_assess_eligibility"
# The outcome recorded when the engine refused the facts (the family heard "unavailable").
REFUSED = "refused"


def assessment_at(slots: Mapping[str, object], day: date) -> Assessment | None:
    """The engine's assessment of these slots on `day`; None if it refuses the facts."""
    try:
        return assess(case_from_slots(slots), day)
    except CaseError:
        return None


def assessment_json_at(slots: Mapping[str, object], day: date) -> dict[str, Any] | None:
    """That assessment as the JSON the staff views show (`Assessment.to_dict`), or None."""
    assessment = assessment_at(slots, day)
    return None if assessment is None else assessment.to_dict()


def route_at(slots: Mapping[str, object], day: date) -> str:
    """The route of that assessment ("3582", "state", ...), or "refused"."""
    assessment = assessment_at(slots, day)
    return REFUSED if assessment is None else assessment.route.route.value
