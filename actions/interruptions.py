"""What the hand-off and privacy actions need to know about the conversation around them."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet

REQUESTED_SLOT = "requested_slot"


def latest_intent(tracker: Tracker) -> str | None:
    """The intent of the family's latest message."""
    intent = tracker.latest_message.get("intent") or {}
    name = intent.get("name")
    return str(name) if name else None


def leave_form(tracker: Tracker) -> list[EventType]:
    """Events that pause an active form (its answers stay), so the next yes/no reaches us."""
    if not (tracker.active_loop or {}).get("name"):
        return []
    return [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None)]


def slots_of(tracker: Tracker) -> dict[str, Any]:
    """Every slot of the conversation, by name."""
    return dict(tracker.slots)
