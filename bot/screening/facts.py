"""The screening's slots as the engine's input (`case_from_slots`) and as a plain summary.

Slot values, as the form stores them (see docs/conversation.md):

- yes/no facts: `True`, `False` or `"unknown"` ("yes"/"no" strings are read too);
- `jurisdiction`: `"federal"`, `"state"`, `"dc_code"` or `"unknown"`; `state`: two letters;
- `offense_era`: `"after_1987"`, `"before_1987"`, a year such as `"1985"`, or `"unknown"`;
- `age`, `served_months`, `life_expectancy_months`: numbers; `sentence_months`: a number or
  `"life"`;
- `self_care`: `"none"`, `"limited"`, `"full"`; `family_situation`: `"none"` or any of
  `"children"`, `"spouse"`, `"parent"` joined by commas;
- `abuse_established_by`: `"conviction"`, `"civil_finding"`, `"administrative_finding"`,
  `"proceedings_delayed"`, `"imminent_danger"`, `"not_established"` or `"unknown"`;
- dates: `YYYY-MM-DD`; `warden_request_received` may also be `"none"` (no request sent yet) and
  `warden_denied_on` `"no"` (no denial).

`"unknown"`, `None` and anything unreadable are left out, so the engine treats them as unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Literal

from bot.legal.case import LIFE, AbuseFinding
from bot.legal.dates import long_date

from .registry import BOOL_SLOTS, DATE_SLOTS, NUMBER_SLOTS, SUMMARY, Question

UNKNOWN: Literal["unknown"] = "unknown"
AFTER_1987 = "after_1987"
BEFORE_1987 = "before_1987"
NO_REQUEST = "none"
NO_DENIAL = "no"
FAMILY_NONE = "none"
FAMILY_CATEGORIES: tuple[str, ...] = ("children", "spouse", "parent")

# A representative offense date for each answer: the engine only compares it with November 1,
# 1987, and it must not be later than custody began (the engine checks time served against it),
# so each is the earliest day the answer allows.
NEW_LAW_FIRST_DAY = "1987-11-01"
EARLIEST_DAY = "1900-01-01"
BOUNDARY_YEAR = 1987

JURISDICTIONS = frozenset({"federal", "state", "dc_code"})
SELF_CARE = frozenset({"none", "limited", "full"})
# How abuse in custody is established, or why it need not be yet (USSG § 1B1.13(b)(4)).
ABUSE_FINDINGS: tuple[str, ...] = tuple(finding.value for finding in AbuseFinding)
# The first fact of each family circumstance: what a "none of these" answer rules out.
FAMILY_FACTS: dict[str, str] = {
    "children": "child_caregiver_lost",
    "spouse": "spouse_incapacitated",
    "parent": "parent_incapacitated",
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")


def as_bool(value: Any) -> bool | None:
    """A yes/no slot value as a bool; None when unknown or unreadable."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in {"yes", "true"}:
            return True
        if lowered in {"no", "false"}:
            return False
    return None


def as_number(value: Any) -> float | int | None:
    """A numeric slot value; None when unknown, negative or unreadable."""
    if isinstance(value, bool):
        return None
    number: float | int
    if isinstance(value, int | float):
        number = value
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    if number != number or number < 0 or number in (float("inf"), float("-inf")):
        return None
    return int(number) if float(number).is_integer() else number


