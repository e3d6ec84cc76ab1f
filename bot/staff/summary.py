"""One conversation's events -> the row the console lists it by, and what it can be found by.

Pure: takes the rows of `events` of one conversation in order, returns a `ConversationSummary`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .events import (
    EventRow,
    base_intent,
    is_payload,
    moment,
    render_value,
    user_entities,
    user_intent,
    user_text,
)
from .outcome import ASSESS_ACTION, route_at

FALLBACK_INTENT = "nlu_fallback"
FALLBACK_ACTIONS = frozenset({"action_two_stage_fallback", "action_default_fallback"})
# Set by action_record_referral once the referral is stored (docs/conversation.md).
REFERRAL_SLOT = "referral_id"
# Events after which Rasa starts again with empty slots.
SLOT_RESETS = frozenset({"session_started", "restart", "reset_slots"})
UNCOUNTED_ACTIONS = frozenset({"action_listen"})
OPENING_CHARS = 160
TERM_CHARS = 255


@dataclass(frozen=True)
class ConversationSummary:
    """What the conversation list shows and filters by (table staff_conversations)."""

    sender_id: str
    channel: str | None
    first_at: datetime
    last_at: datetime
    event_count: int
    message_count: int
    user_message_count: int
    opening: str | None
    last_intent: str | None
    had_fallback: bool
    min_confidence: float | None
    has_referral: bool
    outcome: str | None
    last_event_id: int
    terms: frozenset[tuple[str, str]]
    text: str

    @property
    def started_on(self) -> date:
        """The day (UTC) the conversation started."""
        return self.first_at.date()


def term(kind: str, name: str, value: Any = None) -> tuple[str, str]:
    """A searchable term: ("slot_value", "jurisdiction=state"); values compare lower-cased."""
    text = name if value is None else f"{name}={render_value(value).strip().lower()}"
    return kind, text[:TERM_CHARS]


def summarize(rows: Sequence[EventRow]) -> ConversationSummary | None:
    """The summary of one conversation's rows (in id order); None when there are none."""
    if not rows:
        return None
    state = _State()
    for row in rows:
        state.read(row)
    moments = [m for m in (row.moment for row in rows) if m is not None]
    first_at, last_at = (min(moments), max(moments)) if moments else (None, None)
    if first_at is None or last_at is None:
        return None
    return ConversationSummary(
        sender_id=rows[0].sender_id,
        channel=state.channel,
        first_at=first_at,
        last_at=last_at,
        event_count=len(rows),
        message_count=len(state.user_messages) + state.bot_messages,
        user_message_count=len(state.user_messages),
        opening=state.opening,
        last_intent=state.last_intent,
        had_fallback=state.had_fallback,
        min_confidence=state.min_confidence,
        has_referral=state.has_referral,
        outcome=state.outcome,
        last_event_id=max(row.id for row in rows),
        terms=frozenset(state.terms),
        text="\n".join(state.texts),
    )


class _State:
    """What has been seen so far while reading one conversation."""

    def __init__(self) -> None:
        self.channel: str | None = None
        self.user_messages: set[str | int] = set()
        self.bot_messages = 0
        self.opening: str | None = None
        self.last_intent: str | None = None
        self.had_fallback = False
        self.min_confidence: float | None = None
        self.has_referral = False
        self.outcome: str | None = None
        self.terms: set[tuple[str, str]] = set()
        self.texts: list[str] = []
        self.slots: dict[str, Any] = {}

    def read(self, row: EventRow) -> None:
        kind = row.type_name
        if kind == "user":
            self._user(row)
        elif kind == "bot":
            self.bot_messages += 1
        elif kind == "action":
            self._action(row)
        elif kind == "slot":
            self._slot(row)
        elif kind in SLOT_RESETS:
            self.slots.clear()

    def _user(self, row: EventRow) -> None:
        data = row.data
        # A rewind (two-stage fallback) stores the same message again: count it once.
        message_id = data.get("message_id")
        self.user_messages.add(message_id if isinstance(message_id, str) else -row.id)
        channel = data.get("input_channel")
        if isinstance(channel, str) and channel:
            self.channel = channel
        text = user_text(data)
        if text and not is_payload(text):
            if self.opening is None:
                self.opening = " ".join(text.split())[:OPENING_CHARS]
            if not self.texts or self.texts[-1] != text:
                self.texts.append(text)
        intent, confidence = user_intent(data)
        if intent is not None:
            self.last_intent = intent
            self.terms.add(term("intent", intent))
            self.terms.add(term("intent", base_intent(intent)))
            self.had_fallback |= intent == FALLBACK_INTENT
        if confidence is not None and (
            self.min_confidence is None or confidence < self.min_confidence
        ):
            self.min_confidence = confidence
        for entity, value in user_entities(data):
            self.terms.add(term("entity", entity))
            self.terms.add(term("entity_value", entity, value))

    def _action(self, row: EventRow) -> None:
        name = row.action_name or row.data.get("name")
        if not isinstance(name, str) or not name or name in UNCOUNTED_ACTIONS:
            return
        self.terms.add(term("action", name))
        self.had_fallback |= name in FALLBACK_ACTIONS
        when = row.moment
        if name == ASSESS_ACTION and when is not None:
            self.outcome = route_at(self.slots, when.date())

    def _slot(self, row: EventRow) -> None:
        name = row.data.get("name")
        if not isinstance(name, str):
            return
        value = row.data.get("value")
        self.slots[name] = value
        if value is None:
            return
        self.terms.add(term("slot", name))
        self.terms.add(term("slot_value", name, value))
        if name == REFERRAL_SLOT:
            self.has_referral = True


def senders(rows: Iterable[EventRow]) -> dict[str, list[EventRow]]:
    """Rows grouped by conversation, keeping their order."""
    grouped: dict[str, list[EventRow]] = {}
    for row in rows:
        grouped.setdefault(row.sender_id, []).append(row)
    return grouped


__all__ = ["ConversationSummary", "moment", "senders", "summarize", "term"]
