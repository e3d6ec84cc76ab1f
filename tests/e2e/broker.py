"""What the production endpoints streamed to RabbitMQ (the queue on loopback), for the e2e tests.

Events name their conversation by its keyed hash (bot.storage.broker_events), computed here with
the test stacks' SENDER_HASH_KEY (bot.devtools.stack.production_config).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aio_pika

from bot.devtools.stack import TEST_SENDER_HASH_KEY
from bot.storage.pseudonyms import keyed_hash

RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672/"
QUEUE = "cr_assistant_events"  # deploy/endpoints.production.yml


async def _drain(sender: str) -> tuple[list[dict[str, Any]], list[bytes]]:
    hashed = keyed_hash(sender, TEST_SENDER_HASH_KEY)
    connection = await aio_pika.connect_robust(RABBITMQ_URL)
    async with connection:
        channel = await connection.channel()
        queue = await channel.declare_queue(QUEUE, durable=True, passive=True)
        found: list[dict[str, Any]] = []
        bodies: list[bytes] = []
        while (message := await queue.get(no_ack=True, fail=False)) is not None:
            bodies.append(message.body)
            event = json.loads(message.body)
            if event.get("sender") == hashed:
                found.append(event)
        return found, bodies


def events_on_queue(sender: str) -> list[dict[str, Any]]:
    """Drain the queue; return the events of one conversation, in order."""
    return asyncio.run(_drain(sender))[0]


def queue_contents(sender: str) -> tuple[list[dict[str, Any]], bytes]:
    """Drain the queue; the events of one conversation, and every message's raw body joined."""
    found, bodies = asyncio.run(_drain(sender))
    return found, b"\n".join(bodies)
