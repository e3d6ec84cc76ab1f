"""The first safe day a family may take a compassionate-release motion to court."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.legal import CaseError, Deadline, assess
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
        domain: DomainDict,
    ) -> list[EventType]:
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
        deadline = _court_motion_earliest(received, as_of)
        if deadline is None or deadline.wait_ends is None:
            logger.warning("No court date for a request received on %s", received)
            dispatcher.utter_message(response="utter_court_deadline_unavailable")
            return [SlotSet(AWAITING_DATE, True)]
        dispatcher.utter_message(
            response="utter_court_deadline_passed"
            if deadline.passed(as_of)
            else "utter_court_deadline",
            received=long_date(received),
            last_day=long_date(deadline.wait_ends),
            earliest=long_date(deadline.day),
            citation=deadline.citation,
        )
        return [
            SlotSet(RECEIVED, received.isoformat()),
            SlotSet(EARLIEST, deadline.day.isoformat()),
            SlotSet(AWAITING_DATE, False),
        ]


def _court_motion_earliest(received: date, as_of: date) -> Deadline | None:
    """The engine's court-motion deadline for this day alone; None if the engine gives none."""
    try:
        assessment = assess({RECEIVED: received.isoformat()}, as_of)
    except CaseError as error:
        logger.warning("The engine refused the warden date at %s", error.key)
        return None
    return assessment.deadline(EARLIEST)
