"""What to do with one Telegram update: pure, no I/O, so every kind of update is testable.

Only private chats talk to the assistant. Text goes to it cleaned; our slash commands become
the assistant's intents; other slash text never reaches it raw (so nobody can type `/affirm` or
`/inform{...}` past the NLU). Photos, stickers, voice, edits and the like get a polite answer;
group chats get a pointer to a private chat; channel posts and anything else are ignored. A
button press counts only if its data is on the keyboard of the message it came from, so a second
tap on an answered question does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import CallbackQuery, Chat, Message, MessageEntity, Update

from bot.channels.text import clean_message
from bot.wording import say

from . import replies
from .callbacks import CallbackCodec, is_chosen_marker, pressed_title


@dataclass(frozen=True)
class Plan:
    """The channel's answer to one update; `kind` names it for logs (never its content)."""

    kind: str
    chat_id: int | None = None
    to_assistant: str | None = None
    reply: str | None = None
    callback_query_id: str | None = None
    keyboard_message_id: int | None = None
    chosen_title: str | None = None


def plan_update(update: Update, codec: CallbackCodec) -> Plan:
    """Decide how to answer `update`."""
    if update.callback_query is not None:
        return _plan_callback(update.callback_query, codec)
    if update.message is not None:
        return _plan_message(update.message)
    if update.edited_message is not None:
        chat = update.edited_message.chat
        if chat.type == Chat.PRIVATE:
            return Plan("edited", chat_id=chat.id, reply=say("telegram.edited"))
        return Plan("ignored edit outside a private chat")
    return Plan("ignored update")


def command_name(message: Message) -> str | None:
    """The command a message starts with, lower-cased and without `@botname`; None if none."""
    text = message.text or ""
    if not text.startswith("/"):
        return None
    entity = next(iter(message.entities or ()), None)
    if entity is not None and entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
        word = text[1 : entity.length]
    else:
        word = text[1:].split(maxsplit=1)[0] if text[1:].strip() else ""
    return word.partition("@")[0].lower()


def _plan_message(message: Message) -> Plan:
    chat = message.chat
    if chat.type != Chat.PRIVATE:
        if message.text:
            return Plan("not a private chat", chat_id=chat.id, reply=say("telegram.private_only"))
        return Plan("ignored message outside a private chat")
    if message.text is None:
        if message.effective_attachment is not None:
            return Plan("not text", chat_id=chat.id, reply=say("telegram.not_text"))
        return Plan("ignored service message")
    name = command_name(message)
    if name is not None:
        command = replies.COMMANDS.get(name)
        if command is None:
            return Plan("unknown command", chat_id=chat.id, reply=say("telegram.unknown_command"))
        if command.message is None:
            return Plan(f"command {name}", chat_id=chat.id, reply=replies.help_text())
        return Plan(f"command {name}", chat_id=chat.id, to_assistant=command.message)
    text = clean_message(message.text)
    if not text:
        return Plan("empty text")
    return Plan("text", chat_id=chat.id, to_assistant=text)


def _plan_callback(query: CallbackQuery, codec: CallbackCodec) -> Plan:
    answered = Plan("button", callback_query_id=query.id)
    message = query.message
    if not isinstance(message, Message) or query.data is None:
        return answered
    chat = message.chat
    if chat.type != Chat.PRIVATE or is_chosen_marker(query.data):
        return answered
    title = pressed_title(message.reply_markup, query.data)
    if title is None:  # not on the message's keyboard (any more): a stale or repeated press
        return answered
    payload = clean_message(codec.decode(query.data) or title)
    if not payload:
        return Plan(
            "expired button",
            chat_id=chat.id,
            reply=say("telegram.button_expired"),
            callback_query_id=query.id,
        )
    return Plan(
        "button",
        chat_id=chat.id,
        to_assistant=payload,
        callback_query_id=query.id,
        keyboard_message_id=message.message_id,
        chosen_title=title,
    )
