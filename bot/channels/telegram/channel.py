"""The Telegram input channel: Telegram's webhook inside the Rasa server.

Routes (Rasa mounts them under /webhooks/telegram): GET / is a health check, POST /webhook takes
Telegram's updates. An update is accepted only with Telegram's `X-Telegram-Bot-Api-Secret-Token`
header equal (constant-time) to our secret: missing -> 401, wrong -> 403, nothing reaches Rasa.
Without a configured token the webhook answers 503 and the rest of the assistant keeps working.

An accepted update is handled inside the request, then answered 200: replies go out in order,
the long-polling relay gets back-pressure for free, and Telegram sends the next update of a chat
after the previous one is done. No exception escapes as a 500 (Telegram would re-send the update
again and again): it is logged without content, the family gets a short "sorry, try again", and
Telegram gets its 200. An update is claimed before it is handled and marked seen only after it
was (bot/channels/telegram/seen.py, shared between replicas through Redis when REDIS_URL is
set): a re-sent update that was answered is acknowledged and skipped; one still being answered
elsewhere gets 500 with Retry-After, so Telegram sends it again later instead of it being lost
should that server die; one whose handling failed is released for the next delivery.
"""

from __future__ import annotations

import hmac
import json
import logging
import traceback
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from telegram import Bot, Chat, Update

from bot.wording import say

from ..errors import json_error
from ..gate import through_the_gate
from ..text import too_large
from .callbacks import CallbackCodec, chosen_keyboard
from .client import make_bot, with_flood_wait
from .config import NOT_CONFIGURED, SECRET_HEADER, TelegramConfig
from .ids import sender_id
from .output import TelegramOutput, start_typing
from .seen import Claim, SeenIds, seen_ids
from .updates import Plan, plan_update

logger = logging.getLogger(__name__)

# Seconds a claim on an update lasts if its server dies mid-turn: longer than any turn.
CLAIM_TURNS = 3
BUSY = "This update is being answered right now; send it again later."
BUSY_RETRY_SECONDS = 10


def _private_chat_id(update: Update) -> int | None:
    chat = update.effective_chat
    return chat.id if chat is not None and chat.type == Chat.PRIVATE else None


