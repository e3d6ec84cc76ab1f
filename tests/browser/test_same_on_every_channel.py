"""One conversation, three channels: REST, the website widget and Telegram say the same things.

The same steps (typed messages and button presses) run against the one running assistant as a
new family on each channel; each turn's replies are compared as the family reads them: the texts
in order (whitespace tidied) and the buttons offered.
"""

from __future__ import annotations

from collections.abc import Sequence

import httpx
import pytest
from playwright.sync_api import Browser

from tests.channels.telegram.driver import TelegramFamily
from tests.channels.telegram.fake_bot_api import WEBHOOK_SECRET
from tests.steps import Press, Step, tidy

from .conftest import Assistant
from .widget import converse

pytestmark = pytest.mark.e2e

Turn = tuple[tuple[str, ...], tuple[str, ...]]

STEPS: list[Step] = [
    "hi",
    "what is compassionate release",
    "is my dad eligible for compassionate release",
    Press("Federal court"),
    Press("On or after Nov. 1, 1987"),
    "he is 67",
    "why do you ask",
]


def _turn(texts: Sequence[str], buttons: Sequence[str]) -> Turn:
    return tuple(tidy(text) for text in texts), tuple(buttons)


def over_rest(url: str, steps: Sequence[Step]) -> list[Turn]:
    """The steps over REST: a button press sends that button's payload, as a widget would."""
    turns: list[Turn] = []
    offered: dict[str, str] = {}
    sender = "same-on-every-channel-rest"
    for step in steps:
        message = offered[step.title] if isinstance(step, Press) else step
        answer = httpx.post(
            f"{url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=60.0,
        )
        answer.raise_for_status()
        replies = answer.json()
        buttons = [button for reply in replies for button in reply.get("buttons", [])]
        offered = {button["title"]: button["payload"] for button in buttons}
        turns.append(
            _turn(
                [reply["text"] for reply in replies if reply.get("text")],
                [button["title"] for button in buttons],
            )
        )
    return turns


def over_widget(browser: Browser, assistant: Assistant, steps: Sequence[Step]) -> list[Turn]:
    """The steps typed and pressed in the widget on the demo page, in real Chromium."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        replies = converse(context.new_page(), assistant.demo, steps)
    finally:
        context.close()
    return [
        _turn([reply.text for reply in turn], [b for reply in turn for b in reply.buttons])
        for turn in replies
    ]


def over_telegram(assistant: Assistant, steps: Sequence[Step]) -> list[Turn]:
    """The steps as Telegram updates through the webhook; replies as the fake Bot API got them."""
    family = TelegramFamily(assistant.telegram, assistant.url, WEBHOOK_SECRET)
    turns: list[Turn] = []
    for step in steps:
        replies = family.step(step)
        turns.append(
            _turn(
                [reply.text for reply in replies], [b for reply in replies for b in reply.buttons]
            )
        )
    return turns


def test_the_same_conversation_reads_the_same_on_rest_the_widget_and_telegram(
    browser: Browser, assistant: Assistant
) -> None:
    rest = over_rest(assistant.url, STEPS)
    widget = over_widget(browser, assistant, STEPS)
    telegram = over_telegram(assistant, STEPS)

    assert len(rest) == len(STEPS)
    assert all(texts for texts, _ in rest), "every step gets an answer"
    assert any(buttons for _, buttons in rest), "the conversation offers buttons"
    for number, (step, by_rest, by_widget, by_telegram) in enumerate(
        zip(STEPS, rest, widget, telegram, strict=True), start=1
    ):
        assert by_widget == by_rest, f"step {number} ({step!r}): widget differs from REST"
        assert by_telegram == by_rest, f"step {number} ({step!r}): Telegram differs from REST"
