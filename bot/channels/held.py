"""A turn's replies leave only after the turn was saved: "erased" only once the erasure committed.

Rasa sends each reply to the output channel as the action produces it, before the tracker store
saves the turn at its end; "forget me" would say "erased" before the deletion committed, and a
turn whose save failed would be answered as if it had been kept. Every channel of ours (REST,
widget, Telegram) passes its messages through `held_until_saved`: the turn's replies are
collected, and only when the store reports the turn saved (bot.storage.turns) are they handed to
the channel's real output, in order. When the save failed the family gets one plain sentence
instead, looked up by key (`NOTICE_FOR`, bot.wording): for "forget me", that nothing was deleted.

An exception from the turn propagates as before (each channel answers it its own way); the
replies held so far are dropped.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage

from bot.storage.turns import Failure, watch_turn
from bot.wording import say

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]

# What the family reads when a turn could not be saved: the wording key of each failure.
NOTICE_FOR: dict[Failure, str] = {
    Failure.ERASURE: "channels.erase_failed",
    Failure.SAVE: "channels.save_failed",
}


class HeldReplies(CollectingOutputChannel):  # type: ignore[misc]
    """Collects a turn's replies under the real channel's name (responses may vary by channel)."""

    def __init__(self, channel_name: str) -> None:
        super().__init__()
        self._channel_name = channel_name

    def name(self) -> str:
        """The real output channel's name, as Rasa's response variations expect."""
        return self._channel_name


def held_until_saved(on_new_message: OnNewMessage) -> OnNewMessage:
    """`on_new_message` whose replies reach the message's output channel only once saved."""

    async def handle(message: UserMessage) -> None:
        real: OutputChannel = message.output_channel
        held = HeldReplies(real.name())
        message.output_channel = held
        outcome = watch_turn()
        try:
            await on_new_message(message)
        finally:
            message.output_channel = real
        if outcome.failure is not None:
            await real.send_text_message(message.sender_id, say(NOTICE_FOR[outcome.failure]))
            return
        await release(held.messages, real, message.sender_id)

    return handle


async def release(messages: list[dict[str, Any]], real: OutputChannel, recipient: str) -> None:
    """Hand the collected replies to the real output channel, in order."""
    if isinstance(real, CollectingOutputChannel):
        real.messages.extend(messages)
        return
    for collected in messages:
        reply = {key: value for key, value in collected.items() if key != "recipient_id"}
        await real.send_response(recipient, reply)
