"""Telegram Update JSON as Telegram sends it, for tests (message, command, button press...)."""

from __future__ import annotations

import itertools
import time
from typing import Any

FAMILY_USER_ID = 555_000_111
_update_ids = itertools.count(10_000)
_message_ids = itertools.count(1)


def next_update_id() -> int:
    """A fresh update id (increasing, as Telegram's are)."""
    return next(_update_ids)


def chat(chat_id: int, kind: str = "private") -> dict[str, Any]:
    """A chat object; private chats carry the person's first name, groups a title."""
    if kind == "private":
        return {"id": chat_id, "type": "private", "first_name": "Family"}
    return {"id": chat_id, "type": kind, "title": "Some group"}


def message(chat_id: int, kind: str = "private", **content: Any) -> dict[str, Any]:
    """A message in `chat_id` with `content` (text=..., photo=..., sticker=...)."""
    body: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": chat(chat_id, kind),
        **content,
    }
    if kind != "channel":
        body["from"] = {"id": FAMILY_USER_ID, "is_bot": False, "first_name": "Family"}
    return body


def update(**content: Any) -> dict[str, Any]:
    """An Update with a fresh id around `content` (message=..., callback_query=...)."""
    return {"update_id": next_update_id(), **content}


def text(chat_id: int, words: str, kind: str = "private") -> dict[str, Any]:
    """The family typed `words`."""
    return update(message=message(chat_id, kind, text=words))


def command(chat_id: int, name: str, argument: str = "", kind: str = "private") -> dict[str, Any]:
    """The family sent `/name` (tapped in the menu: Telegram marks it as a bot_command)."""
    words = f"/{name}" + (f" {argument}" if argument else "")
    entity = {"type": "bot_command", "offset": 0, "length": len(name.split(" ")[0]) + 1}
    return update(message=message(chat_id, kind, text=words, entities=[entity]))


def press(chat_id: int, data: str, keyboard_message: dict[str, Any]) -> dict[str, Any]:
    """The family pressed the button with `data` under `keyboard_message`."""
    return update(
        callback_query={
            "id": f"cq-{next_update_id()}",
            "from": {"id": FAMILY_USER_ID, "is_bot": False, "first_name": "Family"},
            "chat_instance": "ci-1",
            "data": data,
            "message": keyboard_message,
        }
    )


def keyboard_message(chat_id: int, words: str, rows: list[list[dict[str, Any]]]) -> dict[str, Any]:
    """A message the bot sent with an inline keyboard, as Telegram returns it with a press."""
    return {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": chat(chat_id),
        "from": {"id": 123456789, "is_bot": True, "first_name": "CR Test"},
        "text": words,
        "reply_markup": {"inline_keyboard": rows},
    }


def photo(chat_id: int, caption: str | None = None) -> dict[str, Any]:
    """The family sent a photo (maybe with a caption)."""
    sizes = [{"file_id": "ph-1", "file_unique_id": "u-ph-1", "width": 90, "height": 90}]
    content: dict[str, Any] = {"photo": sizes}
    if caption:
        content["caption"] = caption
    return update(message=message(chat_id, **content))


def sticker(chat_id: int) -> dict[str, Any]:
    """The family sent a sticker."""
    return update(
        message=message(
            chat_id,
            sticker={
                "file_id": "st-1",
                "file_unique_id": "u-st-1",
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
            },
        )
    )


def voice(chat_id: int) -> dict[str, Any]:
    """The family sent a voice message."""
    return update(
        message=message(
            chat_id, voice={"file_id": "vo-1", "file_unique_id": "u-vo-1", "duration": 4}
        )
    )


def edited(chat_id: int, words: str, kind: str = "private") -> dict[str, Any]:
    """The family edited an earlier message to `words`."""
    body = message(chat_id, kind, text=words)
    body["edit_date"] = int(time.time())
    return update(edited_message=body)


def channel_post(chat_id: int, words: str) -> dict[str, Any]:
    """A post in a channel the bot was added to."""
    return update(channel_post=message(chat_id, "channel", text=words))


def member_joined(chat_id: int) -> dict[str, Any]:
    """A service message: someone joined (no text, no attachment)."""
    joined = [{"id": 42, "is_bot": False, "first_name": "Other"}]
    return update(message=message(chat_id, "group", new_chat_members=joined))
