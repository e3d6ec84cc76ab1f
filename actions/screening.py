"""eligibility_form: reads each answer, explains why a question matters, decides what comes next.

`validate_eligibility_form` is the action Rasa's form loop calls after every message while the
form is active. It is a plain `Action`, not rasa-sdk's `FormValidationAction`: that class runs
`validate_<slot>` only for the slots Rasa set since the family's message, each returning slot
values, then asks the first empty slot of `required_slots`. A turn of this form needs more than
that: to hand the message back to the rules (`ActionExecutionRejected`) for a side question or a
wish to stop, to say why a question matters without storing anything, to store a different slot
than the one asked ("he's in a state prison" while asked his age), to start over when answers
contradict each other (`bot.legal.CaseError`), and to choose the next question when no slot was
set at all (back from a side question). So this action reads the answer itself and sets
`requested_slot` to the next question (bot.screening.questions.next_slot); the questions
themselves are listed once, in bot.screening.registry.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date
from typing import Any, get_args

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecutionRejected, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from bot.bubbles import bullets
from bot.legal import CaseError
from bot.screening import answers
from bot.screening.entities import Entity
from bot.screening.facts import UNKNOWN, as_number, summary_lines
from bot.screening.questions import next_slot
from bot.screening.reading import NO_ANSWERS, Reading, is_question, read_answer
from bot.screening.registry import FORM_SLOTS, KINDS, SUPPORTING_SLOTS, WHY_RESPONSES, Kind
from bot.wording import say

from .clock import today
from .interruptions import latest_intent

logger = logging.getLogger(__name__)

FORM = "eligibility_form"
FAILURES = "screening_failed_answers"
SCREENING_SLOTS = (*FORM_SLOTS, *SUPPORTING_SLOTS)
# After this many answers in a row that could not be read, offer to skip the question.
OFFER_SKIP_AFTER = 2
# Answers are short; a pasted letter is read only this far (date parsing is slow on long text).
MAX_ANSWER_CHARS = 500

# Questions that interrupt the screening: another rule answers them, then the form asks again.
SIDE_INTENTS = frozenset(
    {
        "faq",
        "ask_court_deadline",
        "bot_challenge",
        "out_of_scope",
        "request_referral",
        "request_warden_letter",
        "human_handoff",
        "goodbye",
        "restart",
        "forget_me",
        "greet",
    }
)
# Side intents that may still carry a plain answer ("he's 70" read as faq/elderly).
SOFT_SIDE_INTENTS = frozenset({"faq", "out_of_scope", "greet"})
# Intents a "stop" may come with: the form asks whether to continue (data/rules/screening.yml).
STOP_INTENTS = frozenset({"deny", "nlu_fallback", "out_of_scope", "goodbye"})
# The date questions answer "when can we go to court?" themselves.
DATE_QUESTIONS = frozenset(slot for slot, kind in KINDS.items() if kind == "warden_date")
SCOPE_INTENTS = frozenset({"state_prisoner", "dc_code_offender"})

_STOP = re.compile(
    r"^(stop|quit|cancel|exit|enough|end|para|parar|basta|ya no|forget it|never ?mind|"
    r"i want to stop|i'?m done|i am done|no more questions|stop asking|no quiero seguir)\b"
)
_WHY = re.compile(r"^(why|how come|por ?que|para que|what for)\b")

# The "I didn't get that" hint for each kind of answer.
INVALID_RESPONSES: dict[str, str] = {kind: f"utter_invalid_{kind}" for kind in get_args(Kind)}
PROBLEM_RESPONSES: dict[str, str] = {
    "future": "utter_invalid_future_date",
    "need_date": "utter_invalid_need_date",
}
INCONSISTENT_RESPONSES: dict[str, str] = {
    "served_months": "utter_inconsistent_served",
    "warden_denied_on": "utter_inconsistent_denial",
}
INCONSISTENT = "utter_inconsistent_answer"
OFFER_SKIP = "utter_offer_skip"
INTRO = "utter_screening_intro"
START_OVER = "utter_screening_start_over"
CONFIRM_QUESTION = "utter_ask_confirm_facts"
CONFIRM_SUMMARY = "utter_confirm_facts_summary"
CONFIRM_INTRO = "utter_confirm_facts_intro"


def _entities(tracker: Tracker) -> list[Entity]:
    return list(tracker.latest_message.get("entities") or [])


def _entity_value(entities: list[Entity], name: str) -> Any:
    return next((e.get("value") for e in entities if e.get("entity") == name), None)


def answers_the_form(tracker: Tracker) -> bool:
    """Whether the latest message replies to the form's own question.

    Not when the form comes back after a side path (the form was rejected, another action
    answered, or Rasa marked the loop interrupted), nor when the last thing said before the
    message was not the form's question.
    """
    events = tracker.events
    user_index = next(
        (i for i in range(len(events) - 1, -1, -1) if events[i].get("event") == "user"), None
    )
    if user_index is None:
        return False
    for event in events[user_index + 1 :]:
        kind = event.get("event")
        if kind == "loop_interrupted" and event.get("is_interrupted"):
            return False
        if kind == "action_execution_rejected":
            return False
        if kind == "action" and event.get("name") not in (FORM, "action_listen"):
            return False
    before = (
        e.get("name")
        for e in reversed(events[:user_index])
        if e.get("event") == "action" and e.get("name") != "action_listen"
    )
    return next(before, None) == FORM


def _set_since_user(tracker: Tracker, slot: str) -> bool:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") == slot:
            return True
    return False


class ActionReadScreeningAnswer(Action):  # type: ignore[misc]
    """Reads each answer of eligibility_form and chooses the next question (see module notes)."""

    def __init__(self, clock: Callable[[], date] = today) -> None:
        self._clock = clock

    def name(self) -> str:
        """The validation action Rasa calls for eligibility_form."""
        return "validate_eligibility_form"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        """Validates the latest answer; see `validate`."""
        return self.validate(dispatcher, tracker)

    def validate(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """The events that store the answer (or not) and name the next question."""
        as_of = self._clock()
        requested = tracker.get_slot(REQUESTED_SLOT)
        slots = {name: tracker.get_slot(name) for name in (*SCREENING_SLOTS, FAILURES)}
        if requested not in FORM_SLOTS or not answers_the_form(tracker):
            return self._resume(dispatcher, tracker, slots, requested, as_of)
        # What the slot holds now is the raw text Rasa mapped to it, not an answer yet.
        slots[requested] = None
        text = str(tracker.latest_message.get("text") or "").strip()[:MAX_ANSWER_CHARS]
        intent = latest_intent(tracker)
        entities = _entities(tracker)
        normal = answers.normalize(text)
        if _STOP.search(normal) and intent in STOP_INTENTS:
            return self._reject(requested)
        if intent == "ask_why" or (_WHY.search(normal) and is_question(text)):
            dispatcher.utter_message(response=WHY_RESPONSES[requested])
            return [
                SlotSet(requested, None),
                SlotSet(FAILURES, 0),
                SlotSet(REQUESTED_SLOT, requested),
            ]
        has_facility = _entity_value(entities, "FACILITY") is not None
        if intent in SCOPE_INTENTS and requested != "jurisdiction":
            scope = read_answer("jurisdiction", text, None, None, as_of)
            if scope.value is not None:
                stored = self._store(dispatcher, slots, "jurisdiction", scope, as_of, requested)
                return [SlotSet(requested, None), *stored]
        reading = read_answer(
            requested, text, intent, _entity_value(entities, requested), as_of, has_facility
        )
        side = SIDE_INTENTS - ({"ask_court_deadline"} if requested in DATE_QUESTIONS else set())
        if intent in side and (
            intent not in SOFT_SIDE_INTENTS or reading.value is None or is_question(text)
        ):
            return self._reject(requested)
        if reading.value is None:
            if intent == "deny" and requested not in NO_ANSWERS:
                return self._reject(requested)
            return self._failed(dispatcher, slots, requested, reading)
        events = [
            e
            for e in self._supporting(tracker, entities)
            if not (reading.state and e["name"] == "state")
        ]
        return events + self._store(dispatcher, slots, requested, reading, as_of, requested)

    def _resume(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        slots: dict[str, object],
        requested: str | None,
        as_of: date,
    ) -> list[EventType]:
        """At activation, or back from a side question: nothing to read, ask what is next."""
        events: list[EventType] = []
        if requested in FORM_SLOTS and _set_since_user(tracker, requested):
            events.append(SlotSet(requested, None))
            slots[requested] = None
        if requested is None:
            events += self._from_trigger(tracker, slots, as_of)
        try:
            following = next_slot(slots, as_of)
        except CaseError:
            logger.info("Earlier screening answers contradict each other; starting over")
            dispatcher.utter_message(response=START_OVER)
            return [*self._clear(), SlotSet(REQUESTED_SLOT, FORM_SLOTS[0])]
        if requested is None and following is not None:
            dispatcher.utter_message(response=INTRO)
        return [*events, SlotSet(REQUESTED_SLOT, following)]

    def _from_trigger(
        self, tracker: Tracker, slots: dict[str, object], as_of: date
    ) -> list[EventType]:
        """Facts the first message already gives: "my dad is 70 and at FCI Butner"."""
        text = str(tracker.latest_message.get("text") or "")[:MAX_ANSWER_CHARS]
        entities = _entities(tracker)
        events = self._supporting(tracker, entities)
        found: dict[str, object] = {}
        if slots.get("jurisdiction") is None:
            has_facility = _entity_value(entities, "FACILITY") is not None
            court = answers.parse_jurisdiction(text, has_facility) if text else None
            if court is not None:
                found["jurisdiction"] = court[0]
                if court[1]:
                    found["state"] = court[1]
        age_text = _entity_value(entities, "AGE")
        if slots.get("age") is None and isinstance(age_text, str):
            age = answers.parse_age(age_text, as_of)
            if age is not None:
                found["age"] = age
        candidate = {**slots, **found}
        try:
            next_slot(candidate, as_of)
        except CaseError:
            return events
        slots.update(found)
        return events + [SlotSet(key, value) for key, value in found.items()]

    def _supporting(self, tracker: Tracker, entities: list[Entity]) -> list[EventType]:
        """The prison, state and relationship the message names, as the slots keep them."""
        events: list[EventType] = []
        facility = _entity_value(entities, "FACILITY")
        if isinstance(facility, str):
            events.append(SlotSet("facility", facility))
        relationship = _entity_value(entities, "RELATIONSHIP")
        if isinstance(relationship, str):
            events.append(SlotSet("relationship", relationship))
        state = _entity_value(entities, "US_STATE")
        if isinstance(state, str):
            code = answers.state_code(state) or (state if len(state) == 2 else None)
            events.append(SlotSet("state", code.upper() if code else tracker.get_slot("state")))
        return events

    def _store(
        self,
        dispatcher: CollectingDispatcher,
        slots: dict[str, object],
        slot: str,
        reading: Reading,
        as_of: date,
        requested: str,
    ) -> list[EventType]:
        """Store a readable answer, unless it contradicts another one."""
        if slot == "confirm_facts" and reading.value is False:
            dispatcher.utter_message(response=START_OVER)
            return [*self._clear(), SlotSet(REQUESTED_SLOT, FORM_SLOTS[0])]
        updated = {**slots, slot: reading.value}
        if reading.state:
            updated["state"] = reading.state
        try:
            following = next_slot(updated, as_of)
        except CaseError as error:
            logger.info("Screening answer for %s contradicts %s", slot, error.key)
            dispatcher.utter_message(response=INCONSISTENT_RESPONSES.get(error.key, INCONSISTENT))
            return self._retry(dispatcher, slots, requested)
        events: list[EventType] = [SlotSet(slot, reading.value)]
        if reading.state:
            events.append(SlotSet("state", reading.state))
        return [*events, SlotSet(FAILURES, 0), SlotSet(REQUESTED_SLOT, following)]

    def _failed(
        self,
        dispatcher: CollectingDispatcher,
        slots: dict[str, object],
        requested: str,
        reading: Reading,
    ) -> list[EventType]:
        """Say kindly what kind of answer helps, then ask again."""
        response = (
            PROBLEM_RESPONSES.get(reading.problem or "") or INVALID_RESPONSES[KINDS[requested]]
        )
        dispatcher.utter_message(response=response)
        return self._retry(dispatcher, slots, requested)

    def _retry(
        self, dispatcher: CollectingDispatcher, slots: dict[str, object], requested: str
    ) -> list[EventType]:
        failures = int(as_number(slots.get(FAILURES)) or 0) + 1
        if failures >= OFFER_SKIP_AFTER:
            dispatcher.utter_message(response=OFFER_SKIP)
        return [
            SlotSet(requested, None),
            SlotSet(FAILURES, failures),
            SlotSet(REQUESTED_SLOT, requested),
        ]

    @staticmethod
    def _reject(requested: str) -> list[EventType]:
        """Hand the message to the rules (a side question, or a wish to stop)."""
        return [SlotSet(requested, None), ActionExecutionRejected(FORM)]

    @staticmethod
    def _clear() -> list[EventType]:
        return [SlotSet(slot, None) for slot in (*SCREENING_SLOTS, FAILURES)]


class ActionAskConfirmFacts(Action):  # type: ignore[misc]
    """Shows what the family told us and asks whether it is right."""

    def name(self) -> str:
        """The form's question for confirm_facts."""
        return "action_ask_confirm_facts"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        """One or more summary messages, then "Is this right?" with Yes / Change buttons."""
        slots = {name: tracker.get_slot(name) for name in SCREENING_SLOTS}
        dispatcher.utter_message(response=CONFIRM_INTRO)
        for chunk in bullets(summary_lines(slots)) or [say("screening.nothing_yet")]:
            dispatcher.utter_message(response=CONFIRM_SUMMARY, summary=chunk)
        dispatcher.utter_message(response=CONFIRM_QUESTION)
        return []


__all__ = ["UNKNOWN", "ActionAskConfirmFacts", "ActionReadScreeningAnswer"]
