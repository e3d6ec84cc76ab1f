"""End to end: the trained model in `rasa run` and `rasa run actions`, Telegram faked on loopback.

The Rasa server loads the project's credentials.yml, whose Telegram channel reads TELEGRAM_* from
the environment: here they point python-telegram-bot at the fake Bot API, so every reply is a
real HTTP request to it. Needs models/assistant.tar.gz.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from bot.channels.telegram.client import make_bot
from bot.channels.telegram.config import SECRET_HEADER, TelegramConfig
from bot.channels.telegram.poller import PollOptions, poll
from bot.devtools.stack import sqlite_config
from tests.e2e.servers import free_port, rasa_stack

from . import updates
from .driver import Press, TelegramFamily, drive_conversation
from .fake_bot_api import TOKEN, WEBHOOK_SECRET, FakeBotApi, telegram_env

pytestmark = pytest.mark.e2e


@dataclass(frozen=True)
class Running:
    """The fake Bot API and the Rasa server whose Telegram channel talks to it."""

    api: FakeBotApi
    rasa_url: str
    logs: Path

    def family(self) -> TelegramFamily:
        """A new private chat."""
        return TelegramFamily(self.api, self.rasa_url, WEBHOOK_SECRET)


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """The servers, for this module."""
    logs = tmp_path_factory.mktemp("telegram-e2e")
    action_port = free_port()
    endpoints, env = sqlite_config(logs, action_port)
    with (
        FakeBotApi() as api,
        rasa_stack(logs, endpoints, action_port, {**env, **telegram_env(api)}) as url,
    ):
        yield Running(api, url, logs)


def test_start_and_a_question_get_the_assistants_own_replies(running: Running) -> None:
    family = running.family()

    [greeting] = family.say("/start")
    [answer] = family.say("what is compassionate release?")

    assert "general information, not legal advice" in greeting.text
    assert "not a lawyer" in greeting.text
    assert "sentence reduction" in answer.text
    assert "[18 U.S.C. § 3582(c)(1)(A)" in answer.text
    assert answer.buttons == ()
    sent = running.api.calls_to("sendMessage", family.chat_id)
    assert all("parse_mode" not in call.params for call in sent)
    assert running.api.calls_to("sendChatAction", family.chat_id)


def test_screening_buttons_are_an_inline_keyboard_and_a_press_continues(running: Running) -> None:
    family = running.family()

    *_, question = family.say("could my dad qualify?")
    next_question = family.press("Federal court")

    assert "Which court sentenced your loved one?" in question.text
    assert question.buttons == ("Federal court", "State court", "D.C. Superior Court", "Not sure")
    keyboard = running.api.calls_to("sendMessage", family.chat_id)[-2].button_rows
    assert keyboard[0][0]["callback_data"] == '/inform{"jurisdiction": "federal"}'
    [answered] = running.api.calls_to("answerCallbackQuery")[-1:]
    assert answered.params["callback_query_id"].startswith("cq-")
    [edit] = running.api.calls_to("editMessageReplyMarkup", family.chat_id)
    assert edit.button_rows == [[{"text": "✓ Federal court", "callback_data": "~x"}]]
    [reply] = next_question
    assert "on or after November 1, 1987" in reply.text
    assert reply.buttons == ("On or after Nov. 1, 1987", "Before Nov. 1, 1987", "Not sure")


def test_forget_asks_with_buttons_and_erases_only_on_yes(running: Running) -> None:
    replies = drive_conversation(
        running.api,
        running.rasa_url,
        WEBHOOK_SECRET,
        ["/start", "/forget", Press("No, keep it"), "/forget", Press("Yes, erase everything")],
    )

    asked, kept, asked_again, erased = replies[1], replies[2], replies[3], replies[4]
    assert asked[0].buttons == ("Yes, erase everything", "No, keep it")
    assert "haven't erased anything" in kept[0].text
    assert asked_again[0].buttons == ("Yes, erase everything", "No, keep it")
    assert "has been erased from our records" in erased[0].text


def test_restart_and_help_commands(running: Running) -> None:
    family = running.family()

    [restarted] = family.say("/restart")
    [helped] = family.say("/help")

    assert "start over" in restarted.text
    assert "/forget - " in helped.text


def test_a_wrong_secret_is_refused_by_the_real_server(running: Running) -> None:
    chat = 9_000_000_001
    update = updates.text(chat, "hello")

    wrong = httpx.post(
        f"{running.rasa_url}/webhooks/telegram/webhook",
        json=update,
        headers={SECRET_HEADER: "not-the-secret"},
        timeout=30,
    )
    missing = httpx.post(f"{running.rasa_url}/webhooks/telegram/webhook", json=update, timeout=30)

    assert (wrong.status_code, missing.status_code) == (403, 401)
    assert running.api.calls_to("sendMessage", chat) == []


def test_the_poller_relays_to_the_real_server(running: Running) -> None:
    chat = 9_000_000_002
    running.api.queue_update(updates.command(chat, "start"))
    running.api.queue_update(updates.text(chat, "what documents do we need?"))
    config = TelegramConfig(token=TOKEN, secret=WEBHOOK_SECRET, base_url=running.api.base_url)

    async def relay_two() -> int:
        bot = make_bot(config)
        stop = asyncio.Event()
        options = PollOptions(rasa_url=running.rasa_url, secret=WEBHOOK_SECRET, timeout=1)
        task = asyncio.ensure_future(poll(bot, options, stop, lambda _: None))
        deadline = time.monotonic() + 60
        while len(running.api.calls_to("sendMessage", chat)) < 2 and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        stop.set()
        relayed = await task
        await bot.shutdown()
        return relayed

    relayed = asyncio.run(relay_two())

    texts = [call.params["text"] for call in running.api.calls_to("sendMessage", chat)]
    assert relayed == 2
    assert "general information, not legal advice" in texts[0]
    assert "release plan" in texts[1]
    assert texts[1].rstrip().endswith("]")
    assert running.api.pending_updates == []


def test_the_logs_carry_neither_the_token_nor_what_the_family_wrote(running: Running) -> None:
    family = running.family()
    family.say("my husband has stage 4 pancreatic cancer, can he come home?")

    log = (running.logs / "rasa.log").read_text(errors="replace")

    assert TOKEN not in log
    assert TOKEN.split(":")[1] not in log
    assert "pancreatic" not in log
