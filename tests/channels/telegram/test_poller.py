"""Long polling: updates fetched from the fake Bot API and relayed to the webhook, in order."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from telegram import Bot

from bot.channels.telegram.client import make_bot
from bot.channels.telegram.config import SECRET_HEADER, TelegramConfig
from bot.channels.telegram.poller import PollError, PollOptions, poll
from bot.devtools.stack import free_port

from . import updates
from .conftest import SECRET
from .fake_bot_api import TOKEN, FakeBotApi

pytestmark = pytest.mark.anyio
ROOT = Path(__file__).resolve().parents[3]


@dataclass
class RasaStandIn:
    """A stand-in for the Rasa server's Telegram routes: records what the poller posts."""

    port: int = field(default_factory=free_port)
    received: list[tuple[str | None, dict[str, Any]]] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)  # answers to the next posts, then 200
    configured: bool = True
    health_status: int = 200
    delay: float = 0.0
    in_flight: list[int] = field(default_factory=list)  # chat ids being handled right now
    overlaps: list[list[int]] = field(default_factory=list)  # in_flight whenever it grew

    @property
    def url(self) -> str:
        """Its base URL."""
        return f"http://127.0.0.1:{self.port}"

    async def health(self, request: web.Request) -> web.Response:
        """GET /webhooks/telegram/."""
        return web.json_response({"configured": self.configured}, status=self.health_status)

    async def webhook(self, request: web.Request) -> web.Response:
        """POST /webhooks/telegram/webhook."""
        body = await request.json()
        chat = (body.get("message") or {}).get("chat", {}).get("id", 0)
        self.in_flight.append(chat)
        self.overlaps.append(list(self.in_flight))
        await asyncio.sleep(self.delay)
        self.in_flight.remove(chat)
        status = self.statuses.pop(0) if self.statuses else 200
        if status == 200:
            self.received.append((request.headers.get(SECRET_HEADER), body))
        return web.Response(status=status, text="ok")


