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
The summary's labels and answer words are looked up by key (bot.wording).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Literal

from bot.legal.case import LIFE, AbuseFinding
from bot.legal.dates import long_date
from bot.wording import say

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


# The engine's raw input is JSON (`bot.legal.assess` checks every key and value), so untyped.
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
    year_words = say(
        "screening.answer.one_year" if years == 1 else "screening.answer.years", years=years
    )
    month_words = say(
        "screening.answer.one_month" if rest == 1 else "screening.answer.months", months=rest
    )
    if years and rest:
        return say("screening.answer.years_and_months", years=year_words, months=month_words)
    return year_words if years else month_words


# How each answer reads in the summary: wording keys (bot.wording) by slot value.
JURISDICTION_WORDS: dict[str, str] = {
    "federal": "screening.answer.federal_court",
    "state": "screening.answer.state_court",
    "dc_code": "screening.answer.dc_court",
}
SELF_CARE_WORDS: dict[str, str] = {
    "none": "screening.answer.self_care.none",
    "limited": "screening.answer.self_care.limited",
    "full": "screening.answer.self_care.full",
}
FAMILY_WORDS: dict[str, str] = {
    "children": "screening.answer.family.children",
    "spouse": "screening.answer.family.spouse",
    "parent": "screening.answer.family.parent",
}
ABUSE_WORDS: dict[str, str] = {
    finding: f"screening.answer.abuse.{finding}" for finding in ABUSE_FINDINGS
}


def _not_sure() -> str:
    return say("screening.answer.not_sure")


def _yes_no(value: Any) -> str | None:
    answer = as_bool(value)
    if answer is not None:
        return say("screening.answer.yes") if answer else say("screening.answer.no")
    return _not_sure() if value == UNKNOWN else None


def _jurisdiction(slots: Mapping[str, object]) -> str | None:
    value = slots.get("jurisdiction")
    if value == UNKNOWN:
        return _not_sure()
    if not isinstance(value, str) or value not in JURISDICTION_WORDS:
        return None
    state = slots.get("state")
    if value == "state" and isinstance(state, str) and state.strip():
        return say("screening.answer.state_court_of", state=state.strip().upper())
    return say(JURISDICTION_WORDS[value])


def _offense(value: Any) -> str | None:
    if value == UNKNOWN:
        return _not_sure()
    if value == AFTER_1987:
        return say("screening.answer.after_1987")
    if value == BEFORE_1987:
        return say("screening.answer.before_1987")
    if isinstance(value, str) and offense_date(value) is not None:
        if int(value) < BOUNDARY_YEAR:
            return say("screening.answer.year_before_1987", year=int(value))
        return say("screening.answer.year_after_1987", year=int(value))
    return None


def _number(value: Any) -> str | None:
    if value == UNKNOWN:
        return _not_sure()
    number = as_number(value)
    return None if number is None else f"{number:g}"


def _months(value: Any) -> str | None:
    if value == UNKNOWN:
        return _not_sure()
    if isinstance(value, str) and value.strip().lower() == LIFE:
        return say("screening.answer.life")
    number = as_number(value)
    if number is None:
        return None
    words = months_in_words(number)
    if number < 12:
        return words
    return say("screening.answer.length_in_months", length=words, months=f"{number:g}")


def _day(value: Any) -> str | None:
    if value == UNKNOWN:
        return _not_sure()
    day = as_date(value)
    return None if day is None else long_date(day)


def _abuse(value: Any) -> str | None:
    if value == UNKNOWN:
        return _not_sure()
    return say(ABUSE_WORDS[value]) if isinstance(value, str) and value in ABUSE_WORDS else None


def _family(value: Any) -> str | None:
    if value == UNKNOWN:
        return _not_sure()
    categories = family_categories(value)
    if categories is None:
        return None
    if not categories:
        return say("screening.answer.family.none")
    return ", ".join(say(FAMILY_WORDS[c]) for c in categories)


def _self_care(value: Any) -> str | None:
    if value == UNKNOWN:
        return _not_sure()
    key = SELF_CARE_WORDS.get(str(value))
    return None if key is None else say(key)


def _received(value: Any) -> str | None:
    if value == NO_REQUEST:
        return say("screening.answer.not_sent")
    day = as_date(value)
    if day is None:
        return _not_sure() if value == UNKNOWN else None
    return say("screening.answer.received", day=long_date(day))


def _denied(value: Any) -> str | None:
    if value == NO_DENIAL:
        return say("screening.answer.no_denial")
    day = as_date(value)
    if day is None:
        return _not_sure() if value == UNKNOWN else None
    return say("screening.answer.denied", day=long_date(day))


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
    "date": _day,
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
    return [
        say("screening.summary_line", label=say(label), answer=answer)
        for label, answer in lines
        if label and answer
    ]
