"""Long texts cut into chat messages, at paragraph or line breaks where possible."""

from __future__ import annotations

# Below the limits of the channels we serve (Telegram: 4096 characters) and short enough to read
# and copy on a phone.
MESSAGE_LIMIT = 1500


def split_for_chat(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """`text` as messages of at most `limit` characters, in order, losing no words.

    Paragraphs (blank-line separated) stay whole when they fit, then lines, then words; a word
    longer than `limit` is cut.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    messages: list[str] = []
    for piece in _pieces(text.strip(), limit):
        if messages and len(messages[-1]) + len(piece.text) + len(piece.joiner) <= limit:
            messages[-1] += piece.joiner + piece.text
        else:
            messages.append(piece.text)
    return messages


class _Piece:
    def __init__(self, text: str, joiner: str) -> None:
        self.text = text
        self.joiner = joiner


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