class TelegramInput(InputChannel):  # type: ignore[misc]
    """Telegram updates in, the assistant's replies out, over python-telegram-bot."""

    @classmethod
    def name(cls) -> str:
        """The channel name, which is also the URL segment: /webhooks/telegram/webhook."""
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Mapping[str, Any] | None) -> TelegramInput:
        """The channel, configured from settings and credentials.yml (which wins)."""
        return cls(TelegramConfig.load(credentials))

    def __init__(
        self,
        config: TelegramConfig,
        codec: CallbackCodec | None = None,
        *,
        typing: bool = True,
        seen: SeenIds | None = None,
    ) -> None:
        self.config = config
        self.codec = codec or CallbackCodec()
        self.typing = typing
        self._bot: Bot | None = None
        self._seen = seen or _default_seen_ids(config)

    @property
    def bot(self) -> Bot:
        """The Bot, made on first use (no call to Telegram at start-up)."""
        if self._bot is None:
            self._bot = make_bot(self.config)
        return self._bot

    def get_output_channel(self) -> TelegramOutput | None:
        """An output channel for messages Rasa sends on its own (e.g. triggered intents)."""
        return TelegramOutput(self.bot, self.codec) if self.config.configured else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The health route and the webhook route."""
        telegram_webhook = Blueprint("telegram_webhook")
        on_new_message = through_the_gate(on_new_message)

        @telegram_webhook.route("/", methods=["GET"])  # type: ignore[untyped-decorator]
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok", "configured": self.config.configured})

        @telegram_webhook.route("/webhook", methods=["POST"])  # type: ignore[untyped-decorator]
        async def receive(request: Request) -> HTTPResponse:
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
            if too_large(request.body):
                return json_error(413, say("channels.too_large"))
            update = self._parse(request.body)
            if update is None:
                return json_error(400, "The body must be a Telegram Update as JSON.")
            claim = await self._seen.claim(update.update_id)
            if claim is Claim.BUSY:
                return response.json(
                    {"error": BUSY},
                    status=500,
                    headers={"Retry-After": str(BUSY_RETRY_SECONDS)},
                )
            if claim is Claim.MINE:
                await self._handle_once(update, on_new_message)
            return response.text("ok")

        return telegram_webhook

    def _refusal(self, request: Request) -> HTTPResponse | None:
        """503 when not configured, 401/403 without the right secret; None to go on."""
        if not self.config.configured or self.config.secret is None:
            return json_error(503, NOT_CONFIGURED)
        given = request.headers.get(SECRET_HEADER)
        if not given:
            return json_error(401, f"Missing {SECRET_HEADER} header.")
        if not hmac.compare_digest(given.encode(), self.config.secret.encode()):
            return json_error(403, f"Wrong {SECRET_HEADER} header.")
        return None

    def _parse(self, body: bytes) -> Update | None:
        """The update in `body`, or None if it is not a Telegram Update as JSON."""
        try:
            data = json.loads(body)
            update = Update.de_json(data, self.bot) if isinstance(data, dict) else None
        except Exception:  # whatever the library raises on a malformed update
            return None
        if update is None or not isinstance(update.update_id, int):
            return None
        return update

    async def _handle_once(
        self, update: Update, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        """Handle a claimed update; seen if it was handled, released if not (or cancelled)."""
        handled = False
        try:
            handled = await self.handle(update, on_new_message)
        finally:
            if handled:
                await self._seen.done(update.update_id)
            else:
                await self._seen.release(update.update_id)

    async def handle(
        self, update: Update, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> bool:
        """Answer one update (True if it was handled); failures are logged, never raised."""
        plan = Plan("unread update")
        try:
            plan = plan_update(update, self.codec)
            await self._carry_out(plan, update.update_id, on_new_message)
            return True
        except Exception as error:
            logger.error(
                "Telegram update %s (%s) failed with %s at:\n%s",
                update.update_id,
                plan.kind,
                type(error).__name__,
                "".join(traceback.format_tb(error.__traceback__)),
            )
            query = update.callback_query
            if query is not None and plan.callback_query_id is None:
                await self._quietly(lambda: self.bot.answer_callback_query(query.id))
            chat = plan.chat_id or _private_chat_id(update)
            if chat is not None:
                await self._quietly(lambda: self.bot.send_message(chat, say("telegram.sorry")))
            return False

    async def _carry_out(
        self,
        plan: Plan,
        update_id: int,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        bot = self.bot
        if plan.callback_query_id is not None:
            query_id = plan.callback_query_id
            await self._quietly(lambda: bot.answer_callback_query(query_id))
        if plan.chat_id is None:
            return
        chat, message_id, title = plan.chat_id, plan.keyboard_message_id, plan.chosen_title
        if message_id is not None and title is not None:
            await self._quietly(
                lambda: bot.edit_message_reply_markup(
                    chat, message_id, reply_markup=chosen_keyboard(title)
                )
            )
        if plan.reply is not None:
            await TelegramOutput(bot, self.codec).send_text_message(
                sender_id(plan.chat_id), plan.reply
            )
        if plan.to_assistant is not None:
            typing = start_typing(bot, plan.chat_id) if self.typing else None
            output = TelegramOutput(bot, self.codec, typing)
            try:
                # The replies go out, in order, once the turn was saved (bot.channels.held).
                await on_new_message(
                    UserMessage(
                        plan.to_assistant,
                        output,
                        sender_id(plan.chat_id),
                        input_channel=self.name(),
                        message_id=str(update_id),
                    )
                )
            finally:
                await output.finish()

    @staticmethod
    async def _quietly(call: Callable[[], Awaitable[Any]]) -> None:
        """A Bot API call whose failure must not stop the conversation."""
        try:
            await with_flood_wait(call)
        except Exception as error:  # Telegram's refusal, or the network's
            logger.warning("Telegram: a Bot API call failed (%s)", type(error).__name__)


def _default_seen_ids(config: TelegramConfig) -> SeenIds:
    """From settings: in Redis when REDIS_URL is set, in this process otherwise."""
    from bot.settings import get_settings

    settings = get_settings()
    bot_id = (config.token or "unconfigured").partition(":")[0]
    return seen_ids(settings.redis_url, bot_id, CLAIM_TURNS * settings.turn_timeout_seconds)
