"""Conversation locks shared by every process on the database: Rasa's servers, the staff console
and the purge command.

Rasa handles one conversation's messages one at a time by taking a ticket from its lock store
(`Agent.handle_message`). Its in-memory store lives inside one Rasa process, so the staff
console could not take a conversation's lock before erasing it, and an erasure could interleave
with a turn in flight, which would then write the conversation back. `SQLLockStore` keeps the
locks in the table `conversation_locks` (migration 0003) of the same database as the events
(Settings.DATABASE_URL, or the endpoint's `url`), so no outside server is needed. Issuing a
ticket, finishing one and dropping expired ones each run in one transaction that excludes every
other process: `BEGIN IMMEDIATE` on SQLite, a transaction-scoped advisory lock on PostgreSQL.
(Rasa's Redis store reads, changes and writes without such a guard; production may keep it.)

endpoints.yml:

    lock_store:
      type: bot.storage.lock_store.SQLLockStore

`conversation_lock` takes a conversation's lock from synchronous code (the staff console, the
purge command) with any lock store, and `lock_store_from_endpoints` builds the store an
endpoints file configures, the way Rasa does.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockError, LockStore
from rasa.utils.endpoints import EndpointConfig, read_endpoint_config
from sqlalchemy.engine import Connection, Engine

from bot.settings import Settings, SettingsError, get_settings

from .db import tuned_engine
from .schema import conversation_locks

logger = logging.getLogger(__name__)

# The `type` of this store in an endpoints file.
SQL_LOCK_STORE = "bot.storage.lock_store.SQLLockStore"
# How long synchronous code waits for a conversation's turn in flight before giving up. A turn
# ends within the turn timeout (about 20 s); a ticket expires after LOCK_LIFETIME (60 s).
WAIT_FOR_TURN_SECONDS = 30.0
POLL_SECONDS = 0.05


class SQLLockStore(LockStore):  # type: ignore[misc]
    """Rasa's ticket locks in the table `conversation_locks`, safe across processes."""

    def __init__(
        self,
        endpoint_config: EndpointConfig | None = None,
        *,
        database_url: str | None = None,
        settings: Settings | None = None,
    ) -> None:
        url = database_url or (endpoint_config.url if endpoint_config else None)
        url = url or (settings or get_settings()).database_url
        self.engine = _exclusive_engine(url)
        # Plain reads (Rasa polls the lock while it waits) need no write lock.
        self._reader = tuned_engine(url)
        if conversation_locks.name not in sa.inspect(self.engine).get_table_names():
            raise SettingsError(
                "The lock store's table conversation_locks is missing: run "
                "`python -m bot.storage upgrade` first."
            )
        super().__init__()

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        """The conversation's lock, or None when no turn holds or waits for it."""
        with self._reader.connect() as connection:
            stored = connection.execute(
                sa.select(conversation_locks.c.lock).where(
                    conversation_locks.c.conversation_id == conversation_id
                )
            ).scalar_one_or_none()
        return None if stored is None else TicketLock.from_dict(json.loads(stored))

    def delete_lock(self, conversation_id: str) -> None:
        """Forget the conversation's lock."""
        with self._exclusive(conversation_id) as connection:
            _delete(connection, conversation_id)

    def save_lock(self, lock: TicketLock) -> None:
        """Store `lock` (replacing the conversation's previous one)."""
        with self._exclusive(lock.conversation_id) as connection:
            _write(connection, lock)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """The next ticket for the conversation, issued in one exclusive transaction."""
        try:
            with self._exclusive(conversation_id) as connection:
                lock = _read(connection, conversation_id) or self.create_lock(conversation_id)
                ticket: int = lock.issue_ticket(lock_lifetime)
                _write(connection, lock)
                return ticket
        except Exception as error:
            raise LockError(f"Error while acquiring lock ({type(error).__name__})") from None

    def update_lock(self, conversation_id: str) -> None:
        """Drop expired tickets, in one exclusive transaction."""
        with self._exclusive(conversation_id) as connection:
            lock = _read(connection, conversation_id)
            if lock is not None:
                lock.remove_expired_tickets()
                _write(connection, lock)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        """Remove the served ticket, in one exclusive transaction."""
        self.cleanup(conversation_id, ticket_number)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove the served ticket; delete the lock if no one waits (one transaction)."""
        with self._exclusive(conversation_id) as connection:
            lock = _read(connection, conversation_id)
            if lock is None:
                return
            lock.remove_ticket_for(ticket_number)
            if lock.is_someone_waiting():
                _write(connection, lock)
            else:
                _delete(connection, conversation_id)

    def dispose(self) -> None:
        """Close the store's database connections."""
        self.engine.dispose()
        self._reader.dispose()

    @contextmanager
    def _exclusive(self, conversation_id: str) -> Iterator[Connection]:
        """A transaction no other process's lock transaction (for this conversation) overlaps."""
        with self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(
                    sa.text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
                    {"key": f"conversation_locks:{conversation_id}"},
                )
            yield connection


