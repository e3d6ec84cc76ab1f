"""Fixtures: a fake Bot API on loopback, and the channel's blueprint on a Sanic app."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field

import httpx
import pytest
from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from bot.channels.telegram.channel import TelegramInput
from bot.channels.telegram.config import SECRET_HEADER, TelegramConfig

from .fake_bot_api import TOKEN, WEBHOOK_SECRET, FakeBotApi

SECRET = WEBHOOK_SECRET
Sanic.test_mode = True  # many apps in one process
_app_names = itertools.count()


@pytest.fixture
def anyio_backend() -> str:
    """Rasa and Sanic run on asyncio."""
    return "asyncio"


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    """A fake Telegram Bot API, recording every request."""
    with FakeBotApi() as fake:
        yield fake


@pytest.fixture
def config(api: FakeBotApi) -> TelegramConfig:
    """A channel configuration pointed at the fake Bot API."""
    return TelegramConfig(token=TOKEN, secret=SECRET, base_url=api.base_url)


Handler = Callable[[UserMessage], Awaitable[None]]


@dataclass
class Assistant:
    """Stands in for Rasa's agent: records each message and answers as `answer` says."""

    received: list[UserMessage] = field(default_factory=list)
    answer: Handler | None = None

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        if self.answer is not None:
            await self.answer(message)


@dataclass
class Webhook:
    """The channel mounted as Rasa mounts it, reached over ASGI."""

    client: httpx.AsyncClient
    channel: TelegramInput
    assistant: Assistant

    async def post(
        self, update: object, secret: str | None = SECRET, raw: bytes | None = None
    ) -> httpx.Response:
        """POST an update (or raw bytes) with the secret header (None: without)."""
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        if raw is not None:
            return await self.client.post(
                "/webhooks/telegram/webhook", content=raw, headers=headers
            )
        return await self.client.post("/webhooks/telegram/webhook", json=update, headers=headers)


async def mount(channel: TelegramInput, assistant: Assistant) -> AsyncIterator[Webhook]:
    """`channel`'s blueprint on a fresh Sanic app, as `rasa run` registers it."""
    app = Sanic(f"telegram_test_{next(_app_names)}")
    app.blueprint(channel.blueprint(assistant), url_prefix="/webhooks/telegram")
    await app._startup()
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://rasa.test") as client:
        yield Webhook(client, channel, assistant)
    if channel._bot is not None:
        await channel._bot.shutdown()


@pytest.fixture
async def webhook(config: TelegramConfig) -> AsyncIterator[Webhook]:
    """The configured channel's webhook, with a recording assistant."""
    async for mounted in mount(TelegramInput(config), Assistant()):
        yield mounted
