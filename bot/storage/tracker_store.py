"""Rasa's SQL tracker store, plus erasure of a conversation when the family asks for it.

Why a tracker store: Rasa keeps the conversation in memory while it handles a message and saves
it once at the end of the turn (`MessageProcessor.handle_message` -> `save_tracker`).
`SQLTrackerStore.save` appends the events it believes are new by counting the rows already
stored for the sender (`_additional_events`). If an action deleted those rows, that count would
drop to zero and the save at the end of the same turn would write the whole conversation back.
So the deletion happens here, in place of that save: when the turn's new events set the slot
`conversation_erased` (bot.storage.ERASE_SLOT, set by action_forget_me once the family confirmed),
the sender's events and referrals are deleted in one transaction and nothing is written. The next
message finds no events, so Rasa starts a fresh tracker and runs `action_session_start`.

Two speed-ups over Rasa's store (figures in README, "Speed"), with the same rows written: a turn's
new events are found with one count query instead of two, and streamed to the event broker without
re-reading the whole conversation (Rasa's `stream_events` retrieves it again on every save) and
without their words (bot.storage.broker_events), after the commit; a
SQLite file keeps its connections open (Rasa opens a new one per query) in write-ahead-log mode
with a busy timeout (bot.storage.db.tune_sqlite), so the staff console can read while we write.
Every engine, SQLite's or PostgreSQL's, checks a pooled connection before use and hides statement
parameters from error messages (bot.storage.db.ENGINE_OPTIONS).

Loaded by module path from endpoints.yml (`type: bot.storage.tracker_store.ErasingSQLTrackerStore`);
Rasa passes `host` (the `url` key), `domain`, `event_broker` and the other keys as keyword
arguments, exactly as for `type: SQL`. Rasa falls back to an in-memory store with only a warning
when such a class cannot be imported, so the end-to-end tests check that rows really land in SQL.
"""

from __future__ import annotations

import json
import logging
import os
import time
from typing import Any

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import Event, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import URL, make_url

from bot.settings import Settings, SettingsError, get_settings

from . import ERASE_SLOT
from .broker_events import erased as erased_event
from .broker_events import published
from .db import ENGINE_OPTIONS, transaction, tune_sqlite
from .erasure import overwrite_erased_pages
from .pseudonyms import sender_hash
from .repository import erase_conversation
from .turns import Failure, report_failure

logger = logging.getLogger(__name__)


class ErasingSQLTrackerStore(SQLTrackerStore):  # type: ignore[misc]
    """`type: SQL` that deletes a conversation, instead of saving it, once erasure is confirmed."""

    engine: sa.engine.Engine
    # The settings the store was built with (SENDER_HASH_KEY for the hashes it publishes and logs).
    _settings: Settings | None = None

    def __init__(self, *args: Any, settings: Settings | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            self._keep_sqlite_connections()
        else:
            self._check_connections_before_use()
        self._check_same_database(settings or get_settings())

    def _keep_sqlite_connections(self) -> None:
        """Swap Rasa's connection-per-query SQLite engine for a pooled, tuned one."""
        self._replace_engine(poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False})
        tune_sqlite(self.engine)

    def _check_connections_before_use(self) -> None:
        """Swap Rasa's engine for one with ENGINE_OPTIONS and Rasa's own pool settings.

        Rasa's engine hands out pooled connections unchecked: after a PostgreSQL restart the
        first query on each fails, the turn's save falls back to memory and is lost. Its errors
        would also quote the events' JSON (the family's words) as statement parameters.
        """
        self._replace_engine(**create_engine_kwargs(self.engine.url))

    def _replace_engine(self, **options: Any) -> None:
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, **ENGINE_OPTIONS, **options)
        self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)

    def _check_same_database(self, settings: Settings) -> None:
        """Referrals (Settings.DATABASE_URL) must live where the events do, or erasure misses them.

        Also refuses to start without SENDER_HASH_KEY outside development (it is needed for
        every event published and every failure logged).
        """
        if not _same_database(make_url(settings.database_url), self.engine.url):
            message = (
                "DATABASE_URL must name the tracker store's database, so that erasing a "
                "conversation also erases its referral"
            )
            if not settings.is_development:
                raise SettingsError(message)
            logger.warning("%s (tolerated in development)", message)
        settings.sender_hash_key_or_refuse()
        self._settings = settings

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Append the turn's new events, or erase the conversation if the family confirmed.

        Never raises: Rasa's FailSafeTrackerStore would log the error's text and keep the whole
        conversation in an in-memory store (publishing it whole to the broker). A failure is
        logged without content and reported to the channel (bot.storage.turns), which tells
        the family honestly instead of sending the turn's replies.
        """
        sender_id = tracker.sender_id
        try:
            with self.session_scope() as session:
                new_events = list(self._additional_events(session, tracker))
                erasing = any(_is_erasure(event) for event in new_events)
                if not erasing:
                    session.add_all([self._row(sender_id, event) for event in new_events])
                    session.commit()
        except Exception as error:
            self._failed(Failure.SAVE, sender_id, error)
            return
        if erasing:
            await self._erase(sender_id, new_events)
        elif self.event_broker is not None:
            await self._stream_new_events(self.event_broker, new_events, sender_id)

    def _row(self, sender_id: str, event: Event) -> Any:
        """The `events` row Rasa's SQLTrackerStore.save writes for `event`."""
        data = event.as_dict()
        return self.SQLEvent(
            sender_id=sender_id,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=data.get("parse_data", {}).get("intent", {}).get("name"),
            action_name=data.get("name"),
            data=json.dumps(data),
        )

    async def _erase(self, sender_id: str, new_events: list[Event]) -> None:
        """Delete the conversation in one transaction (all of it or, on failure, nothing)."""
        try:
            with transaction(self.engine) as session:
                erased = erase_conversation(session, sender_id)
        except Exception as error:
            self._failed(Failure.ERASURE, sender_id, error)
            return
        overwrite_erased_pages(self.engine)
        logger.info(
            "Erased conversation %s on request: %d events, %d referrals",
            sender_hash(sender_id, self._settings),
            erased.events,
            erased.referrals,
        )
        # Event consumers (analytics) hear only that this conversation was erased.
        if self.event_broker is not None:
            moment = max((event.timestamp for event in new_events), default=time.time())
            self.event_broker.publish(erased_event(sender_id, moment, self._settings))

    def _failed(self, failure: Failure, sender_id: str, error: Exception) -> None:
        """Log a failed save without content (the error's text may quote the family)."""
        logger.error(
            "Could not %s conversation %s (%s); nothing of this turn was written",
            "erase" if failure is Failure.ERASURE else "save",
            sender_hash(sender_id, self._settings),
            type(error).__name__,
        )
        report_failure(failure)

    async def _stream_new_events(
        self, event_broker: EventBroker, new_events: list[Event], sender_id: str
    ) -> None:
        """Publish the turn's events without their words (bot.storage.broker_events)."""
        for event in new_events:
            event_broker.publish(published(event, sender_id, self._settings))


def _is_erasure(event: Event) -> bool:
    return isinstance(event, SlotSet) and event.key == ERASE_SLOT and event.value is True


def _same_database(first: URL, second: URL) -> bool:
    return _identity(first) == _identity(second)


def _identity(url: URL) -> tuple[str, str | None, int | None, str | None]:
    backend = url.get_backend_name()
    database = url.database
    if backend == "sqlite" and database and database != ":memory:":
        database = os.path.abspath(database)
    port = url.port
    if port is None and backend == "postgresql":
        port = 5432
    return backend, url.host, port, database
