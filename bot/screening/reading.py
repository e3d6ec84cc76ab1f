"""One message read as the answer to one question of the screening.

`read_answer` combines what the NLU found (the intent, a button's entity value) with the text
parsers of `answers`. Intents are plain strings here: no Rasa.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import answers
from .dates import find_date
from .facts import NO_DENIAL, NO_REQUEST, UNKNOWN
from .registry import BOOL_SLOTS, KINDS

# What a plain "no" means for the questions a "no" can answer ("Did the doctors say how long?"
# "No": they did not say, so it stays unknown).
NO_ANSWERS: dict[str, str | bool] = {
    "life_expectancy_months": UNKNOWN,
    "terminal_diagnosis_on": UNKNOWN,
    "warden_request_received": NO_REQUEST,
    "warden_denied_on": NO_DENIAL,
    "family_situation": "none",
    "abuse_established_by": "not_established",
    "confirm_facts": False,
    **dict.fromkeys(BOOL_SLOTS, False),
}
_NOT_YET = re.compile(
    r"\b(not yet|hasn'?t|haven'?t|have not|has not|didn'?t|did not|no request|never sent|"
    r"no answer|no response|not answered|still waiting|waiting|nothing back|no denial|"
    r"wasn'?t denied|not denied|todavia no|aun no|no ha|no hemos)\b"
)
_QUESTION = re.compile(
    r"\?|^(what|whats|what's|how|can|could|does|do|is|are|will|who|when|where|why|should|would|"
    r"que|como|cuando|puede|donde)\b"
)


@dataclass(frozen=True)
class Reading:
    """The slot value a message gives, and the state it names for a state sentence.

    `value` is None when the message does not answer the question; `problem` then says why
    when it is more than "not understood" ("future" date, a "yes" that still needs a date).
    """

    value: Any = None
    state: str | None = None
    problem: str | None = None


def is_question(text: str) -> bool:
    """Whether a message reads as a question rather than an answer."""
    return bool(_QUESTION.search(answers.normalize(text)))


def read_answer(
    slot: str,
    text: str,
    intent: str | None,
    entity_value: Any,
    today: date,
    has_facility: bool = False,
) -> Reading:
    """Read `text` as the answer to `slot`; see `Reading`."""
    if entity_value is not None:
        return _read_button(slot, entity_value, today)
    if text.startswith("/"):
        return _read_intent(slot, intent)
    if slot != "confirm_facts" and (intent == "dont_know" or answers.is_unknown(text)):
        return Reading(UNKNOWN)
    reading = _read_text(slot, text, today, has_facility)
    if reading.value is None and reading.problem is None and intent in ("affirm", "deny"):
        return _read_intent(slot, intent)
    return reading


def _read_button(slot: str, value: Any, today: date) -> Reading:
    if isinstance(value, str):
        return _read_text(slot, value, today, False)
    return Reading(value)


def _read_intent(slot: str, intent: str | None) -> Reading:
    if intent == "dont_know" and slot != "confirm_facts":
        return Reading(UNKNOWN)
    if intent == "deny" and slot in NO_ANSWERS:
        return Reading(NO_ANSWERS[slot])
    if intent == "affirm":
        if slot in BOOL_SLOTS or slot == "confirm_facts":
            return Reading(True)
        if slot in ("warden_request_received", "warden_denied_on"):
            return Reading(problem="need_date")
    return Reading()


def _read_text(slot: str, text: str, today: date, has_facility: bool) -> Reading:
    kind = KINDS.get(slot)
    if kind == "yes_no":
        return Reading(answers.parse_fact(slot, text))
    if kind == "terminal":
        return Reading(answers.parse_terminal(text))
    if kind == "confirm":
        answer = answers.parse_yes_no(text)
        if re.search(
            r"\b(change|wrong|fix|not right|incorrect|start over|cambiar)\b", text.lower()
        ):
            answer = False
        return Reading(answer if isinstance(answer, bool) else None)
    if kind == "jurisdiction":
        found = answers.parse_jurisdiction(text, has_facility)
        return Reading() if found is None else Reading(found[0], state=found[1])
    if kind == "offense_era":
        return Reading(answers.parse_offense_era(text, today))
    if kind == "age":
        return Reading(answers.parse_age(text, today))
    if kind == "sentence":
        return Reading(answers.parse_sentence(text))
    if kind == "served":
        return Reading(answers.parse_served(text, today))
    if kind == "life_expectancy":
        return Reading(answers.parse_life_expectancy(text))
    if kind == "self_care":
        return Reading(answers.parse_self_care(text))
    if kind == "family_situation":
        return Reading(answers.parse_family_situation(text))
    if kind == "abuse_established":
        return Reading(answers.parse_abuse_established(text))
    if kind in ("date", "warden_date"):
        return _read_date(slot, text, today)
    return Reading()


def _read_date(slot: str, text: str, today: date) -> Reading:
    day = find_date(text, today)
    if day is not None:
        if day > today:
            return Reading(problem="future")
        return Reading(day.isoformat())
    if slot in NO_ANSWERS and slot != "terminal_diagnosis_on":
        normal = answers.normalize(text)
        if _NOT_YET.search(normal) or answers.parse_yes_no(normal) is False:
            return Reading(NO_ANSWERS[slot])
        if answers.parse_yes_no(normal) is True:
            return Reading(problem="need_date")
    return Reading()
