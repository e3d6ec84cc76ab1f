"""Whether the turn being handled was saved: what a channel needs before it sends the replies.

Rasa wraps every tracker store in `FailSafeTrackerStore`, which swallows a failed save (it logs
the error and saves into an in-memory store instead), so a channel cannot learn from an
exception that a turn was lost, nor that "forget me" did not erase anything. The erasing tracker
store (bot.storage.tracker_store) therefore reports the outcome here, and a channel that holds
its replies (bot.channels.held) reads it once `on_new_message` has returned.

The outcome travels in a context variable: Rasa awaits the save inside the channel's own task, so
the object the channel put there is the one the store marks. Without a channel watching (Rasa's
HTTP API) the report goes nowhere.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from enum import Enum


class Failure(str, Enum):
    """What went wrong while saving a turn."""

    SAVE = "save"
    ERASURE = "erasure"


@dataclass
class TurnOutcome:
    """Filled in by the tracker store while the turn is saved; None means it was saved."""

    failure: Failure | None = None


_current: ContextVar[TurnOutcome | None] = ContextVar("turn_outcome", default=None)


def watch_turn() -> TurnOutcome:
    """A fresh outcome for the turn about to be handled in this task."""
    outcome = TurnOutcome()
    _current.set(outcome)
    return outcome


def report_failure(failure: Failure) -> None:
    """Mark the watched turn (if any) as not saved."""
    outcome = _current.get()
    if outcome is not None:
        outcome.failure = failure
