"""The gate admits a fixed number of messages at a time, fairly between clients, each in time."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels.gate import FairGate, TurnAbandoned, client_key, through_the_gate
from bot.settings import get_settings
from bot.wording import say


@pytest.fixture
def messages_at_once(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[int]:
    monkeypatch.setenv("MESSAGES_AT_ONCE", str(request.param))
    get_settings.cache_clear()
    yield request.param
    get_settings.cache_clear()


async def _handle_all(count: int) -> tuple[list[str], int]:
    started: list[str] = []
    in_flight = 0
    most = 0

    async def handler(message: UserMessage) -> None:
        nonlocal in_flight, most
        started.append(message.text or "")
        in_flight += 1
        most = max(most, in_flight)
        # Waits for the "action server" twice, as a form turn does.
        await asyncio.sleep(0.01)
        await asyncio.sleep(0.01)
        in_flight -= 1

    handle = through_the_gate(handler)
    await asyncio.gather(
        *(handle(UserMessage(text=str(n), sender_id=str(n))) for n in range(count))
    )
    return started, most


@pytest.mark.parametrize("messages_at_once", [1, 2, 3], indirect=True)
def test_no_more_than_the_setting_at_once_first_come_first_served(messages_at_once: int) -> None:
    started, most = asyncio.run(_handle_all(8))

    assert most == messages_at_once
    assert started == [str(n) for n in range(8)]


@pytest.mark.parametrize("messages_at_once", [2], indirect=True)
def test_each_event_loop_has_its_own_gate(messages_at_once: int) -> None:
    assert asyncio.run(_handle_all(3))[1] == 2
    assert asyncio.run(_handle_all(3))[1] == 2


async def _flood_and_one_other(flood: int) -> list[str]:
    """Client A sends `flood` messages at once; just after, client B sends one."""
    started: list[str] = []

    async def handler(message: UserMessage) -> None:
        started.append(message.text or "")
        await asyncio.sleep(0.01)  # the action server
        await asyncio.sleep(0.01)

    handle = through_the_gate(handler)

    async def send(client: str, text: str) -> None:
        client_key.set(client)
        await handle(UserMessage(text=text, sender_id=f"{client}-{text}"))

    flooding = [asyncio.create_task(send("address:A", f"A{n}")) for n in range(flood)]
    await asyncio.sleep(0)  # A's messages are all in (or waiting) before B's arrives
    await asyncio.gather(send("address:B", "B0"), *flooding)
    return started


@pytest.mark.parametrize("messages_at_once", [1, 2], indirect=True)
def test_a_flood_from_one_client_delays_another_clients_message_by_one_turn_at_most(
    messages_at_once: int,
) -> None:
    started = asyncio.run(_flood_and_one_other(50))

    # The first places went to A (it came first); B's message takes the very next one free.
    assert started.index("B0") == messages_at_once
    # A's own messages keep their order.
    assert [text for text in started if text.startswith("A")] == [f"A{n}" for n in range(50)]


def test_clients_are_served_in_turn_and_each_in_arrival_order() -> None:
    async def scenario() -> list[str]:
        gate, served = FairGate(1), []
        await gate.acquire("first")  # someone is in: everyone else waits

        async def wait_for_place(client: str, n: int) -> None:
            await gate.acquire(client)
            served.append(f"{client}{n}")
            gate.release()

        waiting = [
            asyncio.create_task(wait_for_place(client, n))
            for client, n in [("A", 1), ("A", 2), ("A", 3), ("B", 1), ("C", 1), ("B", 2)]
        ]
        await asyncio.sleep(0)
        gate.release()
        await asyncio.gather(*waiting)
        assert gate.active == 0
        return served

    assert asyncio.run(scenario()) == ["A1", "B1", "C1", "A2", "B2", "A3"]


def test_a_waiter_that_gives_up_does_not_keep_its_place() -> None:
    async def scenario() -> int:
        gate = FairGate(1)
        await gate.acquire("A")
        impatient = asyncio.create_task(gate.acquire("B"))
        await asyncio.sleep(0)
        impatient.cancel()
        await asyncio.gather(impatient, return_exceptions=True)
        gate.release()
        await asyncio.wait_for(gate.acquire("C"), 1)  # the place is free again
        return gate.active

    assert asyncio.run(scenario()) == 1


@pytest.fixture
def short_turns(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TURN_TIMEOUT_SECONDS", "2")
    monkeypatch.setenv("ACTION_TIMEOUT_SECONDS", "1")
    monkeypatch.setenv("MESSAGES_AT_ONCE", "1")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_a_turn_that_hangs_gets_the_timeout_answer_and_frees_the_gate(short_turns: None) -> None:
    async def scenario() -> tuple[list[dict[str, object]], list[dict[str, object]], float]:
        async def handler(message: UserMessage) -> None:
            await message.output_channel.send_text_message(message.sender_id, "half an answer")
            if message.text == "hang":
                await asyncio.Event().wait()  # a hung action server

        handle = through_the_gate(handler)
        hung, after = CollectingOutputChannel(), CollectingOutputChannel()
        loop = asyncio.get_running_loop()
        start = loop.time()
        await asyncio.gather(
            handle(UserMessage(text="hang", output_channel=hung, sender_id="family-1")),
            handle(UserMessage(text="hello", output_channel=after, sender_id="family-2")),
        )
        return hung.messages, after.messages, loop.time() - start

    hung, after, took = asyncio.run(scenario())

    assert [m["text"] for m in hung] == [say("channels.turn_timeout")]
    assert say("channels.turn_timeout") == (
        "This is taking longer than it should. Please send your message again."
    )
    assert [m["text"] for m in after] == ["half an answer"]
    assert 2 <= took < 3


def test_a_turn_abandoned_by_an_action_timeout_gets_the_same_answer(
    short_turns: None, caplog: pytest.LogCaptureFixture
) -> None:
    async def handler(message: UserMessage) -> None:
        raise TurnAbandoned("action_check_eligibility")

    output = CollectingOutputChannel()
    message = UserMessage(
        text="my dad is at FMC Butner", output_channel=output, sender_id="family-3"
    )
    asyncio.run(through_the_gate(handler)(message))

    assert [m["text"] for m in output.messages] == [say("channels.turn_timeout")]
    assert "timeout (action call)" in caplog.text
    assert "Butner" not in caplog.text
    assert "family-3" not in caplog.text


def test_a_turn_abandoned_by_a_failed_action_call_is_told_something_went_wrong(
    short_turns: None, caplog: pytest.LogCaptureFixture
) -> None:
    async def handler(message: UserMessage) -> None:
        raise TurnAbandoned("action_check_eligibility", timed_out=False)

    output = CollectingOutputChannel()
    message = UserMessage(
        text="my dad is at FMC Butner", output_channel=output, sender_id="family-4"
    )
    asyncio.run(through_the_gate(handler)(message))

    assert [m["text"] for m in output.messages] == [say("channels.turn_failed")]
    assert "failure (action call)" in caplog.text
    assert "Butner" not in caplog.text
