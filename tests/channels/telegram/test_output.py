"""The output channel against the fake Bot API: splitting, keyboards, flood control, blocks."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from bot.channels.telegram.callbacks import CallbackCodec
from bot.channels.telegram.client import make_bot
from bot.channels.telegram.config import TelegramConfig
from bot.channels.telegram.ids import chat_id, sender_id
from bot.channels.telegram.output import TelegramOutput

from .fake_bot_api import FakeBotApi

pytestmark = pytest.mark.anyio
CHAT = 31337
SENDER = f"telegram-{CHAT}"


@pytest.fixture
async def bot(config: TelegramConfig) -> AsyncIterator[Bot]:
    """A real python-telegram-bot Bot talking to the fake server."""
    made = make_bot(config)
    yield made
    await made.shutdown()


async def test_a_long_reply_is_split_and_the_keyboard_goes_under_the_last_part(
    bot: Bot, api: FakeBotApi
) -> None:
    text = ("This paragraph explains one rule in plain words. " * 50).strip()
    reply = "\n\n".join([text] * 3)  # 3 paragraphs of 2499 characters: two never fit in one

    await TelegramOutput(bot, CallbackCodec()).send_text_with_buttons(
        SENDER, reply, [{"title": "Yes", "payload": "/affirm"}]
    )

    sent = api.calls_to("sendMessage", CHAT)
    assert [call.params["text"] for call in sent] == [text, text, text]
    assert [bool(call.button_rows) for call in sent] == [False, False, True]


async def test_flood_control_waits_as_telegram_asks_and_sends(bot: Bot, api: FakeBotApi) -> None:
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", {"retry_after": 1})

    await TelegramOutput(bot, CallbackCodec()).send_text_message(SENDER, "Hello.")

    sent = api.calls_to("sendMessage", CHAT)
    assert len(sent) == 2  # refused once, then delivered
    assert sent[1].params["text"] == "Hello."


async def test_a_chat_that_blocked_the_bot_stops_the_turns_replies_without_an_error(
    bot: Bot, api: FakeBotApi
) -> None:
    api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    output = TelegramOutput(bot, CallbackCodec())

    await output.send_text_message(SENDER, "First.")
    await output.send_text_message(SENDER, "Second.")

    assert len(api.calls_to("sendMessage")) == 1


async def test_other_refusals_are_logged_and_the_next_reply_still_goes(
    bot: Bot, api: FakeBotApi
) -> None:
    api.fail_next("sendMessage", 400, "Bad Request: chat not found")
    output = TelegramOutput(bot, CallbackCodec())

    await output.send_text_message(SENDER, "First.")
    await output.send_text_message(SENDER, "Second.")

    assert [call.params["text"] for call in api.calls_to("sendMessage")] == ["First.", "Second."]


async def test_an_image_is_sent_as_a_photo_or_else_as_its_address(
    bot: Bot, api: FakeBotApi
) -> None:
    output = TelegramOutput(bot, CallbackCodec())
    await output.send_image_url(SENDER, "https://img.test/a.png")
    api.fail_next("sendPhoto", 400, "Bad Request: wrong file identifier/HTTP URL specified")
    await output.send_image_url(SENDER, "https://img.test/b.png")

    assert [call.params["photo"] for call in api.calls_to("sendPhoto")] == [
        "https://img.test/a.png",
        "https://img.test/b.png",
    ]
    assert [call.params["text"] for call in api.calls_to("sendMessage")] == [
        "https://img.test/b.png"
    ]


async def test_custom_payloads_are_ignored(bot: Bot, api: FakeBotApi) -> None:
    await TelegramOutput(bot, CallbackCodec()).send_response(
        SENDER, {"custom": {"widget": "calendar"}}
    )

    assert api.calls == []


async def test_buttons_without_text_still_make_a_valid_message(bot: Bot, api: FakeBotApi) -> None:
    await TelegramOutput(bot, CallbackCodec()).send_response(
        SENDER, {"text": "", "buttons": [{"title": "Yes", "payload": "/affirm"}]}
    )

    [call] = api.calls_to("sendMessage")
    assert call.params["text"] == "Please choose:"


def test_sender_ids_are_the_chat_id_under_a_telegram_prefix() -> None:
    assert sender_id(-100123) == "telegram--100123"
    assert chat_id(sender_id(-100123)) == -100123
    assert chat_id("telegram-42") == 42
    with pytest.raises(ValueError, match="Telegram"):
        chat_id("42")
