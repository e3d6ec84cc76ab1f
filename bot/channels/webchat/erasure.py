"""Whether a conversation is gone from Rasa's tracker store ("forget me" was confirmed).

Asked after every widget message, so it must be cheap. Rasa's own `TrackerStore.exists` rebuilds
the whole tracker, which costs as much as handling the message. For Rasa's SQL store (our
`bot.storage.tracker_store.ErasingSQLTrackerStore` is one) a one-row query on the indexed
`sender_id` column answers instead (figures in README, "Speed"). Other stores fall back to
`exists`.
"""

from __future__ import annotations

from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy import select

# Rasa wraps the configured store (FailSafeTrackerStore, AwaitableTrackerStore) in this attribute.
_WRAPPED = "_tracker_store"


def unwrap(store: Any) -> Any:
    """The configured tracker store inside Rasa's wrappers."""
    while hasattr(store, _WRAPPED):
        store = getattr(store, _WRAPPED)
    return store


async def conversation_exists(store: Any, sender_id: str) -> bool:
    """True while the tracker store holds any event of `sender_id`."""
    inner = unwrap(store)
    if isinstance(inner, SQLTrackerStore):
        event = inner.SQLEvent
        with inner.session_scope() as session:
            query = select(event.id).where(event.sender_id == sender_id).limit(1)
            return session.execute(query).first() is not None
    exists: bool = await store.exists(sender_id)
    return exists
