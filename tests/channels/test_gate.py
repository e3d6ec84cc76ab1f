"""The gate admits a fixed number of messages at a time, in arrival order."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from rasa.core.channels.channel import UserMessage

from bot.channels.gate import gated
from bot.settings import get_settings


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

    handle = gated(handler)
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
