"""What the production endpoints streamed to RabbitMQ (the queue on loopback), for the e2e tests."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aio_pika

RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672/"
QUEUE = "cr_assistant_events"  # deploy/endpoints.production.yml


async def _drain(sender: str) -> list[dict[str, Any]]:
    connection = await aio_pika.connect_robust(RABBITMQ_URL)
    async with connection:
        channel = await connection.channel()
        queue = await channel.declare_queue(QUEUE, durable=True, passive=True)
        found: list[dict[str, Any]] = []
        while (message := await queue.get(no_ack=True, fail=False)) is not None:
            event = json.loads(message.body)
            if event.get("sender_id") == sender:
                found.append(event)
        return found


def events_on_queue(sender: str) -> list[dict[str, Any]]:
    """Drain the queue; return the events of one conversation, in order."""
    return asyncio.run(_drain(sender))
