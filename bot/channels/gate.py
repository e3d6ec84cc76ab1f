"""First come, first served, fairly: how many messages one Rasa process works on at once.

Rasa handles a message in stretches of CPU work (NLU, policies, the tracker store) separated by
waits for the action server. Under load, asyncio interleaves those stretches across every message
in flight, so a message that calls the action server three times queues three times behind all
the others, and the slowest messages wait many times longer than the typical one (figures in
README, "Speed"). The gate admits `Settings.messages_at_once` messages at a time, so each message finishes soon after
it starts. Every channel of ours passes its messages through the same gate.

Fair: waiting messages are grouped by client (the address the webhook saw, `client_key`; the
conversation when no address is known, as for Telegram, whose updates all come from Telegram).
A freed place goes to the waiting client that was let in least recently (so clients take turns,
round-robin), and within one client to its oldest message: one client with a hundred messages in
flight delays another client's message by the turns already in progress, not by a hundred.

Bounded: every turn has `Settings.turn_timeout_seconds` (20). A turn that takes longer (a hung
action server, a stuck database) is cancelled: Rasa's lock on the conversation is released by its
own context manager, nothing of the turn is saved (Rasa saves the tracker only at the end of a
turn), and the family is told, by key, to send the message again.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, Hashable
from weakref import WeakKeyDictionary

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.settings import get_settings
from bot.wording import say

from .held import held_until_saved

logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[None]]

# The client the current request came from (set by a webhook before it calls the gate).
client_key: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "gate_client_key", default=None
)


class TurnAbandoned(BaseException):
    """Raised inside a turn to end it now, unsaved, when its action call failed (bot/server.py).

    A BaseException, so that Rasa's `except Exception` around an action lets it through and
    the turn stops instead of going on, silent, with the action's events lost. `timed_out` says
    which answer the family gets: "taking longer than it should" or "went wrong on our side".
    """

    def __init__(self, action_name: str, *, timed_out: bool = True) -> None:
        super().__init__(action_name)
        self.timed_out = timed_out


class FairGate:
    """At most `capacity` holders at once; a freed place goes to the waiting client served
    least recently (so clients take turns), and within one client to its oldest waiter."""

    def __init__(self, capacity: int, remembered: int = 10_000) -> None:
        self._capacity = capacity
        self._active = 0
        self._waiting: OrderedDict[Hashable, deque[asyncio.Future[None]]] = OrderedDict()
        # When each recent client was last let in (a counter), for taking turns.
        self._served: OrderedDict[Hashable, int] = OrderedDict()
        self._remembered = remembered
        self._tick = 0

    @property
    def active(self) -> int:
        """How many holders are in now."""
        return self._active

    async def acquire(self, key: Hashable) -> None:
        """Wait for a place for `key`."""
        if self._active < self._capacity and not self._waiting:
            self._active += 1
            self._mark_served(key)
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(key, deque()).append(waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release()  # the place was handed over just as the waiter gave up
            else:
                self._forget(key, waiter)
            raise

    def release(self) -> None:
        """Give the place to the waiting client served least recently, or free it."""
        while self._waiting:
            key = min(self._waiting, key=lambda waiting: self._served.get(waiting, -1))
            queue = self._waiting[key]
            waiter = queue.popleft()
            if not queue:
                del self._waiting[key]
            if not waiter.done():
                waiter.set_result(None)  # the place passes on: `_active` stays the same
                self._mark_served(key)
                return
        self._active -= 1

    def _mark_served(self, key: Hashable) -> None:
        self._tick += 1
        self._served[key] = self._tick
        self._served.move_to_end(key)
        if len(self._served) > self._remembered:
            self._served.popitem(last=False)

    def _forget(self, key: Hashable, waiter: asyncio.Future[None]) -> None:
        queue = self._waiting.get(key)
        if queue is not None and waiter in queue:
            queue.remove(waiter)
            if not queue:
                del self._waiting[key]


_gates: WeakKeyDictionary[asyncio.AbstractEventLoop, FairGate] = WeakKeyDictionary()


def gate() -> FairGate:
    """The running event loop's gate (one per loop, created on first use)."""
    loop = asyncio.get_running_loop()
    if loop not in _gates:
        _gates[loop] = FairGate(get_settings().messages_at_once)
    return _gates[loop]


async def say_stopped(message: UserMessage, timed_out: bool) -> None:
    """Tell the family that the turn stopped (and drop what it had collected)."""
    output = message.output_channel
    if isinstance(output, CollectingOutputChannel):
        output.messages.clear()  # the turn is not saved, so neither are its half replies
    text = say("channels.turn_timeout") if timed_out else say("channels.turn_failed")
    await output.send_text_message(message.sender_id, text)


def through_the_gate(on_new_message: OnNewMessage) -> OnNewMessage:
    """`on_new_message` through the gate, fairly, within the turn timeout, its replies held
    until the turn was saved (bot/channels/held.py). Every channel of ours uses this."""
    turn = held_until_saved(on_new_message)

    async def handle(message: UserMessage) -> None:
        the_gate = gate()
        key = client_key.get() or f"sender:{message.sender_id}"
        timeout = get_settings().turn_timeout_seconds
        await the_gate.acquire(key)
        try:
            await asyncio.wait_for(turn(message), timeout)
        except (asyncio.TimeoutError, TurnAbandoned) as stopped:
            timed_out = not isinstance(stopped, TurnAbandoned) or stopped.timed_out
            # No content: the channel, and what stopped the turn.
            logger.warning(
                "A %s turn was stopped after %s",
                message.input_channel or "channel",
                "a timeout (turn)"
                if isinstance(stopped, asyncio.TimeoutError)
                else f"a{' timeout' if timed_out else ' failure'} (action call)",
            )
            await say_stopped(message, timed_out)
        finally:
            the_gate.release()

    return handle
