"""A turn's replies reach the family only once the turn was saved, and a failed save says so.

The turn here stands in for Rasa: it sends replies to the message's output channel and, like the
erasing tracker store (tests/storage/test_tracker_store.py runs the real one), reports a failed
save through bot.storage.turns. The real servers are attacked in tests/security/test_erasure.py.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage

from bot.channels.held import held_until_saved
from bot.storage.turns import Failure, report_failure
from bot.wording import say


class Recorder(OutputChannel):  # type: ignore[misc]
    """A channel that sends as it is told (as Telegram does) and remembers what, and when."""

    def __init__(self, log: list[str]) -> None:
        self.log = log

    @classmethod
    def name(cls) -> str:
        return "telegram"

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        self.log.append(f"sent {text}")

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        self.log.append(f"sent {text} with {[button['title'] for button in buttons]}")


def a_turn(log: list[str], failure: Failure | None = None) -> Any:
    async def turn(message: UserMessage) -> None:
        channel = message.output_channel
        log.append(f"turn on {channel.name()}")
        await channel.send_response(message.sender_id, {"text": "Done: erased."})
        await channel.send_response(
            message.sender_id,
            {"text": "Anything else?", "buttons": [{"title": "No", "payload": "/deny"}]},
        )
        if failure is not None:
            report_failure(failure)
        log.append("turn saved" if failure is None else "turn not saved")

    return turn


def test_the_replies_go_out_in_order_after_the_turn_was_saved() -> None:
    log: list[str] = []

    asyncio.run(held_until_saved(a_turn(log))(UserMessage("yes", Recorder(log), "family")))

    assert log == [
        "turn on telegram",
        "turn saved",
        "sent Done: erased.",
        "sent Anything else? with ['No']",
    ]


@pytest.mark.parametrize(
    ("failure", "notice"),
    [(Failure.ERASURE, "channels.erase_failed"), (Failure.SAVE, "channels.save_failed")],
)
def test_a_failed_save_sends_only_the_honest_notice(failure: Failure, notice: str) -> None:
    log: list[str] = []

    asyncio.run(held_until_saved(a_turn(log, failure))(UserMessage("yes", Recorder(log), "family")))

    assert log == ["turn on telegram", "turn not saved", f"sent {say(notice)}"]
    assert "Nothing was deleted" in say("channels.erase_failed")


def test_a_collecting_channel_gets_exactly_the_collected_replies() -> None:
    collector = CollectingOutputChannel()

    asyncio.run(held_until_saved(a_turn([]))(UserMessage("yes", collector, "family")))

    assert collector.messages == [
        {"recipient_id": "family", "text": "Done: erased."},
        {
            "recipient_id": "family",
            "text": "Anything else?",
            "buttons": [{"title": "No", "payload": "/deny"}],
        },
    ]


def test_a_turn_that_raises_sends_nothing_and_the_channel_handles_the_error() -> None:
    log: list[str] = []

    async def broken(message: UserMessage) -> None:
        await message.output_channel.send_response(message.sender_id, {"text": "half"})
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        asyncio.run(held_until_saved(broken)(UserMessage("yes", Recorder(log), "family")))
    assert log == []


def test_turns_in_flight_together_each_learn_their_own_outcome() -> None:
    first: list[str] = []
    second: list[str] = []

    async def both() -> None:
        await asyncio.gather(
            held_until_saved(a_turn(first, Failure.ERASURE))(
                UserMessage("yes", Recorder(first), "one")
            ),
            held_until_saved(a_turn(second))(UserMessage("hi", Recorder(second), "two")),
        )

    asyncio.run(both())

    assert first[-1] == f"sent {say('channels.erase_failed')}"
    assert second[-1] == "sent Anything else? with ['No']"
