"""What any channel does to a family's message before Rasa sees it."""

from __future__ import annotations

import re
import unicodedata

MAX_MESSAGE_CHARS = 20_000
MAX_SENDER_CHARS = 128
# C0/C1 control characters except tab and newline: invisible, and PostgreSQL refuses NUL.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_message(text: str) -> str:
    """Normalise Unicode, drop control characters, and keep at most MAX_MESSAGE_CHARS."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n"))
    return text[:MAX_MESSAGE_CHARS].strip()
