"""Chat bubbles: every long reply cut to one reading length, a phone screen (`READING_LIMIT`).

Two shapes: bullet items packed under an optional header (`bullets`), and free text cut at
paragraphs, then lines, then words (`paragraphs`). Neither loses a word; no bubble is longer than
the limit but one bullet item that is longer on its own. The words a header is continued with ("(continued)") are the caller's: this module
writes no sentence. A channel's own limit (Telegram: 4096 UTF-16 units) is the transport's, not a
reading length: bot/channels/telegram/splitting.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Short enough to read, and copy, on a phone screen; far below every channel's limit.
READING_LIMIT = 900
BULLET = "• "


def bullets(
    items: Iterable[str],
    header: str | None = None,
    continued: str | None = None,
    limit: int = READING_LIMIT,
) -> list[str]:
    """`items` as bullets, packed in order into bubbles of at most `limit` characters.

    With a `header`, the first bubble starts with it and each later one with `continued` (the
    header again when None). An item is never cut (it may hold a citation): one too long for the
    limit gets a bubble of its own. No items: no bubbles.
    """
    _check(limit)
    bubbles: list[str] = []
    opening = header
    current: list[str] = []
    length = -1 if opening is None else len(opening)
    for item in items:
        line = f"{BULLET}{item}"
        if current and length + 1 + len(line) > limit:
            bubbles.append(_joined(opening, current))
            opening = continued if continued is not None else header
            current = []
            length = -1 if opening is None else len(opening)
        current.append(line)
        length += 1 + len(line)
    if current:
        bubbles.append(_joined(opening, current))
    return bubbles


def paragraphs(text: str, limit: int = READING_LIMIT) -> list[str]:
    """`text` as bubbles of at most `limit` characters, in order, losing no words.

    Paragraphs (blank-line separated) stay whole when they fit, then lines, then words; a word
    longer than `limit` is cut.
    """
    _check(limit)
    bubbles: list[str] = []
    for piece in _pieces(text.strip(), limit):
        if bubbles and len(bubbles[-1]) + len(piece.text) + len(piece.joiner) <= limit:
            bubbles[-1] += piece.joiner + piece.text
        else:
            bubbles.append(piece.text)
    return bubbles


def _check(limit: int) -> None:
    if limit < 1:
        raise ValueError("limit must be positive")


def _joined(opening: str | None, lines: list[str]) -> str:
    return "\n".join(lines if opening is None else [opening, *lines])


@dataclass(frozen=True)
class _Piece:
    text: str
    joiner: str


def _pieces(text: str, limit: int) -> list[_Piece]:
    pieces: list[_Piece] = []
    for paragraph in (p.strip("\n") for p in text.split("\n\n")):
        if not paragraph.strip():
            continue
        if len(paragraph) <= limit:
            pieces.append(_Piece(paragraph, "\n\n"))
            continue
        joiner = "\n\n"
        for line in paragraph.split("\n"):
            for part in _cut_line(line, limit):
                pieces.append(_Piece(part, joiner))
                joiner = "\n"
    return pieces


def _cut_line(line: str, limit: int) -> list[str]:
    """`line` in parts of at most `limit` characters, cut between words (a huge word is cut)."""
    if len(line) <= limit:
        return [line]
    parts: list[str] = []
    current = ""
    for word in line.split(" "):
        while len(word) > limit:
            if current:
                parts.append(current)
                current = ""
            parts.append(word[:limit])
            word = word[limit:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= limit:
            current = candidate
        else:
            parts.append(current)
            current = word
    if current:
        parts.append(current)
    return parts
