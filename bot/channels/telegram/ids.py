"""Rasa sender ids for Telegram chats.

The sender id is the chat id with a `telegram-` prefix, so a Telegram chat can never share a
conversation with a REST or widget sender that happens to be the same number.
"""

from __future__ import annotations

SENDER_PREFIX = "telegram-"


def sender_id(chat_id: int) -> str:
    """The Rasa sender id of a Telegram chat."""
    return f"{SENDER_PREFIX}{chat_id}"


def chat_id(sender: str) -> int:
    """The Telegram chat id of a sender id made by `sender_id`; ValueError otherwise."""
    if not sender.startswith(SENDER_PREFIX):
        raise ValueError("not a Telegram sender id")
    return int(sender[len(SENDER_PREFIX) :])
