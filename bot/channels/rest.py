"""Rasa's REST channel, strict about what it accepts.

Same route as Rasa's (`/webhooks/rest/webhook`). Differences: a request without a `sender` is
refused (Rasa would file it under the shared id "default", mixing families' conversations), and
so is one that names another channel's conversation (`telegram-<chat id>`);
malformed bodies get a JSON error instead of an HTML page; message text is cleaned
(`bot.channels.text.clean_message`) before it reaches the NLU and the database, and slash text
that is not one of our buttons' payloads is read as words (`bot.channels.payloads`); a client
or conversation that sends too fast gets 429 (`bot.channels.ratelimit`). The replies are returned
only once the turn was saved (`bot.channels.held`): "forget me" answers "erased" only after the
erasure committed, and says so plainly when it did not.

When handling a message fails, Rasa's channel logs the family's message and answers 200 with
whatever replies were collected before the failure, as if all went well. Ours logs the exception's
type and where it was raised (never its text, which may quote the message) and answers 500 with a
JSON error and no partial replies (a turn that takes too long is the gate's to answer:
bot/channels/gate.py). `?stream=true` is not offered: a stream cannot take back replies sent
before a failure.
"""

from __future__ import annotations

import asyncio
import json
import logging
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.wording import say

from .errors import json_error
from .gate import through_the_gate
from .payloads import as_words
from .ratelimit import rate_limited
from .telegram.ids import SENDER_PREFIX as TELEGRAM_SENDER_PREFIX
from .text import MAX_SENDER_CHARS, clean_message, too_large

# Sender ids other channels make (a Telegram chat id is no secret): REST may not write into them.
RESERVED_SENDER_PREFIXES: tuple[str, ...] = (TELEGRAM_SENDER_PREFIX,)

logger = logging.getLogger(__name__)


def check_body(body: bytes) -> tuple[dict[str, Any] | None, HTTPResponse | None]:
    """The cleaned request body, or the error response to send instead."""
    try:
        data = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError):
        return None, json_error(400, 'The body must be JSON: {"sender": "...", "message": "..."}.')
    if not isinstance(data, dict):
        return None, json_error(400, 'The body must be a JSON object with "sender" and "message".')
    sender = data.get("sender")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        return None, json_error(
            400, f'"sender" must be a non-empty string of at most {MAX_SENDER_CHARS} characters.'
        )
    if sender.strip().startswith(RESERVED_SENDER_PREFIXES):
        return None, json_error(
            400,
            f'"sender" must not start with {" or ".join(RESERVED_SENDER_PREFIXES)}: '
            "those conversations belong to another channel.",
        )
    message = data.get("message", "")
    if not isinstance(message, str):
        return None, json_error(400, '"message" must be a string.')
    return {**data, "sender": sender.strip(), "message": as_words(clean_message(message))}, None


class RestInput(RasaRestInput):  # type: ignore[misc]
    """POST {"sender": ..., "message": ...} to /webhooks/rest/webhook; get the replies back."""

    @classmethod
    def name(cls) -> str:
        """The channel name, which is also the URL segment."""
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        """Rasa's REST routes (health, webhook), behind a check of every posted body."""
        blueprint = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)
        handle = through_the_gate(on_new_message)

        @blueprint.route("/", methods=["GET"])  # type: ignore[untyped-decorator]
        async def health(_request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @blueprint.route("/webhook", methods=["POST"])  # type: ignore[untyped-decorator]
        async def receive(request: Request) -> HTTPResponse:
            collector = CollectingOutputChannel()
            message = UserMessage(
                self._extract_message(request),
                collector,
                await self._extract_sender(request),
                input_channel=self._extract_input_channel(request),
                metadata=self.get_metadata(request),
            )
            return await answer(handle, message, collector)

        @blueprint.middleware("request")  # type: ignore[untyped-decorator]
        async def check_request(request: Request) -> HTTPResponse | None:
            if request.method != "POST":
                return None
            if too_large(request.body):
                return json_error(413, say("channels.too_large"))
            data, error = check_body(request.body)
            if error is not None:
                return error
            assert data is not None
            limited = rate_limited(request, str(data["sender"]))
            if limited is not None:
                return limited
            request.parsed_json = data  # type: ignore[assignment]
            return None

        return blueprint


async def answer(
    handle: Callable[[UserMessage], Awaitable[None]],
    message: UserMessage,
    collector: CollectingOutputChannel,
) -> HTTPResponse:
    """The replies `handle` collected for `message`, or a JSON error if handling it failed."""
    try:
        await handle(message)
    except asyncio.CancelledError:
        logger.error("rest: a message was cancelled before its turn ended")
        raise
    except Exception as failure:
        logger.error("rest: a message failed with %s", failure_summary(failure))
        return json_error(500, say("channels.failed"))
    return response.json(collector.messages)


def failure_summary(failure: BaseException) -> str:
    """The exception's type and the place it was raised, never its text."""
    frames = traceback.extract_tb(failure.__traceback__)
    where = f" at {frames[-1].filename}:{frames[-1].lineno} in {frames[-1].name}" if frames else ""
    return f"{type(failure).__module__}.{type(failure).__qualname__}{where}"