def as_date(value: Any) -> date | None:
    """A date slot value (YYYY-MM-DD); None for "none", "unknown" or anything else."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value.strip()):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def family_categories(value: Any) -> tuple[str, ...] | None:
    """The family circumstances named in `family_situation`: () for "none", None if unknown."""
    if not isinstance(value, str):
        return None
    parts = {part.strip().lower() for part in value.split(",") if part.strip()}
    if parts == {FAMILY_NONE}:
        return ()
    found = tuple(category for category in FAMILY_CATEGORIES if category in parts)
    return found or None


def offense_date(value: Any) -> str | None:
    """A representative offense date for an `offense_era` answer (see module notes)."""
    if not isinstance(value, str):
        return None
    era = value.strip().lower()
    if era == AFTER_1987:
        return NEW_LAW_FIRST_DAY
    if era == BEFORE_1987:
        return EARLIEST_DAY
    if _YEAR.fullmatch(era) and int(era) != BOUNDARY_YEAR:
        return f"{int(era)}-01-01"
    return None


def case_from_slots(slots: Mapping[str, object]) -> dict[str, Any]:
    """The engine's input (`bot.legal.assess_dict`) from the screening's slots.

    Unknown or unreadable answers are omitted. `as_of` is not set: the caller passes today.
    """
    case: dict[str, Any] = {}
    jurisdiction = slots.get("jurisdiction")
    if isinstance(jurisdiction, str) and jurisdiction in JURISDICTIONS:
        case["jurisdiction"] = jurisdiction
    state = slots.get("state")
    if isinstance(state, str) and re.fullmatch(r"[A-Za-z]{2}", state.strip()):
        case["state"] = state.strip().upper()
    offense = offense_date(slots.get("offense_era"))
    if offense is not None:
        case["offense_date"] = offense
    for key in NUMBER_SLOTS:
        number = as_number(slots.get(key))
        if number is not None:
            case[key] = number
    sentence = slots.get("sentence_months")
    if isinstance(sentence, str) and sentence.strip().lower() == LIFE:
        case["sentence_months"] = LIFE
    else:
        months = as_number(sentence)
        if months:
            case["sentence_months"] = months
    self_care = slots.get("self_care")
    if isinstance(self_care, str) and self_care in SELF_CARE:
        case["self_care"] = self_care
    abuse = slots.get("abuse_established_by")
    if isinstance(abuse, str) and abuse in ABUSE_FINDINGS:
        case["abuse_established_by"] = abuse
    categories = family_categories(slots.get("family_situation"))
    if categories is not None:
        # The family told us which circumstances apply; the others do not.
        for category, key in FAMILY_FACTS.items():
            if category not in categories:
                case[key] = False
    for key in BOOL_SLOTS:
        answer = as_bool(slots.get(key))
        if answer is not None:
            case[key] = answer
    for key in DATE_SLOTS:
        day = as_date(slots.get(key))
        if day is not None:
            case[key] = day.isoformat()
    return case


def months_in_words(months: float) -> str:
    """150 -> "12 years and 6 months"; 240 -> "20 years"; 7 -> "7 months"."""
    whole = round(months)
    years, rest = divmod(whole, 12)
    parts = []
    if years:
        parts.append(f"{years} year" + ("s" if years != 1 else ""))
    if rest or not years:
        parts.append(f"{rest} month" + ("s" if rest != 1 else ""))
    return " and ".join(parts)


_JURISDICTION_WORDS = {
    "federal": "a federal court",
    "state": "a state court",
    "dc_code": "D.C. Superior Court (a D.C. Code offense)",
}
_SELF_CARE_WORDS = {
    "none": "not at all",
    "limited": "only a little",
    "full": "yes, fully",
}
_FAMILY_WORDS = {
    "children": "their child",
    "spouse": "their spouse or partner",
    "parent": "their parent",
}
_ABUSE_WORDS = {
    "conviction": "someone was convicted",
    "civil_finding": "a court case found them responsible, or they admitted it",
    "administrative_finding": "an official investigation found it happened",
    "proceedings_delayed": "not yet, the case is stuck or delayed",
    "imminent_danger": "not yet, and they are still in danger",
    "not_established": "nothing yet",
}
NOT_SURE = "not sure"


def _yes_no(value: Any) -> str | None:
    answer = as_bool(value)
    if answer is not None:
        return "yes" if answer else "no"
    return NOT_SURE if value == UNKNOWN else None


def _jurisdiction(slots: Mapping[str, object]) -> str | None:
    value = slots.get("jurisdiction")
    if value == UNKNOWN:
        return NOT_SURE
    words = _JURISDICTION_WORDS.get(value) if isinstance(value, str) else None
    state = slots.get("state")
    if words and value == "state" and isinstance(state, str) and state.strip():
        words += f" ({state.strip().upper()})"
    return words


def _offense(value: Any) -> str | None:
    if value == UNKNOWN:
        return NOT_SURE
    if value == AFTER_1987:
        return "on or after November 1, 1987"
    if value == BEFORE_1987:
        return "before November 1, 1987"
    if isinstance(value, str) and offense_date(value) is not None:
        era = "before" if int(value) < BOUNDARY_YEAR else "after"
        return f"in {int(value)} ({era} November 1, 1987)"
    return None


def _number(value: Any, unit: str = "") -> str | None:
    if value == UNKNOWN:
        return NOT_SURE
    number = as_number(value)
    return None if number is None else f"{number:g}{unit}"


def _months(value: Any) -> str | None:
    if value == UNKNOWN:
        return NOT_SURE
    if isinstance(value, str) and value.strip().lower() == LIFE:
        return "life"
    number = as_number(value)
    if number is None:
        return None
    words = months_in_words(number)
    return words if number < 12 else f"{words} ({number:g} months)"


def _day(value: Any, none_word: str, no_words: str) -> str | None:
    if value == UNKNOWN:
        return NOT_SURE
    if value == none_word:
        return no_words
    day = as_date(value)
    return None if day is None else long_date(day)


def _abuse(value: Any) -> str | None:
    if value == UNKNOWN:
        return NOT_SURE
    return _ABUSE_WORDS.get(value) if isinstance(value, str) else None


def _family(value: Any) -> str | None:
    if value == UNKNOWN:
        return NOT_SURE
    categories = family_categories(value)
    if categories is None:
        return None
    return ", ".join(_FAMILY_WORDS[c] for c in categories) if categories else "none of these"


def _self_care(value: Any) -> str | None:
    return NOT_SURE if value == UNKNOWN else _SELF_CARE_WORDS.get(str(value))


def _received(value: Any) -> str | None:
    received = _day(value, NO_REQUEST, "not sent yet")
    return received if received in (None, NOT_SURE, "not sent yet") else f"received {received}"


def _denied(value: Any) -> str | None:
    denied = _day(value, NO_DENIAL, "no denial")
    return denied if denied in (None, NOT_SURE, "no denial") else f"denied {denied}"


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


# How each answer reads in the summary, by slot where two of a kind read differently, else by kind.
_BY_SLOT: dict[str, Callable[[Any], str | None]] = {
    "facility": _text,
    "warden_request_received": _received,
    "warden_denied_on": _denied,
}
_BY_KIND: dict[str | None, Callable[[Any], str | None]] = {
    "yes_no": _yes_no,
    "terminal": _yes_no,
    "offense_era": _offense,
    "age": _number,
    "sentence": _months,
    "served": _months,
    "life_expectancy": _months,
    "date": lambda value: _day(value, "", ""),
    "self_care": _self_care,
    "family_situation": _family,
    "abuse_established": _abuse,
}


def answer_in_words(question: Question, slots: Mapping[str, object]) -> str | None:
    """The answer to one question as the summary says it; None when there is none yet."""
    if question.slot == "jurisdiction":
        return _jurisdiction(slots)
    words = _BY_SLOT.get(question.slot) or _BY_KIND[question.kind]
    return words(slots.get(question.slot))


def summary_lines(slots: Mapping[str, object]) -> list[str]:
    """What the family told us, one short "label: answer" line per fact, in the form's order."""
    lines = ((question.label, answer_in_words(question, slots)) for question in SUMMARY)
    return [f"{label}: {answer}" for label, answer in lines if answer]
