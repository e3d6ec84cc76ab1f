"""The first safe day a family may take a compassionate-release motion to court."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.legal import assess_dict
from bot.legal.dates import long_date
from bot.screening.dates import find_date

from .clock import today

logger = logging.getLogger(__name__)

AWAITING_DATE = "awaiting_warden_date"
RECEIVED = "warden_request_received"
EARLIEST = "court_motion_earliest"


class ActionCourtDeadline(Action):  # type: ignore[misc]
    """Reads when the warden received the request and answers with the earliest court date."""

    def __init__(self, clock: Callable[[], date] = today) -> None:
        self._clock = clock

    def name(self) -> str:
        """The action name used in the domain and rules."""
        return "action_court_deadline"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        """Answers with the date, or asks for the day the warden received the request."""
        as_of = self._clock()
        received = find_date(str(tracker.latest_message.get("text") or ""), as_of)
        if received is None:
            dispatcher.utter_message(response="utter_ask_warden_date")
            return [SlotSet(AWAITING_DATE, True)]
        if received > as_of:
            dispatcher.utter_message(
                response="utter_warden_date_future", received=long_date(received)
            )
            return [SlotSet(AWAITING_DATE, True)]
        try:
            deadline = _court_motion_earliest(received, as_of)
            earliest = date.fromisoformat(deadline["date"])
            last_day = date.fromisoformat(deadline["wait_ends"])
            passed, citation = bool(deadline["passed"]), str(deadline["citation"])
        except (KeyError, TypeError, ValueError):
            # ValueError includes bot.legal.CaseError, the engine's refusal of an input.
            logger.warning("No court date for a request received on %s", received, exc_info=True)
            dispatcher.utter_message(response="utter_court_deadline_unavailable")
            return [SlotSet(AWAITING_DATE, True)]
        dispatcher.utter_message(
            response="utter_court_deadline_passed" if passed else "utter_court_deadline",
            received=long_date(received),
            last_day=long_date(last_day),
            earliest=long_date(earliest),
            citation=citation,
        )
        return [
            SlotSet(RECEIVED, received.isoformat()),
            SlotSet(EARLIEST, earliest.isoformat()),
            SlotSet(AWAITING_DATE, False),
        ]


def _court_motion_earliest(received: date, as_of: date) -> dict[str, Any]:
    """The engine's court-motion deadline; raises `CaseError` (a ValueError) on bad input."""
    assessment = assess_dict({RECEIVED: received.isoformat()}, as_of)
    deadline: dict[str, Any] = assessment["deadlines"][EARLIEST]
    return deadline
