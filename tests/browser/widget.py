"""Drive the chat widget in a real browser (Debian's Chromium through Playwright), for any test.

    with chromium() as browser:
        page = browser.new_page()
        replies = converse(page, f"{rasa_url}/webhooks/webchat/demo", ["hi", Press("Yes")])

`converse` returns, for each step, the assistant's replies as the family sees them: the text
(rendered, whitespace tidied) and the titles of the quick-reply buttons offered with it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Locator, Page, sync_playwright

from tests.steps import Press, Reply, Step, tidy

__all__ = ["Press", "Reply", "Step", "Widget", "chromium", "converse", "tidy"]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
REPLY_TIMEOUT_MS = 60_000
STORE_PREFIX = "cr-webchat:"

# Text of each bot message of one turn, without screen-reader-only additions, and the
# quick-reply buttons on show (they belong to the turn's last message).
_READ_TURN = """([messages, buttons]) => {
  const texts = messages.map((message) => {
    const body = message.querySelector(':scope > div').cloneNode(true);
    body.querySelectorAll('.sr-only').forEach((node) => node.remove());
    body.querySelectorAll('br').forEach((node) => node.replaceWith('\\n'));
    body.querySelectorAll('p, li').forEach((node) => node.append('\\n'));
    return body.textContent;
  });
  return {texts, buttons: buttons.map((button) => button.textContent)};
}"""


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, with the flags this project's machines need."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS)
        )
        try:
            yield browser
        finally:
            browser.close()


class Widget:
    """The chat widget on a page: open it, type, press buttons, read the replies."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.host = page.locator("#cr-webchat-host")
        self.panel = page.locator("#cr-webchat-host section.panel")
        self.launcher = page.locator("#cr-webchat-host button.launcher")
        self.input = page.get_by_role("textbox", name="Your message")
        self.log = page.get_by_role("log", name="Conversation")
        self.status = page.locator("#cr-webchat-host .status")
        self.alert = page.locator("#cr-webchat-host .alert")

    def ready(self) -> Widget:
        """Wait until the widget has drawn itself (stylesheet and libraries loaded)."""
        self.page.locator("#cr-webchat-host[data-ready='true']").wait_for(state="attached")
        self.page.locator(
            "#cr-webchat-host :is(button.launcher, section.panel):visible"
        ).first.wait_for()
        return self

    def open(self) -> Widget:
        """Open the chat if it is closed."""
        if self.launcher.is_visible():
            self.launcher.click()
        self.panel.wait_for(state="visible")
        return self

    def button(self, title: str) -> Locator:
        """The quick-reply button called `title`."""
        return self.page.get_by_role("group", name="Suggested answers").get_by_role(
            "button", name=title, exact=True
        )

    def turn(self) -> int:
        """How many turns the widget completed on this page (0 after a load)."""
        return int(self.host.get_attribute("data-turn") or 0)

    def wait_for_turn(self, turn: int) -> None:
        """Wait until turn number `turn` has been answered and drawn."""
        self.page.locator(f"#cr-webchat-host[data-turn='{turn}'][data-busy='false']").wait_for(
            state="attached", timeout=REPLY_TIMEOUT_MS
        )

    def say(self, text: str) -> list[Reply]:
        """Type `text`, press Enter, return the replies."""
        turn = self.turn()
        self.input.fill(text)
        self.input.press("Enter")
        self.wait_for_turn(turn + 1)
        return self.replies(turn + 1)

    def press(self, title: str) -> list[Reply]:
        """Press the quick-reply button `title`, return the replies."""
        turn = self.turn()
        self.button(title).click()
        self.wait_for_turn(turn + 1)
        return self.replies(turn + 1)

    def replies(self, turn: int) -> list[Reply]:
        """The bot messages of turn `turn`, with the buttons shown after the last one."""
        messages = self.page.locator(f"#cr-webchat-host .msg.bot[data-turn='{turn}']")
        buttons = self.page.locator("#cr-webchat-host .replies:not([hidden]) button.reply")
        read: dict[str, Any] = self.page.evaluate(
            _READ_TURN, [messages.element_handles(), buttons.element_handles()]
        )
        texts = [tidy(text) for text in read["texts"]]
        shown = tuple(str(title) for title in read["buttons"])
        return [
            Reply(text, shown if index == len(texts) - 1 else ())
            for index, text in enumerate(texts)
        ]

    def history(self) -> list[tuple[str, str]]:
        """Every message on show, as (who, text), the local welcome first."""
        rows: list[tuple[str, str]] = []
        for message in self.page.locator("#cr-webchat-host .msg").all():
            who = "bot" if "bot" in (message.get_attribute("class") or "") else "user"
            body = message.locator(":scope > div")
            rows.append((who, tidy(body.inner_text())))
        return rows

    def stored(self) -> dict[str, Any]:
        """What the widget keeps in this tab's sessionStorage, by key."""
        raw: dict[str, str] = self.page.evaluate(
            "(prefix) => Object.fromEntries(Object.keys(sessionStorage)"
            ".filter((key) => key.startsWith(prefix)).map((key) => [key, sessionStorage[key]]))",
            STORE_PREFIX,
        )
        return {key: json.loads(value) for key, value in raw.items()}

    def sender(self) -> str:
        """The conversation id the widget uses in this tab."""
        (state,) = self.stored().values()
        return str(state["sender"])


def converse(page: Page, url: str, steps: Sequence[Step]) -> list[list[Reply]]:
    """Open `url` (a page embedding the widget), play `steps`, return each step's replies."""
    page.goto(url)
    widget = Widget(page).ready().open()
    return [
        widget.press(step.title) if isinstance(step, Press) else widget.say(step) for step in steps
    ]
