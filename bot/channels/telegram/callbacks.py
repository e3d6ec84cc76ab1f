"""Rasa buttons as Telegram inline keyboards, and a pressed button back to its payload.

Telegram carries at most 64 bytes of callback data per button. A payload that fits (in UTF-8)
travels as itself: nothing to remember, it survives restarts and works with several Rasa servers.
A longer one (or one that starts with our marker `~`) travels as `~h` + a 16-character digest,
and the digest -> payload pair is kept in a bounded in-process store. If the store has forgotten
it (restart, another server, evicted), the pressed button's title, read from the keyboard that
Telegram sends back with the press, is used as the family's message instead.
"""

from __future__ import annotations

import base64
import hashlib
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

CALLBACK_DATA_MAX_BYTES = 64
MARKER = "~"
HASHED = "~h"
CHOSEN = "~x"  # the "✓ answer" button left after a press: does nothing
DEFAULT_CAPACITY = 10_000
ROW_MAX_BUTTONS = 3
ROW_MAX_CHARS = 24  # titles' characters on one row: short answers share a row on a phone


class CallbackCodec:
    """Turns payloads into callback data and back; remembers the last `capacity` long ones."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        if capacity < 1:
            raise ValueError("capacity must be positive")
        self._capacity = capacity
        self._long: OrderedDict[str, str] = OrderedDict()

    def encode(self, payload: str) -> str:
        """Callback data of at most 64 bytes that `decode` turns back into `payload`."""
        if _fits(payload) and not payload.startswith(MARKER):
            return payload
        digest = hashlib.blake2b(payload.encode("utf-8"), digest_size=12).digest()
        data = HASHED + base64.urlsafe_b64encode(digest).decode("ascii")
        self._long[data] = payload
        self._long.move_to_end(data)
        while len(self._long) > self._capacity:
            self._long.popitem(last=False)
        return data

    def decode(self, data: str) -> str | None:
        """The payload behind `data`, or None when it is ours but no longer known."""
        if not data.startswith(MARKER):
            return data
        return self._long.get(data)


def is_chosen_marker(data: str | None) -> bool:
    """True for the inert button that shows which answer was pressed."""
    return data == CHOSEN


def keyboard(buttons: Sequence[Mapping[str, Any]], codec: CallbackCodec) -> InlineKeyboardMarkup:
    """Rasa buttons (title + payload, or title + url) as an inline keyboard."""
    rows: list[list[InlineKeyboardButton]] = []
    width = 0
    for button in buttons:
        title = str(button.get("title") or button.get("payload") or "…")
        url = button.get("url")
        if url:
            key = InlineKeyboardButton(title, url=str(url))
        else:
            key = InlineKeyboardButton(title, callback_data=codec.encode(str(button["payload"])))
        if rows and len(rows[-1]) < ROW_MAX_BUTTONS and width + len(title) <= ROW_MAX_CHARS:
            rows[-1].append(key)
            width += len(title)
        else:
            rows.append([key])
            width = len(title)
    return InlineKeyboardMarkup(rows)


def chosen_keyboard(title: str) -> InlineKeyboardMarkup:
    """What replaces a keyboard once pressed: one inert button showing the answer."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(f"✓ {title}", callback_data=CHOSEN)]])


def pressed_title(markup: InlineKeyboardMarkup | None, data: str) -> str | None:
    """The title of the button whose callback data is `data` in `markup`, if any."""
    if markup is None:
        return None
    for row in markup.inline_keyboard:
        for key in row:
            if key.callback_data == data:
                return key.text
    return None


def _fits(payload: str) -> bool:
    return 0 < len(payload.encode("utf-8")) <= CALLBACK_DATA_MAX_BYTES
