"""Inline trackers and message helpers for the hand-off, privacy and warden-request actions."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

USER_TIME = 1_773_153_005.0  # 2026-03-10 14:30:05 UTC

# What a family told the screening form: a federal prisoner of 68, terminal, at FMC Butner.
TERMINAL_FATHER: dict[str, Any] = {
    "jurisdiction": "federal",
    "offense_era": "after_1987",
    "age": 68,
    "sentence_months": 240,
    "served_months": 150,
    "terminal_illness": True,
    "facility": "FMC Butner",
}


def tracker(
    intent: str,
    text: str = "",
    slots: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
    active_loop: str | None = None,
    channel: str | None = "rest",
) -> Tracker:
    """A tracker whose latest user message has `intent`, after `events`."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.99},
        "entities": [],
    }
    user = {
        "event": "user",
        "timestamp": USER_TIME,
        "text": text,
        "parse_data": latest,
        "input_channel": channel,
    }
    return Tracker(
        sender_id="family-1",
        slots=dict(slots or {}),
        latest_message=latest,
        events=[*(events or []), user],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def sent(messages: list[dict[str, Any]], *keys: str) -> list[dict[str, Any]]:
    """Each message's response name (or its text) and the given template values."""
    shown: list[dict[str, Any]] = []
    for message in messages:
        if message.get("response"):
            shown.append({"response": message["response"], **{k: message[k] for k in keys}})
        else:
            shown.append({"text": message["text"]})
    return shown


def responses(messages: list[dict[str, Any]]) -> list[str]:
    """The response names sent, in order (plain texts as "text")."""
    return [message.get("response") or "text" for message in messages]
