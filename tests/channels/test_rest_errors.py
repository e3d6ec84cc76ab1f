"""Our REST channel when handling a message fails: a JSON error, no partial replies, no text logged.

The channel runs on a Sanic app wired as `rasa run` wires it (channels under /webhooks/), reached
through httpx.ASGITransport; the agent stands in for Rasa's and fails on demand.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from rasa.core.channels.channel import UserMessage, register
from sanic import Sanic

from bot.channels.rest import RestInput
from bot.wording import say

FAMILY = "my mother Rosalind has stage 4 pancreatic cancer at FMC Carswell"


class Agent:
    """Answers one message in two parts; `fail_with` raises after the first part."""

    def __init__(self, fail_with: BaseException | None = None) -> None:
        self._fail_with = fail_with

    async def handle_message(self, message: UserMessage) -> None:
        """Send the first reply, then fail if told to, else send the second."""
        await message.output_channel.send_text_message(message.sender_id, "First part.")
        if self._fail_with is not None:
            raise self._fail_with
        await message.output_channel.send_text_message(message.sender_id, "Second part.")


@pytest.fixture(autouse=True)
def many_sanic_apps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sanic 21.12 can start a second app in one process only in its test mode."""
    monkeypatch.setattr(Sanic, "test_mode", True)


@asynccontextmanager
async def served(agent: Agent) -> AsyncIterator[httpx.AsyncClient]:
    """The REST channel on a fresh app with `agent`, behind httpx."""
    app = Sanic(f"rest-test-{uuid.uuid4().hex}", configure_logging=False)
    register([RestInput()], app, "/webhooks/")
    app.ctx.agent = agent
    inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    await inbox.put({"type": "lifespan.startup"})
    lifespan = asyncio.create_task(
        app({"type": "lifespan", "asgi": {"version": "3.0"}}, inbox.get, outbox.put)
    )
    assert (await outbox.get())["type"] == "lifespan.startup.complete"
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://rasa") as client:
            yield client
    finally:
        await inbox.put({"type": "lifespan.shutdown"})
        await outbox.get()
        with contextlib.suppress(AttributeError):
            await lifespan


def post(agent: Agent, message: str = FAMILY) -> httpx.Response:
    """POST one message to the channel's webhook; the response."""

    async def main() -> httpx.Response:
        async with served(agent) as client:
            return await client.post(
                "/webhooks/rest/webhook", json={"sender": "fam-1", "message": message}
            )

    return asyncio.run(main())


def test_a_message_handled_gets_all_its_replies() -> None:
    reply = post(Agent())

    assert reply.status_code == 200
    assert [part["text"] for part in reply.json()] == ["First part.", "Second part."]


def test_a_failure_gets_a_json_error_and_no_partial_replies(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    reply = post(Agent(fail_with=RuntimeError(f"could not handle {FAMILY}")))

    assert reply.status_code == 500
    assert reply.json() == {"error": say("channels.failed")}
    assert "First part." not in reply.text
    assert "rest: a message failed with builtins.RuntimeError at " in caplog.text
    assert "Rosalind" not in caplog.text
    assert "could not handle" not in caplog.text


def test_the_health_route_still_answers() -> None:
    async def main() -> httpx.Response:
        async with served(Agent()) as client:
            return await client.get("/webhooks/rest/")

    assert asyncio.run(main()).json() == {"status": "ok"}
