"""Rasa's Redis lock store, made safe for several Rasa servers: every change is one transaction.

Rasa handles one conversation's messages one at a time by taking a ticket from its lock store
(`Agent.handle_message`). Rasa 3.6's `RedisLockStore` issues a ticket by reading the lock,
changing it in the process and writing it back, with nothing in between to stop another server
doing the same: two servers that get a conversation's messages at the same moment both read
"no lock", both issue ticket 0 and both run their turn at once, and one turn's events overwrite
the other's (tests/faults/test_two_servers.py lost a message this way). Releasing is no better:
"nobody waits, delete the lock" can delete a ticket issued in between.

`AtomicRedisLockStore` keeps Rasa's keys, tickets and waiting, and makes each read-change-write
(issue, drop expired, finish, clean up) an optimistic Redis transaction (WATCH the lock's key,
MULTI, EXEC), retried when another server changed the key first. No sleeping, no extra keys.

deploy/endpoints.production.yml:

    lock_store:
      type: bot.storage.redis_lock_store.AtomicRedisLockStore
      url: ${REDIS_HOST}          # the same settings as Rasa's `type: redis`
      port: ${REDIS_PORT}
      db: 1
      key_prefix: "crassistant"   # letters and digits only (Rasa ignores any other prefix)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

Result = TypeVar("Result")
# What a change does to the stored lock: the lock to store (None: delete it) and a result.
Change = Callable[[TicketLock | None], tuple[TicketLock | None, Result]]


class AtomicRedisLockStore(RedisLockStore):  # type: ignore[misc]
    """Rasa's Redis ticket locks, each change a WATCH/MULTI/EXEC transaction."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **settings: Any) -> None:
        """From an endpoints file's `lock_store` (as Rasa builds custom stores), or settings."""
        if endpoint_config is not None:
            settings = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs}
        super().__init__(**settings)

    def _change(self, conversation_id: str, change: Change[Result]) -> Result:
        key = self.key_prefix + conversation_id

        def attempt(pipe: Any) -> Result:
            stored = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(stored)) if stored else None
            changed, result = change(lock)
            pipe.multi()
            if changed is None:
                pipe.delete(key)
            else:
                pipe.set(key, changed.dumps())
            return result

        result: Result = self.red.transaction(attempt, key, value_from_callable=True)
        return result

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """The conversation's next ticket (a new lock if there is none), issued atomically."""

        def issue(lock: TicketLock | None) -> tuple[TicketLock | None, int]:
            lock = lock or self.create_lock(conversation_id)
            ticket: int = lock.issue_ticket(lock_lifetime)
            return lock, ticket

        try:
            return self._change(conversation_id, issue)
        except Exception as error:
            # The type only, as Rasa's own message would quote the connection's details.
            raise LockError(f"Error while acquiring lock ({type(error).__name__})") from None

    def update_lock(self, conversation_id: str) -> None:
        """Drop the conversation's expired tickets, atomically."""

        def drop_expired(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        """Remove a served ticket, atomically."""

        def finish(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, finish)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove a served ticket and delete the lock if nobody waits, in one transaction."""

        def clean(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._change(conversation_id, clean)
