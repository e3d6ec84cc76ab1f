"""A draft of the request to the Warden for the family to review, complete and send."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.bubbles import paragraphs
from bot.drafts import draft_warden_request
from bot.legal import assess

from .clock import today
from .handoff import assessment_of, more_questions_help
from .interruptions import slots_of


class ActionDraftWardenRequest(Action):  # type: ignore[misc]
    """Sends the draft as plain text messages the family can copy, with what to do next."""

    def __init__(self, clock: Callable[[], date] = today) -> None:
        self._clock = clock

    def name(self) -> str:
        """The action the request_warden_letter rule runs."""
        return "action_draft_warden_request"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        """The draft from what the family told us; or why there is no request to make."""
        slots = slots_of(tracker)
        as_of = self._clock()
        # Facts the engine refuses give the draft for a case it knows nothing about.
        assessment = assessment_of(slots, as_of) or assess({}, as_of)
        if not assessment.has_federal_request:
            dispatcher.utter_message(
                response="utter_no_warden_request",
                explanation=assessment.route.explanation,
                citation=assessment.route.citation,
            )
            return []
        facility = slots.get("facility")
        draft = draft_warden_request(
            assessment, facility=facility if isinstance(facility, str) else None
        )
        dispatcher.utter_message(response="utter_warden_request_intro")
        for message in paragraphs(draft.text):
            dispatcher.utter_message(text=message)
        dispatcher.utter_message(
            response="utter_warden_request_notes",
            notes="\n".join(f"• {note}" for note in draft.notes),
        )
        # Inside the eligibility questions the form asks the next one itself.
        if more_questions_help(slots) and not (tracker.active_loop or {}).get("name"):
            dispatcher.utter_message(response="utter_warden_request_more_questions")
        return []
