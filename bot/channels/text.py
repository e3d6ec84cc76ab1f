"""What any channel does to a family's message before Rasa sees it."""

from __future__ import annotations

import re
import unicodedata

MAX_MESSAGE_CHARS = 20_000
# The most any channel's webhook accepts in one request body: far above any message a family
# types (or a Telegram update), far below what would let one client tie up the server.
MAX_BODY_BYTES = 64 * 1024
MAX_SENDER_CHARS = 128
# C0/C1 control characters except tab and newline: invisible, and PostgreSQL refuses NUL.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def too_large(body: bytes | None) -> bool:
    """Whether a request body is over MAX_BODY_BYTES."""
    return len(body or b"") > MAX_BODY_BYTES


def clean_message(text: str) -> str:
    """Normalise Unicode, drop control characters, and keep at most MAX_MESSAGE_CHARS."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n"))
    return text[:MAX_MESSAGE_CHARS].strip()
