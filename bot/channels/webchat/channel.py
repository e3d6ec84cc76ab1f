"""The website chat widget's channel: a JSON webhook for the widget, and the widget's files.

Routes, under /webhooks/webchat/ (credentials.yml: `bot.channels.webchat.WebchatInput:`):

- POST webhook `{"sender": <uuid>, "message": "..."}` -> `{"messages": [...],
  "conversation_erased": bool}`; only from pages on WEBCHAT_ALLOWED_ORIGINS (403 otherwise).
- OPTIONS webhook: the browser's preflight, answered from the same allow-list.
- GET widget.js, widget.css, vendor/marked.esm.js, vendor/purify.es.mjs: the widget's files
  (and demo.css).
- GET demo: a plain page that embeds the widget with its one script tag.

A REST channel rather than Rasa's socket.io one, whose replies get lost when session
persistence is on. `conversation_erased` tells the widget that "forget me" was confirmed, so it
clears its own copy of the conversation too. The replies are sent only once the turn was saved
(bot.channels.held): a failed erasure says so plainly, and `conversation_erased` stays false.
Message text is never logged.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.origins import request_origin
from bot.settings import Settings, get_settings
from bot.wording import say

from ..errors import json_error
from ..gate import through_the_gate
from ..ratelimit import rate_limited
from ..rest import check_body
from ..text import too_large
from .assets import AssetCache, AssetMissing, demo_page, etag_matches
from .cors import NOT_ALLOWED, cors_headers, preflight, replace_cors_headers
from .erasure import conversation_exists

logger = logging.getLogger(__name__)

DEMO_ORGANISATION = "Your organization"
DEMO_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
}


def _is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def _reply(message: dict[str, Any]) -> dict[str, Any]:
    """What the widget needs of one collected bot message: text and buttons."""
    reply: dict[str, Any] = {}
    if isinstance(message.get("text"), str):
        reply["text"] = message["text"]
    buttons = [
        {"title": str(button.get("title", "")), "payload": str(button.get("payload", ""))}
        for button in message.get("buttons") or []
        if isinstance(button, dict)
    ]
    if buttons:
        reply["buttons"] = buttons
    return reply


class WebchatInput(InputChannel):  # type: ignore[misc]
    """The widget's JSON webhook and files; only allowed websites may post."""

    @classmethod
    def name(cls) -> str:
        """The channel name, which is also the URL segment."""
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> WebchatInput:
        """Built from the environment (bot.settings), not from credentials.yml."""
        return cls()

    def __init__(self, settings: Settings | None = None, assets: AssetCache | None = None) -> None:
        self._settings = settings or get_settings()
        self._allowed = frozenset(self._settings.webchat_allowed_origins)
        self._assets = assets or AssetCache()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        """The webhook, its preflight, the widget's files and the demo page."""
        webchat = Blueprint("webchat", __name__)
        on_new_message = through_the_gate(on_new_message)

        @webchat.route("/", methods=["GET"])  # type: ignore[untyped-decorator]
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webchat.route("/webhook", methods=["POST"])  # type: ignore[untyped-decorator]
        async def receive(request: Request) -> HTTPResponse:
            return await self._receive(request, on_new_message)

        @webchat.route("/webhook", methods=["OPTIONS"])  # type: ignore[untyped-decorator]
        async def webhook_preflight(request: Request) -> HTTPResponse:
            return self._preflight(request)

        @webchat.route("/demo", methods=["GET"])  # type: ignore[untyped-decorator]
        async def demo(request: Request) -> HTTPResponse:
            page = demo_page(self._settings.organisation_name or DEMO_ORGANISATION)
            return response.html(page, headers=DEMO_HEADERS)

        for index, name in enumerate(self._assets.names()):
            webchat.add_route(self._asset_handler(name), f"/{name}", ["GET"], name=f"asset{index}")

        @webchat.middleware("response")  # type: ignore[untyped-decorator]
        async def cross_origin(request: Request, sent: HTTPResponse) -> HTTPResponse | None:
            if request.method == "OPTIONS":
                # sanic-cors may have answered it already; the allow-list here decides.
                return self._preflight(request)
            origin = request_origin(request.headers.get("origin"))
            replace_cors_headers(sent, cors_headers(origin, self._allowed))
            return None

        return webchat

    def _preflight(self, request: Request) -> HTTPResponse:
        return preflight(
            request_origin(request.headers.get("origin")),
            self._allowed,
            request.headers.get("access-control-request-method"),
        )

    async def _receive(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[None]]
    ) -> HTTPResponse:
        if request_origin(request.headers.get("origin")) not in self._allowed:
            return json_error(403, NOT_ALLOWED)
        if too_large(request.body):
            return json_error(413, say("channels.too_large"))
        data, error = check_body(request.body)
        if error is not None:
            return error
        assert data is not None
        sender = str(data["sender"])
        if not _is_uuid(sender):
            return json_error(400, '"sender" must be the random id the widget makes (a UUID).')
        limited = rate_limited(request, sender)
        if limited is not None:
            return limited
        collector = CollectingOutputChannel()
        message = UserMessage(str(data["message"]), collector, sender, input_channel=self.name())
        try:
            await on_new_message(message)
        except Exception as failure:
            # The type only: an exception's text may quote the family's message.
            logger.error("webchat: message for %s failed: %s", sender, type(failure).__name__)
            return json_error(500, say("channels.failed"))
        return response.json(
            {
                "messages": [_reply(sent) for sent in collector.messages],
                "conversation_erased": await _was_erased(request, sender),
            }
        )

    def _asset_handler(self, name: str) -> Callable[[Request], Coroutine[Any, Any, HTTPResponse]]:
        async def serve(request: Request) -> HTTPResponse:
            try:
                loaded = self._assets.get(name)
            except AssetMissing as missing:
                logger.error("webchat: %s", missing)
                return response.text(str(missing), status=500)
            if loaded is None:
                return json_error(404, "No such file.")
            headers = loaded.headers()
            if etag_matches(request.headers.get("if-none-match"), loaded.etag):
                return response.empty(status=304, headers=headers)
            return response.raw(
                loaded.body, content_type=loaded.asset.content_type, headers=headers
            )

        return serve


async def _was_erased(request: Request, sender: str) -> bool:
    """True when the conversation is gone from the tracker store after this message."""
    agent = getattr(request.app.ctx, "agent", None)
    store = getattr(agent, "tracker_store", None)
    if store is None:
        return False
    return not await conversation_exists(store, sender)
