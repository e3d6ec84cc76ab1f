"""Drive one conversation over Telegram and read the assistant's replies as text + buttons.

For any test that talks to a running Rasa server whose Telegram channel points at a
`FakeBotApi`: the family's messages and button presses go in as Telegram updates through the
real webhook (with the secret header), and the replies are read from what the fake Bot API
received. The webhook answers after the turn is done, so each step's replies are complete.
A later test compares the same conversation over REST, the widget and Telegram with this.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import httpx

from bot.channels.telegram.config import SECRET_HEADER
from tests.steps import Press, Reply, Step

from . import updates
from .fake_bot_api import Call, FakeBotApi

REPLY_TIMEOUT_SECONDS = 120.0
_chat_ids = itertools.count(7_000_000_001)


class TelegramFamily:
    """One family's private chat with the assistant, through the webhook."""

    def __init__(self, api: FakeBotApi, rasa_url: str, secret: str) -> None:
        self.api = api
        self.chat_id = next(_chat_ids)
        self._webhook = f"{rasa_url.rstrip('/')}/webhooks/telegram/webhook"
        self._secret = secret
        self._keyboard: Call | None = None

    def say(self, words: str) -> list[Reply]:
        """Type `words` (a `/command` is sent as Telegram marks commands); return the replies."""
        if words.startswith("/") and words[1:2].isalpha():
            name, _, argument = words[1:].partition(" ")
            return self._send(updates.command(self.chat_id, name, argument))
        return self._send(updates.text(self.chat_id, words))

    def press(self, title: str) -> list[Reply]:
        """Tap the button titled `title` under the latest keyboard; return the replies."""
        if self._keyboard is None:
            raise AssertionError(f"no keyboard to press {title!r} on")
        rows = self._keyboard.button_rows
        data = next(
            (key["callback_data"] for row in rows for key in row if key["text"] == title), None
        )
        if data is None:
            titles = [key["text"] for row in rows for key in row]
            raise AssertionError(f"no button {title!r} under the latest keyboard: {titles}")
        message = updates.keyboard_message(self.chat_id, self._keyboard.params["text"], rows)
        message["message_id"] = self._keyboard.message_id
        before = len(self.api.calls_to("answerCallbackQuery"))
        replies = self._send(updates.press(self.chat_id, data, message))
        if len(self.api.calls_to("answerCallbackQuery")) <= before:
            raise AssertionError("the button press was not answered (answerCallbackQuery)")
        return replies

    def step(self, step: Step) -> list[Reply]:
        """Say a text or press a button."""
        return self.press(step.title) if isinstance(step, Press) else self.say(step)

    def _send(self, update: dict[str, object]) -> list[Reply]:
        before = len(self.api.calls)
        answer = httpx.post(
            self._webhook,
            json=update,
            headers={SECRET_HEADER: self._secret},
            timeout=REPLY_TIMEOUT_SECONDS,
        )
        if answer.status_code != 200:
            raise AssertionError(f"webhook answered {answer.status_code}: {answer.text}")
        sent = [
            call
            for call in self.api.calls[before:]
            if call.method == "sendMessage" and call.chat_id == self.chat_id
        ]
        for call in sent:
            if call.button_rows:
                self._keyboard = call
        return [
            Reply(
                text=str(call.params["text"]),
                buttons=tuple(key["text"] for row in call.button_rows for key in row),
            )
            for call in sent
        ]


def drive_conversation(
    api: FakeBotApi, rasa_url: str, secret: str, steps: Sequence[Step]
) -> list[list[Reply]]:
    """Run `steps` in a new chat; return the replies to each step."""
    family = TelegramFamily(api, rasa_url, secret)
    return [family.step(step) for step in steps]
