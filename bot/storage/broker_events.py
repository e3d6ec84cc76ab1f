"""What the tracker store publishes to the event broker: the shape of a turn, never its words.

Production publishes every event to a durable queue (deploy/endpoints.production.yml). Rasa
would publish each event whole (the family's text, entities, slot values, metadata); a queue
nobody reads would then keep a copy of every conversation after "forget me". Analytics need only
what happened and when, so each published event holds: the event type, its timestamp, the intent
of a family message, the action's or loop's name, a slot's NAME, and the sender id as a keyed
hash (bot.storage.pseudonyms). An erased conversation publishes one `conversation_erased` event.
"""

from __future__ import annotations

from typing import Any

from rasa.shared.core.events import Event

from bot.settings import Settings

from .pseudonyms import sender_hash

ERASED = "conversation_erased"


def published(event: Event, sender_id: str, settings: Settings | None = None) -> dict[str, Any]:
    """The body published for `event` of conversation `sender_id`."""
    data = event.as_dict()
    body: dict[str, Any] = {
        "sender": sender_hash(sender_id, settings),
        "event": event.type_name,
        "timestamp": data.get("timestamp"),
    }
    intent = (data.get("parse_data") or {}).get("intent") or {}
    if event.type_name == "user" and isinstance(intent.get("name"), str):
        body["intent"] = intent["name"]
    if event.type_name in ("action", "active_loop", "slot") and isinstance(data.get("name"), str):
        # An action's or a loop's name, or a slot's name (never its value).
        body["name"] = data["name"]
    return body


def erased(sender_id: str, timestamp: float, settings: Settings | None = None) -> dict[str, Any]:
    """The one event published when conversation `sender_id` was erased."""
    return {"sender": sender_hash(sender_id, settings), "event": ERASED, "timestamp": timestamp}