def _exclusive_engine(database_url: str) -> Engine:
    """An engine whose SQLite transactions start with BEGIN IMMEDIATE (the write lock)."""
    engine = tuned_engine(database_url)
    if engine.dialect.name != "sqlite":
        return engine

    @sa.event.listens_for(engine, "connect")  # type: ignore[untyped-decorator]
    def no_implicit_transactions(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @sa.event.listens_for(engine, "begin")  # type: ignore[untyped-decorator]
    def take_the_write_lock(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _read(connection: Connection, conversation_id: str) -> TicketLock | None:
    stored = connection.execute(
        sa.select(conversation_locks.c.lock).where(
            conversation_locks.c.conversation_id == conversation_id
        )
    ).scalar_one_or_none()
    return None if stored is None else TicketLock.from_dict(json.loads(stored))


def _write(connection: Connection, lock: TicketLock) -> None:
    changed = connection.execute(
        sa.update(conversation_locks)
        .where(conversation_locks.c.conversation_id == lock.conversation_id)
        .values(lock=lock.dumps())
    )
    if changed.rowcount == 0:
        connection.execute(
            sa.insert(conversation_locks).values(
                conversation_id=lock.conversation_id, lock=lock.dumps()
            )
        )


def _delete(connection: Connection, conversation_id: str) -> None:
    connection.execute(
        sa.delete(conversation_locks).where(conversation_locks.c.conversation_id == conversation_id)
    )


@contextmanager
def conversation_lock(
    store: LockStore,
    conversation_id: str,
    *,
    wait_seconds: float = WAIT_FOR_TURN_SECONDS,
    lifetime: float = LOCK_LIFETIME,
) -> Iterator[None]:
    """Hold the conversation's lock (after any turn in flight) from synchronous code.

    Raises `LockError` when the turns ahead do not finish within `wait_seconds`.
    """
    ticket = store.issue_ticket(conversation_id, lifetime)
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            lock = store.get_lock(conversation_id)
            if lock is None or not lock.is_locked(ticket):
                break
            if time.monotonic() > deadline:
                raise LockError("A turn of this conversation is still in progress.")
            time.sleep(POLL_SECONDS)
            store.update_lock(conversation_id)
        yield
    finally:
        store.cleanup(conversation_id, ticket)


def lock_store_from_endpoints(path: str | Path, settings: Settings | None = None) -> LockStore:
    """The lock store `path` configures, as Rasa builds it (environment variables expanded).

    An in-memory store lives inside one process and cannot keep another process's turn out:
    refused outside development, warned about in development.
    """
    settings = settings or get_settings()
    config = read_endpoint_config(str(path), "lock_store") if Path(path).is_file() else None
    store: LockStore
    if config is not None and config.type == SQL_LOCK_STORE:
        store = SQLLockStore(config, settings=settings)
    else:
        store = LockStore.create(config)
    if isinstance(store, InMemoryLockStore):
        message = (
            f"{path} configures no lock store shared between processes: an erasure could "
            "interleave with a turn in flight (use bot.storage.lock_store.SQLLockStore or redis)"
        )
        if not settings.is_development:
            raise SettingsError(message)
        logger.warning("%s (tolerated in development)", message)
    return store
