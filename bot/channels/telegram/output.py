"""Rasa's replies sent to a Telegram chat through python-telegram-bot.

Replies go out as plain text, deliberately: the assistant writes plain sentences full of
brackets, dots, parentheses and section signs ("[18 U.S.C. § 3582(c)(1)(A)]"), which Telegram's
Markdown would either mangle or reject with "can't parse entities", leaving the family with no
answer at all. Plain text shows exactly what was written, and nothing needs escaping.

A failure to send (the family blocked the bot, Telegram down) is logged with the chat id and the
error's class and never raised into Rasa, which would otherwise abandon the rest of the turn.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from rasa.core.channels.channel import OutputChannel
from telegram import Bot, InlineKeyboardMarkup
from telegram.constants import ChatAction
from telegram.error import Forbidden, TelegramError

from bot.wording import say

from .callbacks import CallbackCodec, keyboard
from .client import with_flood_wait
from .ids import chat_id
from .splitting import split_message

logger = logging.getLogger(__name__)


class TelegramOutput(OutputChannel):  # type: ignore[misc]
    """Sends text, inline keyboards and images to the chat of a Telegram sender id."""

    def __init__(
        self, bot: Bot, codec: CallbackCodec, typing: asyncio.Task[Any] | None = None
    ) -> None:
        self.bot = bot
        self.codec = codec
        self._typing = typing
        self._blocked = False

    @classmethod
    def name(cls) -> str:
        """The channel name Rasa records with each bot message."""
        return "telegram"

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Sends `text`, split into messages Telegram accepts."""
        await self._send_text(recipient_id, text, None)

    async def send_text_with_buttons(
        self,
        recipient_id: str,
        text: str,
        buttons: list[dict[str, Any]],
        **kwargs: Any,
    ) -> None:
        """Sends `text` with the buttons as an inline keyboard under its last part."""
        markup = keyboard(buttons, self.codec) if buttons else None
        await self._send_text(recipient_id, text or say("telegram.choose"), markup)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        """Sends the image; if Telegram cannot fetch it, sends its address."""
        chat = chat_id(recipient_id)
        if not await self._call(chat, lambda: self.bot.send_photo(chat, photo=image)):
            await self._send_text(recipient_id, image, None)

    async def send_custom_json(
        self, recipient_id: str, json_message: Mapping[str, Any], **kwargs: Any
    ) -> None:
        """Custom payloads are for other channels: ignored here."""
        logger.debug("Telegram: ignored a custom payload for %s", recipient_id)

    async def _send_text(
        self, recipient_id: str, text: str, markup: InlineKeyboardMarkup | None
    ) -> None:
        chat = chat_id(recipient_id)
        parts = split_message(text)
        for index, part in enumerate(parts):
            last = index == len(parts) - 1

            def send(part: str = part, last: bool = last) -> Awaitable[Any]:
                return self.bot.send_message(chat, part, reply_markup=markup if last else None)

            await self._call(chat, send)

    async def _call(self, chat: int, call: Callable[[], Awaitable[Any]]) -> bool:
        """One Bot API call for `chat`, after the typing indicator; False if it failed."""
        if self._blocked:
            return False
        await self._after_typing()
        try:
            await with_flood_wait(call)
        except Forbidden:
            self._blocked = True
            logger.info("Telegram: chat %s has blocked the bot; reply not sent", chat)
            return False
        except TelegramError as error:
            logger.warning("Telegram: reply to chat %s failed (%s)", chat, type(error).__name__)
            return False
        return True

    async def finish(self) -> None:
        """Wait for the typing indicator if no reply was sent (so no task is left behind)."""
        await self._after_typing()

    async def _after_typing(self) -> None:
        typing, self._typing = self._typing, None
        if typing is not None:
            await asyncio.gather(typing, return_exceptions=True)


def start_typing(bot: Bot, chat: int) -> asyncio.Task[Any]:
    """Show "typing…" in `chat` while the assistant thinks (replies wait for it to be sent)."""
    return asyncio.ensure_future(bot.send_chat_action(chat, ChatAction.TYPING))
