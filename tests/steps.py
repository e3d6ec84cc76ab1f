"""A family's steps and the assistant's replies, the same for every channel's test driver.

The REST, widget (tests/browser/widget.py) and Telegram (tests/channels/telegram/driver.py)
drivers take `Step`s and return `Reply`s, so one conversation can be compared across channels.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reply:
    """One message from the assistant: its text and the titles of the buttons offered with it."""

    text: str
    buttons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Press:
    """A step that presses the button with this title (instead of typing)."""

    title: str


Step = str | Press


def tidy(text: str) -> str:
    """Whitespace collapsed within lines, blank lines dropped."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)
