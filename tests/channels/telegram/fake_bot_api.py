"""A fake Telegram Bot API on loopback that records every request python-telegram-bot sends.

A real aiohttp server in a background thread (so the library, the Rasa server in another
process and the poller all reach it over real HTTP at `base_url`). It answers the methods the
channel uses the way Telegram does, including its refusals: 401 for another token, 409 for
getUpdates while a webhook is set, 400 for a non-HTTPS webhook. `fail_next` makes the next call
of a method fail, to test flood control and blocked chats.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.devtools.stack import free_port

TOKEN = "123456789:AAE-fake-token-for-tests_0123456789abc"
WEBHOOK_SECRET = "test-secret_0123456789-abcdefghijklmnop"
BOT_ID = 123456789
BOT_USERNAME = "cr_test_bot"
JSON_PARAMETERS = frozenset(
    {
        "reply_markup",
        "allowed_updates",
        "commands",
        "chat_id",
        "message_id",
        "offset",
        "limit",
        "timeout",
        "drop_pending_updates",
        "max_connections",
    }
)


@dataclass
class Call:
    """One request: the Bot API method, its parameters (JSON ones decoded) and its result."""

    method: str
    params: dict[str, Any]
    result: Any = None

    @property
    def message_id(self) -> int | None:
        """The id of the message this call sent, if it sent one."""
        return self.result.get("message_id") if isinstance(self.result, dict) else None

    @property
    def chat_id(self) -> int | None:
        """The chat the call is about, if any."""
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def button_rows(self) -> list[list[dict[str, Any]]]:
        """The inline keyboard sent with the call (empty if none)."""
        markup = self.params.get("reply_markup") or {}
        rows: list[list[dict[str, Any]]] = markup.get("inline_keyboard", [])
        return rows


@dataclass
class _Failure:
    status: int
    description: str
    parameters: dict[str, Any] | None = None


@dataclass
class _State:
    calls: list[Call] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    webhook: dict[str, Any] = field(default_factory=dict)
    failures: dict[str, list[_Failure]] = field(default_factory=dict)
    commands: list[dict[str, Any]] = field(default_factory=list)


class FakeBotApi:
    """The fake server; use as a context manager, or `start()` and `stop()`."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.port = free_port()
        self._state = _State()
        self._lock = threading.Lock()
        self._message_ids = itertools.count(1000)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self._new_update: asyncio.Event | None = None

    @property
    def base_url(self) -> str:
        """What python-telegram-bot takes as `base_url` (the token is appended)."""
        return f"http://127.0.0.1:{self.port}/bot"

    # --- lifecycle ---

    def start(self) -> FakeBotApi:
        """Serve on 127.0.0.1:`port` until `stop`."""
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=10)
        return self

    def stop(self) -> None:
        """Stop serving and end the thread."""
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- what tests read and arrange ---

    @property
    def calls(self) -> list[Call]:
        """Every request so far, in order."""
        with self._lock:
            return list(self._state.calls)

    def calls_to(self, method: str, chat_id: int | None = None) -> list[Call]:
        """The requests to `method` (for `chat_id`, if given)."""
        return [
            call
            for call in self.calls
            if call.method == method and (chat_id is None or call.chat_id == chat_id)
        ]

    def wait_for(
        self, method: str, count: int = 1, timeout: float = 60.0, chat_id: int | None = None
    ) -> list[Call]:
        """Wait until at least `count` requests to `method` arrived; return them."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.calls_to(method, chat_id)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"{count} {method} call(s) expected, got {self.calls_to(method)}")

    def queue_update(self, update: dict[str, Any]) -> None:
        """Hold `update` for getUpdates."""
        with self._lock:
            self._state.updates.append(update)
        self._loop.call_soon_threadsafe(self._wake)

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet confirmed by a getUpdates offset."""
        with self._lock:
            return list(self._state.updates)

    @property
    def webhook(self) -> dict[str, Any]:
        """The webhook as set (url, secret_token, allowed_updates...); empty if none."""
        with self._lock:
            return dict(self._state.webhook)

    def set_webhook_directly(self, url: str) -> None:
        """Pretend someone set a webhook earlier."""
        with self._lock:
            self._state.webhook = {"url": url}

    def fail_next(
        self,
        method: str,
        status: int,
        description: str,
        parameters: dict[str, Any] | None = None,
        times: int = 1,
    ) -> None:
        """Make the next `times` calls to `method` fail as Telegram would."""
        with self._lock:
            failures = self._state.failures.setdefault(method, [])
            failures.extend(_Failure(status, description, parameters) for _ in range(times))

    # --- the server ---

    async def _serve(self) -> None:
        self._new_update = asyncio.Event()
        app = web.Application()
        app.router.add_route("POST", "/bot{token}/{method}", self._handle)
        app.router.add_route("GET", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    def _wake(self) -> None:
        if self._new_update is not None:
            self._new_update.set()

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _refusal(401, "Unauthorized")
        method = request.match_info["method"]
        params = await _parameters(request)
        call = Call(method, params)
        with self._lock:
            self._state.calls.append(call)
            queued = self._state.failures.get(method)
            failure = queued.pop(0) if queued else None
        if failure is not None:
            return _refusal(failure.status, failure.description, failure.parameters)
        handler = self._handlers().get(method)
        if handler is None:
            return _refusal(404, "Not Found: method not found")
        if method == "getUpdates":
            return await self._get_updates(params)
        answer = handler(params)
        call.result = json.loads(answer.text or "{}").get("result")
        return answer

    def _handlers(self) -> dict[str, Callable[[dict[str, Any]], web.Response]]:
        return {
            "getMe": lambda _: _ok(_bot_user()),
            "sendMessage": self._message,
            "sendPhoto": self._message,
            "editMessageReplyMarkup": self._message,
            "answerCallbackQuery": lambda _: _ok(True),
            "sendChatAction": lambda _: _ok(True),
            "setMyCommands": self._set_commands,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._webhook_info,
            "getUpdates": lambda _: _ok([]),  # replaced by the async _get_updates
        }

    def _message(self, params: dict[str, Any]) -> web.Response:
        message: dict[str, Any] = {
            "message_id": int(params.get("message_id") or next(self._message_ids)),
            "date": int(time.time()),
            "chat": {"id": int(params["chat_id"]), "type": "private"},
            "from": _bot_user(),
        }
        if "text" in params:
            message["text"] = params["text"]
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return _ok(message)

    def _set_commands(self, params: dict[str, Any]) -> web.Response:
        with self._lock:
            self._state.commands = list(params.get("commands") or [])
        return _ok(True)

    def _set_webhook(self, params: dict[str, Any]) -> web.Response:
        url = str(params.get("url") or "")
        if url and not url.startswith("https://"):
            return _refusal(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        with self._lock:
            self._state.webhook = dict(params) if url else {}
            if params.get("drop_pending_updates"):
                self._state.updates.clear()
        return _ok(True)

    def _delete_webhook(self, params: dict[str, Any]) -> web.Response:
        with self._lock:
            self._state.webhook = {}
            if params.get("drop_pending_updates"):
                self._state.updates.clear()
        return _ok(True)

    def _webhook_info(self, _: dict[str, Any]) -> web.Response:
        with self._lock:
            webhook = dict(self._state.webhook)
            pending = len(self._state.updates)
        info: dict[str, Any] = {
            "url": webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": pending,
        }
        if webhook.get("allowed_updates") is not None:
            info["allowed_updates"] = webhook["allowed_updates"]
        if webhook.get("url"):
            info["max_connections"] = 40
        return _ok(info)

    async def _get_updates(self, params: dict[str, Any]) -> web.Response:
        with self._lock:
            if self._state.webhook.get("url"):
                return _refusal(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; use "
                    "deleteWebhook to delete the webhook first",
                )
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        assert self._new_update is not None
        while True:
            self._new_update.clear()
            with self._lock:
                if offset > 0:  # confirms every earlier update, as Telegram does
                    self._state.updates = [
                        u for u in self._state.updates if u["update_id"] >= offset
                    ]
                available = list(self._state.updates)
            if offset < 0:
                available = available[offset:]
            remaining = deadline - time.monotonic()
            if available or remaining <= 0:
                return _ok(available[:limit])
            with suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), timeout=remaining)


