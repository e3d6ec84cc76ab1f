"""action_assess_eligibility: the engine's assessment of the screening, explained."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.explain import explain
from bot.legal import CaseError, assess
from bot.screening.facts import case_from_slots

from .clock import today
from .screening import SCREENING_SLOTS

logger = logging.getLogger(__name__)

NEXT_ACTIONS = "utter_screening_next_actions"
SCOPE_NEXT = "utter_screening_scope_next"
UNAVAILABLE = "utter_screening_unavailable"


class ActionAssessEligibility(Action):  # type: ignore[misc]
    """Reads the screening's slots, asks the engine, and explains the result."""

    def __init__(self, clock: Callable[[], date] = today) -> None:
        self._clock = clock

    def name(self) -> str:
        """The action the screening's rule runs when the form is complete."""
        return "action_assess_eligibility"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        """Sends the explanation, then the next actions the family can take."""
        case = case_from_slots({name: tracker.get_slot(name) for name in SCREENING_SLOTS})
        try:
            assessment = assess(case, self._clock())
        except CaseError as error:
            logger.warning("The engine refused the screening's facts at %s", error.key)
            dispatcher.utter_message(response=UNAVAILABLE)
            return [SlotSet("confirm_facts", None)]
        for message in explain(assessment):
            dispatcher.utter_message(text=message)
        if not assessment.has_federal_request:
            dispatcher.utter_message(response=SCOPE_NEXT)
            # A new screening starts from the court question, in case it was answered by mistake.
            return [SlotSet("confirm_facts", None), SlotSet("jurisdiction", None)]
        dispatcher.utter_message(response=NEXT_ACTIONS)
        return [SlotSet("confirm_facts", None)]