async def serve(stand_in: RasaStandIn) -> web.AppRunner:
    """Start serving `stand_in` on its port."""
    app = web.Application()
    app.router.add_get("/webhooks/telegram/", stand_in.health)
    app.router.add_post("/webhooks/telegram/webhook", stand_in.webhook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", stand_in.port).start()
    return runner


@pytest.fixture
async def rasa() -> AsyncIterator[RasaStandIn]:
    """A running stand-in."""
    stand_in = RasaStandIn()
    runner = await serve(stand_in)
    yield stand_in
    await runner.cleanup()


@pytest.fixture
async def bot(config: TelegramConfig) -> AsyncIterator[Bot]:
    """A real Bot talking to the fake Bot API."""
    made = make_bot(config)
    yield made
    await made.shutdown()


def options(rasa: RasaStandIn, **changes: Any) -> PollOptions:
    """Poll options with short waits, for tests."""
    settings: dict[str, Any] = {"timeout": 1, "retry_seconds": 0.1, **changes}
    return PollOptions(rasa_url=rasa.url, secret=SECRET, **settings)


async def run_until(
    bot: Bot, opts: PollOptions, done: Any, timeout: float = 20.0
) -> tuple[int, list[str]]:
    """Poll until `done()` is true; return how many updates were relayed and what was said."""
    stop = asyncio.Event()
    said: list[str] = []
    task = asyncio.ensure_future(poll(bot, opts, stop, said.append))
    deadline = time.monotonic() + timeout
    while not done() and not task.done() and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    stop.set()
    return await asyncio.wait_for(task, timeout=10), said


async def test_updates_are_relayed_in_order_with_the_secret_and_then_confirmed(
    bot: Bot, api: FakeBotApi, rasa: RasaStandIn
) -> None:
    sent = [
        updates.command(1, "start"),
        updates.text(1, "can my dad qualify?"),
        updates.text(2, "hello"),
        updates.text(1, "he is 70"),
    ]
    for update in sent:
        api.queue_update(update)

    relayed, said = await run_until(bot, options(rasa), lambda: len(rasa.received) == 4)

    assert relayed == 4
    assert {secret for secret, _ in rasa.received} == {SECRET}
    by_chat_1 = [
        body["message"]["text"] for _, body in rasa.received if body["message"]["chat"]["id"] == 1
    ]
    assert by_chat_1 == ["/start", "can my dad qualify?", "he is 70"]
    assert sorted(body["update_id"] for _, body in rasa.received) == [u["update_id"] for u in sent]
    assert rasa.received[0][1]["message"]["entities"] == [
        {"type": "bot_command", "offset": 0, "length": 6}
    ]
    assert api.pending_updates == []  # the last offset was confirmed on the way out
    assert api.calls_to("getUpdates")[0].params["allowed_updates"] == [
        "message",
        "edited_message",
        "callback_query",
    ]
    assert any("Polling for @cr_test_bot" in line for line in said)


async def test_one_chats_updates_wait_for_each_other_while_other_chats_go_ahead(
    bot: Bot, api: FakeBotApi, rasa: RasaStandIn
) -> None:
    rasa.delay = 0.3
    for chat in (1, 1, 2, 3):
        api.queue_update(updates.text(chat, f"from {chat}"))

    await run_until(bot, options(rasa), lambda: len(rasa.received) == 4)

    assert max(len(chats) for chats in rasa.overlaps) == 3  # chats 1, 2 and 3 at once
    assert all(chats.count(1) <= 1 for chats in rasa.overlaps)  # never two of chat 1
    texts = [body["message"]["text"] for _, body in rasa.received]
    assert texts[-1] == "from 1"


async def test_polling_is_refused_while_a_webhook_is_set(
    bot: Bot, api: FakeBotApi, rasa: RasaStandIn
) -> None:
    api.set_webhook_directly("https://bot.test/webhooks/telegram/webhook")

    with pytest.raises(PollError, match="delete-webhook"):
        await poll(bot, options(rasa), asyncio.Event())

    assert api.calls_to("getUpdates") == []


@pytest.mark.parametrize(
    ("arrange", "fragment"),
    [
        pytest.param({"statuses": [403]}, "TELEGRAM_WEBHOOK_SECRET", id="secret refused"),
        pytest.param({"configured": False}, "no Telegram token", id="Rasa has no token"),
        pytest.param({"health_status": 404}, "has no Telegram channel", id="no channel"),
    ],
)
async def test_a_rasa_server_that_cannot_take_updates_stops_polling_with_the_reason(
    bot: Bot, api: FakeBotApi, rasa: RasaStandIn, arrange: dict[str, Any], fragment: str
) -> None:
    for name, value in arrange.items():
        setattr(rasa, name, value)
    api.queue_update(updates.text(1, "hello"))

    with pytest.raises(PollError, match=fragment):
        await asyncio.wait_for(poll(bot, options(rasa), asyncio.Event()), timeout=10)

    assert rasa.received == []


async def test_a_passing_server_error_is_retried(
    bot: Bot, api: FakeBotApi, rasa: RasaStandIn
) -> None:
    rasa.statuses = [502, 500]
    api.queue_update(updates.text(1, "hello"))

    relayed, _ = await run_until(bot, options(rasa), lambda: len(rasa.received) == 1)

    assert relayed == 1
    assert rasa.received[0][1]["message"]["text"] == "hello"


async def test_an_update_rasa_refuses_as_malformed_is_skipped_not_retried_forever(
    bot: Bot, api: FakeBotApi, rasa: RasaStandIn
) -> None:
    rasa.statuses = [400]
    api.queue_update(updates.text(1, "first"))
    api.queue_update(updates.text(1, "second"))

    await run_until(bot, options(rasa), lambda: len(rasa.received) == 1)

    assert [body["message"]["text"] for _, body in rasa.received] == ["second"]


async def test_the_poller_waits_for_a_rasa_server_that_is_still_starting(
    bot: Bot, api: FakeBotApi
) -> None:
    later = RasaStandIn()
    api.queue_update(updates.text(1, "hello"))
    stop = asyncio.Event()
    said: list[str] = []
    task = asyncio.ensure_future(poll(bot, options(later), stop, said.append))
    await asyncio.sleep(0.5)
    runner = await serve(later)
    try:
        deadline = time.monotonic() + 10
        while not later.received and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        stop.set()
        await asyncio.wait_for(task, timeout=10)
    finally:
        await runner.cleanup()

    assert any("Waiting for the Rasa server" in line for line in said)
    assert len(later.received) == 1


async def test_drop_pending_skips_what_arrived_while_nothing_polled(
    bot: Bot, api: FakeBotApi, rasa: RasaStandIn
) -> None:
    api.queue_update(updates.text(1, "old"))
    api.queue_update(updates.text(1, "older still pending"))

    async def queue_later() -> None:
        await asyncio.sleep(0.5)
        api.queue_update(updates.text(1, "new"))

    later = asyncio.ensure_future(queue_later())
    await run_until(bot, options(rasa, drop_pending=True), lambda: len(rasa.received) == 1)
    await later

    assert [body["message"]["text"] for _, body in rasa.received] == ["new"]


async def test_stopping_interrupts_a_long_poll_at_once(
    bot: Bot, api: FakeBotApi, rasa: RasaStandIn
) -> None:
    stop = asyncio.Event()
    task = asyncio.ensure_future(poll(bot, options(rasa, timeout=30), stop, lambda _: None))
    await asyncio.sleep(0.5)

    started = time.monotonic()
    stop.set()
    relayed = await asyncio.wait_for(task, timeout=5)

    assert relayed == 0
    assert time.monotonic() - started < 2


async def test_ctrl_c_stops_the_poll_command_cleanly(api: FakeBotApi, rasa: RasaStandIn) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_API_BASE_URL": api.base_url,
    }
    api.queue_update(updates.text(1, "hello"))
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.channels.telegram",
        "poll",
        "--rasa-url",
        rasa.url,
        "--timeout",
        "30",
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while not rasa.received and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    process.send_signal(signal.SIGINT)
    out, err = await asyncio.wait_for(process.communicate(), timeout=15)

    assert process.returncode == 0, err.decode()
    assert "Stopped after relaying 1 update(s)." in out.decode()
    assert "Traceback" not in err.decode()
    assert TOKEN not in out.decode() + err.decode()
    assert len(rasa.received) == 1


