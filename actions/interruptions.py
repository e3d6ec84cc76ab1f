"""What the actions read of the conversation around them, shared so that each reads it one way.

The latest intent and the slots (screening, hand-off, privacy, warden request), and how a side
action pauses the form so that the family's next yes or no reaches it.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.forms import REQUESTED_SLOT


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


def slots_of(tracker: Tracker) -> dict[str, object]:
    """Every slot of the conversation, by name."""
    return dict(tracker.slots)
