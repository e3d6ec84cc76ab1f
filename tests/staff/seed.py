"""Seed a database with real Rasa events: the recorded conversations, saved by Rasa's own store.

tests/staff/data/recorded.json holds what Rasa stored for scripted families
(tests/staff/record_events.py). Here each conversation is replayed into Rasa's
`DialogueStateTracker` under a new sender id, channel and start time, and saved with Rasa's
`SQLTrackerStore`, so the rows are exactly the ones Rasa writes. A recorded referral is stored
with bot.storage.record_referral, as action_record_referral does.
"""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import Coroutine, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.staff.events import EventRow
from bot.storage import NewReferral, record_referral, transaction, tuned_engine

ROOT = Path(__file__).resolve().parents[2]
RECORDED = Path(__file__).resolve().parent / "data" / "recorded.json"
SCRIPTS = ("questions", "deadline", "screening_referral", "state", "fallback")


@dataclass(frozen=True)
class Plan:
    """One conversation to seed: which recording, under which id and channel, starting when."""

    script: str
    sender_id: str
    start: datetime
    channel: str = "rest"
    # What some family messages say instead: (recorded text, new text).
    texts: tuple[tuple[str, str], ...] = ()


@lru_cache(maxsize=1)
def recorded() -> dict[str, Any]:
    """The recorded events and referral."""
    data: dict[str, Any] = json.loads(RECORDED.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def domain() -> Domain:
    """The assistant's domain (its slots let the tracker apply SlotSet events)."""
    return Domain.load(str(ROOT / "domain.yml"))


def event_dicts(plan: Plan, referral_id: int | None = None) -> list[dict[str, Any]]:
    """The recording's events, moved to the plan's start time and channel."""
    rows = recorded()["conversations"][plan.script]
    base = rows[0]["timestamp"]
    events = []
    for row in rows:
        data = copy.deepcopy(row["data"])
        data["timestamp"] = plan.start.timestamp() + (row["timestamp"] - base)
        if data.get("event") == "user":
            data["input_channel"] = plan.channel
            data["text"] = dict(plan.texts).get(data["text"], data["text"])
            data["parse_data"]["text"] = data["text"]
        if data.get("event") == "slot" and data.get("name") == "referral_id" and data["value"]:
            data["value"] = str(referral_id)
        events.append(data)
    return events


def store_for(database_url: str) -> SQLTrackerStore:
    """Rasa's SQL tracker store on `database_url` (creates `events` if missing)."""
    url = sa.engine.make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return SQLTrackerStore(domain=domain(), dialect="sqlite", db=url.database)
    return SQLTrackerStore(
        domain=domain(),
        dialect="postgresql",
        host=url.host,
        port=url.port,
        db=url.database,
        username=url.username,
        password=url.password,
    )


def seed(database_url: str, plans: Iterable[Plan]) -> dict[str, int | None]:
    """Save each planned conversation as Rasa does; return each sender's referral id."""
    store = store_for(database_url)
    engine = tuned_engine(database_url)
    referral_ids: dict[str, int | None] = {}
    try:
        for plan in plans:
            referral_id = _referral(engine, plan) if plan.script == "screening_referral" else None
            events = [Event.from_parameters(data) for data in event_dicts(plan, referral_id)]
            tracker = DialogueStateTracker.from_events(plan.sender_id, events, domain().slots)
            _run(store.save(tracker))
            referral_ids[plan.sender_id] = referral_id
    finally:
        engine.dispose()
        store.engine.dispose()
    return referral_ids


def _run(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run Rasa's async save in a thread of its own (Playwright's sync API owns this one's loop)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, coroutine).result()


def _referral(engine: sa.engine.Engine, plan: Plan) -> int:
    (recorded_referral,) = recorded()["referrals"]
    consent = max(row["timestamp"] for row in event_dicts(plan) if row.get("event") == "user")
    with transaction(engine) as session:
        return record_referral(
            session,
            NewReferral(
                sender_id=plan.sender_id,
                channel=plan.channel,
                summary=recorded_referral["summary"],
                facts=recorded_referral["facts"],
                assessment=recorded_referral["assessment"],
                consented_at=datetime.fromtimestamp(consent, timezone.utc),
            ),
        )


def rows_of(script: str, sender_id: str = "family", first_id: int = 1) -> list[EventRow]:
    """A recording as the rows `events_of` returns, without a database."""
    return [
        EventRow(
            id=first_id + n,
            sender_id=sender_id,
            type_name=row["type_name"],
            timestamp=row["timestamp"],
            action_name=row["action_name"],
            data=row["data"],
        )
        for n, row in enumerate(recorded()["conversations"][script])
    ]


def continue_conversation(database_url: str, earlier: Plan, later: Plan) -> None:
    """Save `later`'s events as the next turns of the conversation seeded by `earlier`.

    Rasa's store appends only the events beyond those it holds, so the tracker carries both.
    """
    store = store_for(database_url)
    try:
        events = [
            Event.from_parameters(data) for data in [*event_dicts(earlier), *event_dicts(later)]
        ]
        tracker = DialogueStateTracker.from_events(earlier.sender_id, events, domain().slots)
        _run(store.save(tracker))
    finally:
        store.engine.dispose()
