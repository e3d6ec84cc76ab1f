"""Rasa's REST channel, strict about what it accepts.

Same route as Rasa's (`/webhooks/rest/webhook`). Differences: a request without a `sender` is
refused (Rasa would file it under the shared id "default", mixing families' conversations), and
so is one that names another channel's conversation (`telegram-<chat id>`);
malformed bodies get a JSON error instead of an HTML page; message text is cleaned
(`bot.channels.text.clean_message`) before it reaches the NLU and the database, and slash text
that is not one of our buttons' payloads is read as words (`bot.channels.payloads`). The replies
are returned only once the turn was saved (`bot.channels.held`): "forget me" answers "erased"
only after the erasure committed, and says so plainly when it did not.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from .gate import gated
from .held import held_until_saved
from .payloads import as_words
from .telegram.ids import SENDER_PREFIX as TELEGRAM_SENDER_PREFIX
from .text import MAX_SENDER_CHARS, TOO_LARGE, clean_message, too_large

# Sender ids other channels make (a Telegram chat id is no secret): REST may not write into them.
RESERVED_SENDER_PREFIXES: tuple[str, ...] = (TELEGRAM_SENDER_PREFIX,)


def _error(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message}, status=status)


def check_body(body: bytes) -> tuple[dict[str, Any] | None, HTTPResponse | None]:
    """The cleaned request body, or the error response to send instead."""
    try:
        data = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError):
        return None, _error(400, 'The body must be JSON: {"sender": "...", "message": "..."}.')
    if not isinstance(data, dict):
        return None, _error(400, 'The body must be a JSON object with "sender" and "message".')
    sender = data.get("sender")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        return None, _error(
            400, f'"sender" must be a non-empty string of at most {MAX_SENDER_CHARS} characters.'
        )
    if sender.strip().startswith(RESERVED_SENDER_PREFIXES):
        return None, _error(
            400,
            f'"sender" must not start with {" or ".join(RESERVED_SENDER_PREFIXES)}: '
            "those conversations belong to another channel.",
        )
    message = data.get("message", "")
    if not isinstance(message, str):
        return None, _error(400, '"message" must be a string.')
    return {**data, "sender": sender.strip(), "message": as_words(clean_message(message))}, None


class RestInput(RasaRestInput):  # type: ignore[misc]
    """POST {"sender": ..., "message": ...} to /webhooks/rest/webhook; get the replies back."""

    @classmethod
    def name(cls) -> str:
        """The channel name, which is also the URL segment."""
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        """Rasa's REST routes, behind a check of every posted body."""
        blueprint: Blueprint = super().blueprint(gated(held_until_saved(on_new_message)))

        @blueprint.middleware("request")  # type: ignore[untyped-decorator]
        async def check_request(request: Request) -> HTTPResponse | None:
            if request.method != "POST":
                return None
            if too_large(request.body):
                return _error(413, TOO_LARGE)
            data, error = check_body(request.body)
            if error is not None:
                return error
            request.parsed_json = data  # type: ignore[assignment]
            return None

        return blueprint
