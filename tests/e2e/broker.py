"""What the production endpoints streamed to RabbitMQ (the broker on loopback), for the e2e tests.

Rasa's pika broker publishes every event to a fanout exchange (`EXCHANGE`), which copies it to
each queue bound to it: the deployment's own queue (deploy/endpoints.production.yml) and, during
a test, the test's own (`listening`). Each test reads only its own queue, so tests running side
by side (pytest-xdist) never take each other's events.

Events name their conversation by its keyed hash (bot.storage.broker_events), computed here with
the test stacks' SENDER_HASH_KEY (bot.devtools.stack.production_config).
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import aio_pika

from bot.devtools.stack import TEST_SENDER_HASH_KEY
from bot.storage.pseudonyms import keyed_hash

RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672/"
EXCHANGE = "rasa-exchange"  # rasa.core.brokers.pika.RABBITMQ_EXCHANGE
DEPLOYMENT_QUEUE = "cr_assistant_events"  # deploy/endpoints.production.yml


class Listener:
    """A queue of one test's own, bound to Rasa's exchange: every event since it was bound."""

    def __init__(self, queue: str) -> None:
        self.queue = queue

    def events(self, sender: str) -> list[dict[str, Any]]:
        """Drain the queue; the events of one conversation, in order."""
        return asyncio.run(self._drain(sender))[0]

    def contents(self, sender: str) -> tuple[list[dict[str, Any]], bytes]:
        """Drain the queue; the events of one conversation, and every message's body joined."""
        found, bodies = asyncio.run(self._drain(sender))
        return found, b"\n".join(bodies)

    async def _drain(self, sender: str) -> tuple[list[dict[str, Any]], list[bytes]]:
        hashed = keyed_hash(sender, TEST_SENDER_HASH_KEY)
        connection = await aio_pika.connect_robust(RABBITMQ_URL)
        async with connection:
            channel = await connection.channel()
            queue = await channel.declare_queue(self.queue, passive=True)
            found: list[dict[str, Any]] = []
            bodies: list[bytes] = []
            while (message := await queue.get(no_ack=True, fail=False)) is not None:
                bodies.append(message.body)
                event = json.loads(message.body)
                if event.get("sender") == hashed:
                    found.append(event)
            return found, bodies


async def _bind(name: str) -> None:
    connection = await aio_pika.connect_robust(RABBITMQ_URL)
    async with connection:
        channel = await connection.channel()
        # The exchange as Rasa declares it (it exists once a stack with a broker has started).
        exchange = await channel.declare_exchange(EXCHANGE, aio_pika.ExchangeType.FANOUT)
        # Dropped by RabbitMQ an hour after its last use, should the test die before deleting it.
        queue = await channel.declare_queue(name, arguments={"x-expires": 3_600_000})
        await queue.bind(exchange)


async def _remove(name: str) -> None:
    connection = await aio_pika.connect_robust(RABBITMQ_URL)
    async with connection:
        channel = await connection.channel()
        await channel.queue_delete(name)
        # Nobody consumes the deployment's queue in the tests: empty it, so runs do not pile up.
        deployment_queue = await channel.declare_queue(DEPLOYMENT_QUEUE, durable=True)
        await deployment_queue.purge()


@contextmanager
def listening() -> Iterator[Listener]:
    """A queue of this test's own on Rasa's exchange, deleted at the end."""
    name = f"cr_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_bind(name))
    try:
        yield Listener(name)
    finally:
        asyncio.run(_remove(name))