async def test_a_second_poller_for_the_same_bot_stops_with_the_reason(
    bot: Bot, api: FakeBotApi, rasa: RasaStandIn
) -> None:
    api.fail_next("getUpdates", 409, "Conflict: terminated by other getUpdates request")

    with pytest.raises(PollError, match="another poller"):
        await asyncio.wait_for(poll(bot, options(rasa), asyncio.Event()), timeout=10)


async def test_telegram_being_unreachable_for_a_moment_is_retried(
    bot: Bot, api: FakeBotApi, rasa: RasaStandIn
) -> None:
    api.fail_next("getUpdates", 502, "Bad Gateway", times=2)
    api.queue_update(updates.text(1, "hello"))

    relayed, _ = await run_until(bot, options(rasa), lambda: len(rasa.received) == 1)

    assert relayed == 1
    assert len(api.calls_to("getUpdates")) >= 3


async def test_a_rasa_server_restarting_mid_relay_loses_nothing(bot: Bot, api: FakeBotApi) -> None:
    flaky = RasaStandIn()
    runner = await serve(flaky)
    api.queue_update(updates.text(1, "first"))
    stop = asyncio.Event()
    task = asyncio.ensure_future(poll(bot, options(flaky), stop, lambda _: None))
    while not flaky.received:
        await asyncio.sleep(0.05)
    await runner.cleanup()  # Rasa goes away...
    api.queue_update(updates.text(1, "second"))
    await asyncio.sleep(0.5)
    runner = await serve(flaky)  # ...and comes back on the same address
    try:
        deadline = time.monotonic() + 10
        while len(flaky.received) < 2 and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        stop.set()
        await asyncio.wait_for(task, timeout=10)
    finally:
        await runner.cleanup()

    assert [body["message"]["text"] for _, body in flaky.received] == ["first", "second"]
