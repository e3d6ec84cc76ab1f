"""One conversation's events -> the transcript staff read, in order.

For each family message: the predicted intent, its confidence, the runner-up intents, the
entities, and the slots as they stood when it arrived. Between messages: the assistant's
replies, the actions it took, the slots it set, and the engine's assessment where
`action_assess_eligibility` ran (recomputed, see bot.staff.outcome).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .events import (
    EventRow,
    base_intent,
    parse_data,
    render_value,
    user_entities,
    user_intent,
    user_text,
)
from .outcome import ASSESS_ACTION, assessment_json_at
from .summary import SLOT_RESETS

RANKING_SHOWN = 3
MARKERS = {
    "session_started": "A new session started",
    "restart": "The family started over",
    "rewind": "The assistant took back its last turn (two-stage fallback)",
    "reset_slots": "All slots were cleared",
    "undo": "The assistant's last action was undone",
    "followup": "Follow-up action scheduled",
    "pause": "The conversation was paused",
    "resume": "The conversation resumed",
    "export": "The conversation was exported",
}


@dataclass(frozen=True)
class FamilyMessage:
    """A family message and what the NLU made of it."""

    event_id: int
    at: datetime | None
    text: str
    intent: str | None
    confidence: float | None
    ranking: list[tuple[str, float]]
    entities: list[tuple[str, str]]
    channel: str | None
    slots: dict[str, str]
    kind: str = "user"


@dataclass(frozen=True)
class BotMessage:
    """A message the assistant sent, with its buttons' titles."""

    event_id: int
    at: datetime | None
    text: str
    buttons: list[str]
    kind: str = "bot"


@dataclass(frozen=True)
class ActionTaken:
    """An action the assistant ran, and which policy chose it."""

    event_id: int
    at: datetime | None
    name: str
    policy: str | None
    confidence: float | None
    kind: str = "action"


@dataclass(frozen=True)
class SlotChange:
    """A slot set (or cleared) during the conversation."""

    event_id: int
    at: datetime | None
    name: str
    value: str | None
    kind: str = "slot"


@dataclass(frozen=True)
class Marker:
    """Anything else worth a line: a new session, a restart, a form starting or ending."""

    event_id: int
    at: datetime | None
    label: str
    kind: str = "marker"


@dataclass(frozen=True)
class AssessmentMade:
    """The engine's assessment at the point where the assistant assessed the case."""

    event_id: int
    at: datetime | None
    assessment: dict[str, Any] | None
    kind: str = "assessment"


Item = FamilyMessage | BotMessage | ActionTaken | SlotChange | Marker | AssessmentMade


@dataclass(frozen=True)
class Transcript:
    """The whole conversation as staff read it."""

    sender_id: str
    items: list[Item]
    final_slots: dict[str, str] = field(default_factory=dict)

    @property
    def user_messages(self) -> list[FamilyMessage]:
        """The family's messages only."""
        return [item for item in self.items if isinstance(item, FamilyMessage)]


def build(sender_id: str, rows: Sequence[EventRow]) -> Transcript:
    """The transcript of one conversation's rows (in id order)."""
    slots: dict[str, Any] = {}
    items: list[Item] = []
    for row in rows:
        item = _item(row, slots)
        if item is not None:
            items.append(item)
        if row.type_name == "slot" and isinstance(row.data.get("name"), str):
            slots[row.data["name"]] = row.data.get("value")
        elif row.type_name in SLOT_RESETS:
            slots.clear()
    return Transcript(sender_id=sender_id, items=items, final_slots=_shown(slots))


def _item(row: EventRow, slots: Mapping[str, Any]) -> Item | None:
    data, at = row.data, row.moment
    if row.type_name == "user":
        intent, confidence = user_intent(data)
        channel = data.get("input_channel")
        return FamilyMessage(
            event_id=row.id,
            at=at,
            text=user_text(data),
            intent=intent,
            confidence=confidence,
            ranking=_ranking(data, intent),
            entities=user_entities(data),
            channel=channel if isinstance(channel, str) else None,
            slots=_shown(slots),
        )
    if row.type_name == "bot":
        text = data.get("text")
        return BotMessage(row.id, at, text if isinstance(text, str) else "", _buttons(data))
    if row.type_name == "action":
        name = row.action_name or str(data.get("name") or "")
        if name == "action_listen":
            return None
        if name == ASSESS_ACTION and at is not None:
            return AssessmentMade(row.id, at, assessment_json_at(slots, at.date()))
        confidence = data.get("confidence")
        return ActionTaken(
            row.id,
            at,
            name,
            data.get("policy") if isinstance(data.get("policy"), str) else None,
            float(confidence) if isinstance(confidence, int | float) else None,
        )
    if row.type_name == "slot":
        slot, value = data.get("name"), data.get("value")
        if not isinstance(slot, str):
            return None
        return SlotChange(row.id, at, slot, None if value is None else render_value(value))
    if row.type_name == "active_loop":
        form = data.get("name")
        return Marker(row.id, at, f"Form {form} started" if form else "The form ended")
    label = MARKERS.get(row.type_name)
    return None if label is None else Marker(row.id, at, label)


def _ranking(data: Mapping[str, Any], chosen: str | None) -> list[tuple[str, float]]:
    ranking: list[tuple[str, float]] = []
    for entry in parse_data(data).get("intent_ranking") or ():
        if not isinstance(entry, dict):
            continue
        name, confidence = entry.get("name"), entry.get("confidence")
        shown = chosen is not None and name in (chosen, base_intent(chosen))
        if isinstance(name, str) and isinstance(confidence, int | float) and not shown:
            ranking.append((name, float(confidence)))
    return ranking[:RANKING_SHOWN]


def _buttons(data: Mapping[str, Any]) -> list[str]:
    extra = data.get("data")
    buttons = extra.get("buttons") if isinstance(extra, dict) else None
    return [
        str(button.get("title") or button.get("payload") or "")
        for button in buttons or ()
        if isinstance(button, dict)
    ]


def _shown(slots: Mapping[str, Any]) -> dict[str, str]:
    return {name: render_value(value) for name, value in sorted(slots.items()) if value is not None}
