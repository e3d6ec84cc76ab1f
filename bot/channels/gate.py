"""First come, first served: how many messages one Rasa process works on at once.

Rasa handles a message in stretches of CPU work (NLU, policies, the tracker store) separated by
waits for the action server. Under load, asyncio interleaves those stretches across every message
in flight, so a message that calls the action server three times queues three times behind all
the others: a few families wait seconds while most wait a fraction of one (README, "Speed"). The
gate admits `Settings.messages_at_once` messages at a time, in arrival order (asyncio.Semaphore
wakes its waiters first in, first out), so each message finishes soon after it starts. Every
channel of ours passes its messages through the same gate.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from weakref import WeakKeyDictionary

from rasa.core.channels.channel import UserMessage

from bot.settings import get_settings

OnNewMessage = Callable[[UserMessage], Awaitable[None]]

_gates: WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = WeakKeyDictionary()


def gate() -> asyncio.Semaphore:
    """The running event loop's gate (one per loop, created on first use)."""
    loop = asyncio.get_running_loop()
    if loop not in _gates:
        _gates[loop] = asyncio.Semaphore(get_settings().messages_at_once)
    return _gates[loop]


def gated(on_new_message: OnNewMessage) -> OnNewMessage:
    """`on_new_message`, admitted through the gate in arrival order."""

    async def handle(message: UserMessage) -> None:
        async with gate():
            await on_new_message(message)

    return handle
