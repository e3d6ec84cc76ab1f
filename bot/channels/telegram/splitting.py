"""Long replies as Telegram messages of at most 4096 characters, cut where a reader would.

Telegram counts a message's length in UTF-16 code units (an emoji counts twice), so that is what
is measured here. A cut falls, by preference, between paragraphs, then between lines, then after
a sentence, then between words, never in the first half of a message; only a single "word" longer
than a whole message is cut inside.

This is the transport's limit, not a reading length: replies are already cut short for a phone
where they are written (bot/explain, bot/drafts); this only makes sure Telegram accepts each one.
"""

from __future__ import annotations

import re

TELEGRAM_MESSAGE_LIMIT = 4096
_BOUNDARIES = (
    re.compile(r"\n[ \t]*\n\s*"),  # between paragraphs
    re.compile(r"\n\s*"),  # between lines
    re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+"),  # after a sentence
    re.compile(r"\s+"),  # between words
)


def telegram_length(text: str) -> int:
    """The length of `text` as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def split_message(text: str, limit: int = TELEGRAM_MESSAGE_LIMIT) -> list[str]:
    """`text` as non-empty messages of at most `limit` UTF-16 units, in order, words intact."""
    if limit < 2:
        raise ValueError("limit must be at least 2")
    chunks: list[str] = []
    rest = text.strip()
    while telegram_length(rest) > limit:
        window = rest[: _fitting_chars(rest, limit)]
        cut = _best_cut(window)
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        chunks.append(rest)
    return chunks


def _fitting_chars(text: str, limit: int) -> int:
    """How many leading characters of `text` fit in `limit` UTF-16 units."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            return index
    return len(text)


def _best_cut(window: str) -> int:
    """Where to end a message taken from `window` (which is full): an index > 0."""
    for boundary in _BOUNDARIES:
        ends = [m.end() for m in boundary.finditer(window) if m.start() >= len(window) // 2]
        if ends:
            return ends[-1]
    ends = [m.end() for m in _BOUNDARIES[-1].finditer(window) if m.start() > 0]
    return ends[-1] if ends else len(window)
