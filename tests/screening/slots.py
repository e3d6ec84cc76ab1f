"""Slot values the screening tests share."""

from __future__ import annotations

from typing import Any

FEDERAL: dict[str, Any] = {"jurisdiction": "federal", "offense_era": "after_1987"}
# No medical ground left open: the questions after the medical ones come next.
HEALTHY: dict[str, Any] = {
    "terminal_illness": False,
    "debilitating_condition": False,
    "serious_condition": False,
    "care_not_provided": False,
    "outbreak_at_facility": False,
}
