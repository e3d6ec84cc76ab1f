"""Hand-off: what the family told us, their consent, the referral for staff, a person to reach."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import date, datetime, timezone

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from bot.bubbles import bullets
from bot.legal import Assessment, CaseError, assess
from bot.screening.facts import case_from_slots, summary_lines
from bot.settings import Settings, get_settings
from bot.storage import NewReferral, engine_for, record_referral, transaction
from bot.storage.schema import utc_now

from .clock import today
from .interruptions import latest_intent, leave_form, slots_of

logger = logging.getLogger(__name__)

CONSENT_PENDING = "referral_consent_pending"
REFERRAL_ID = "referral_id"


def assessment_of(slots: Mapping[str, object], as_of: date) -> Assessment | None:
    """The engine's assessment of what the family told us; None if the facts contradict."""
    try:
        return assess(case_from_slots(slots), as_of)
    except CaseError as error:
        logger.info("Engine refused the facts (%s); continuing without an assessment", error.key)
        return None


def not_federal(dispatcher: CollectingDispatcher, assessment: Assessment | None) -> bool:
    """Say so and return True when the case is not federal, so the Clearinghouse cannot take it.

    The Clearinghouse reviews federal cases only (seed 002).
    """
    if assessment is None or assessment.is_federal:
        return False
    dispatcher.utter_message(
        response="utter_referral_not_federal",
        explanation=assessment.route.explanation,
        citation=assessment.route.citation,
    )
    return True


def more_questions_help(slots: Mapping[str, object]) -> bool:
    """True until the family has gone through the questions and confirmed their answers."""
    return slots.get("confirm_facts") is not True


def say_how_to_reach_staff(
    dispatcher: CollectingDispatcher, settings: Settings, without_contact: str
) -> None:
    """The organisation's contact details, or the `without_contact` response."""
    if settings.organisation_contact:
        dispatcher.utter_message(
            response="utter_human_handoff_contact",
            organisation=settings.organisation,
            contact=settings.organisation_contact,
        )
    else:
        dispatcher.utter_message(response=without_contact, organisation=settings.organisation)


class ActionHandoffSummary(Action):  # type: ignore[misc]
    """Shows what the family told us and asks their consent to share it."""

    def __init__(self, clock: Callable[[], date] = today, settings: Settings | None = None) -> None:
        self._clock = clock
        self._settings = settings

    def name(self) -> str:
        """The action the request_referral rule runs."""
        return "action_handoff_summary"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        """The summary and the consent question, or why the Clearinghouse cannot take the case."""
        settings = self._settings or get_settings()
        slots = slots_of(tracker)
        events = leave_form(tracker)
        if not_federal(dispatcher, assessment_of(slots, self._clock())):
            return [*events, SlotSet(CONSENT_PENDING, False)]
        lines = summary_lines(slots)
        if lines:
            chunks = bullets(lines)
            dispatcher.utter_message(response="utter_handoff_summary", summary=chunks[0])
            for chunk in chunks[1:]:
                dispatcher.utter_message(response="utter_handoff_summary_continued", summary=chunk)
        else:
            dispatcher.utter_message(response="utter_handoff_nothing_yet")
        if tracker.get_slot(REFERRAL_ID):
            dispatcher.utter_message(
                response="utter_referral_already_sent", reference=tracker.get_slot(REFERRAL_ID)
            )
        dispatcher.utter_message(
            response="utter_ask_referral_consent_or_questions"
            if more_questions_help(slots)
            else "utter_ask_referral_consent",
            organisation=settings.organisation,
        )
        return [*events, SlotSet(CONSENT_PENDING, True)]


class ActionRecordReferral(Action):  # type: ignore[misc]
    """On yes, records the referral with the engine's assessment; on no, records nothing."""

    def __init__(self, clock: Callable[[], date] = today, settings: Settings | None = None) -> None:
        self._clock = clock
        self._settings = settings

    def name(self) -> str:
        """The action the consent rules run after action_handoff_summary."""
        return "action_record_referral"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        """Stores the referral only with the family's yes to the question just asked."""
        if not tracker.get_slot(CONSENT_PENDING):
            dispatcher.utter_message(response="utter_anything_else")
            return []
        done: list[EventType] = [SlotSet(CONSENT_PENDING, False)]
        if latest_intent(tracker) != "affirm":
            dispatcher.utter_message(response="utter_referral_declined")
            return done
        settings = self._settings or get_settings()
        slots = slots_of(tracker)
        facts = case_from_slots(slots)
        assessment = assessment_of(slots, self._clock())
        if not_federal(dispatcher, assessment):
            return done
        referral = NewReferral(
            sender_id=tracker.sender_id,
            channel=tracker.get_latest_input_channel(),
            summary="\n".join(summary_lines(slots)),
            facts=facts,
            # The stored referral is JSON: the engine's CLI shape.
            assessment=None if assessment is None else assessment.to_dict(),
            consented_at=_consent_time(tracker),
        )
        try:
            with transaction(engine_for(settings.database_url)) as session:
                referral_id = record_referral(session, referral)
        except SQLAlchemyError as error:
            # The error's text would quote the row (the family's facts): log its kind only.
            logger.error(
                "Could not record the referral of %s: %s", tracker.sender_id, type(error).__name__
            )
            dispatcher.utter_message(response="utter_referral_failed")
            return done
        logger.info("Recorded referral %s for %s", referral_id, tracker.sender_id)
        dispatcher.utter_message(
            response="utter_referral_recorded",
            organisation=settings.organisation,
            reference=str(referral_id),
        )
        if settings.clearinghouse_questionnaire_url:
            dispatcher.utter_message(
                response="utter_referral_questionnaire",
                url=settings.clearinghouse_questionnaire_url,
            )
        else:
            dispatcher.utter_message(
                response="utter_referral_questionnaire_from_staff",
                organisation=settings.organisation,
            )
        say_how_to_reach_staff(dispatcher, settings, "utter_referral_follow_up")
        return [*done, SlotSet(REFERRAL_ID, str(referral_id))]


class ActionHumanHandoff(Action):  # type: ignore[misc]
    """How to reach a person at the organisation."""

    def __init__(self, settings: Settings | None = None) -> None:
        self._settings = settings

    def name(self) -> str:
        """The action the human_handoff rule runs."""
        return "action_human_handoff"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        """The contact from the settings, or that staff read the conversations."""
        say_how_to_reach_staff(
            dispatcher, self._settings or get_settings(), "utter_human_handoff_no_contact"
        )
        return []


def _consent_time(tracker: Tracker) -> datetime:
    """When the family said yes: the time of their latest message."""
    for event in reversed(tracker.events):
        if event.get("event") == "user" and isinstance(event.get("timestamp"), int | float):
            return datetime.fromtimestamp(float(event["timestamp"]), timezone.utc)
    return utc_now()
