"""Rasa's `events` rows, read-only, and the few fields of their JSON the console uses.

Rasa's SQL tracker store writes one row per event: `type_name` ("user", "bot", "action",
"slot", ...), `timestamp` (seconds since the epoch), `intent_name` (user events), `action_name`
(action events) and `data`, the event's `as_dict()` as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.storage.schema import rasa_events

RETRIEVAL_SEPARATOR = "/"


@dataclass(frozen=True)
class EventRow:
    """One row of `events`, its JSON already read."""

    id: int
    sender_id: str
    type_name: str
    timestamp: float | None
    action_name: str | None
    data: Mapping[str, Any]

    @property
    def moment(self) -> datetime | None:
        """When the event happened, in UTC."""
        return moment(self.timestamp)


def moment(timestamp: float | None) -> datetime | None:
    """A Rasa timestamp as an aware UTC datetime."""
    return None if timestamp is None else datetime.fromtimestamp(timestamp, timezone.utc)


def read_data(text: str | None) -> Mapping[str, Any]:
    """An event's JSON; an empty mapping when it is missing or unreadable."""
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def events_of(
    session: Session, sender_ids: Collection[str], *, lock: bool = False
) -> Iterator[EventRow]:
    """The events of some conversations, by conversation then in the order Rasa stored them.

    `lock` takes a share lock on the rows (PostgreSQL): an erasure running at the same time
    then waits for this transaction instead of racing it.
    """
    if not sender_ids:
        return
    query = (
        sa.select(rasa_events)
        .where(rasa_events.c.sender_id.in_(sorted(sender_ids)))
        .order_by(rasa_events.c.sender_id, rasa_events.c.id)
    )
    if lock and session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(read=True)
    for row in session.execute(query):
        yield EventRow(
            id=row.id,
            sender_id=row.sender_id,
            type_name=row.type_name,
            timestamp=row.timestamp,
            action_name=row.action_name,
            data=read_data(row.data),
        )


def parse_data(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """A user event's NLU result."""
    parsed = data.get("parse_data")
    return parsed if isinstance(parsed, dict) else {}


def user_intent(data: Mapping[str, Any]) -> tuple[str | None, float | None]:
    """The intent predicted for a user message (a retrieval intent in full: "faq/costs")."""
    intent = parse_data(data).get("intent")
    if not isinstance(intent, dict):
        return None, None
    name = intent.get("full_retrieval_intent_name") or intent.get("name")
    confidence = intent.get("confidence")
    return (
        str(name) if name else None,
        float(confidence) if isinstance(confidence, int | float) else None,
    )


def base_intent(name: str) -> str:
    """ "faq/costs" -> "faq"; other names unchanged."""
    return name.split(RETRIEVAL_SEPARATOR, 1)[0]


def user_entities(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The entities found in a user message, as (type, value)."""
    found: list[tuple[str, str]] = []
    for entity in parse_data(data).get("entities") or ():
        if isinstance(entity, dict) and entity.get("entity"):
            found.append((str(entity["entity"]), render_value(entity.get("value"))))
    return found


def user_text(data: Mapping[str, Any]) -> str:
    """What the family typed (a button's payload starts with "/")."""
    text = data.get("text")
    return text if isinstance(text, str) else ""


def is_payload(text: str) -> bool:
    """True for a button payload such as /inform{"jurisdiction": "federal"}."""
    return text.startswith("/")


def render_value(value: Any) -> str:
    """A slot or entity value as text: 70, true, "federal", ["a","b"]."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