def _bot_user() -> dict[str, Any]:
    return {"id": BOT_ID, "is_bot": True, "first_name": "CR Test", "username": BOT_USERNAME}


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _refusal(
    status: int, description: str, parameters: dict[str, Any] | None = None
) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)


async def _parameters(request: web.Request) -> dict[str, Any]:
    """The request's parameters, from JSON or a (urlencoded or multipart) form."""
    if request.content_type == "application/json":
        data = await request.json()
        return dict(data) if isinstance(data, dict) else {}
    form = await request.post()
    params: dict[str, Any] = {}
    for key, value in form.items():
        text = value if isinstance(value, str) else str(value)
        if key in JSON_PARAMETERS:
            try:
                params[key] = json.loads(text)
                continue
            except ValueError:
                pass
        params[key] = text
    return params


@contextmanager
def fake_bot_api() -> Iterator[FakeBotApi]:
    """A running fake Bot API."""
    with FakeBotApi() as api:
        yield api


def telegram_env(api: FakeBotApi, secret: str = WEBHOOK_SECRET) -> dict[str, str]:
    """The variables that point a Rasa server's Telegram channel at `api` (for `rasa_stack`)."""
    return {
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_WEBHOOK_SECRET": secret,
        "TELEGRAM_API_BASE_URL": api.base_url,
    }
