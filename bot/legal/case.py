"""The facts of one case, checked: the engine's only input.

`parse_case` turns a JSON-like mapping into a `Case`, or raises `CaseError` naming the first key
that is unknown, malformed, impossible or contradicts another.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from enum import Enum
from typing import Any, Literal

from . import law
from .dates import age_on, months_between
from .states import CODES as STATE_CODES

LIFE: Literal["life"] = "life"
MAX_AGE_YEARS = 130
EARLIEST_DATE = date(1900, 1, 1)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Jurisdiction(str, Enum):
    """Which system sentenced the person."""

    FEDERAL = "federal"
    STATE = "state"
    DC_CODE = "dc_code"
    UNKNOWN = "unknown"


class SelfCare(str, Enum):
    """How much of their own daily care the person can carry on (PS 5050.50 § 3(b))."""

    NONE = "none"
    LIMITED = "limited"
    FULL = "full"


class AbuseFinding(str, Enum):
    """How abuse in custody is established, or why it need not be yet (USSG § 1B1.13(b)(4))."""

    CONVICTION = "conviction"
    CIVIL_FINDING = "civil_finding"
    ADMINISTRATIVE_FINDING = "administrative_finding"
    PROCEEDINGS_DELAYED = "proceedings_delayed"
    IMMINENT_DANGER = "imminent_danger"
    NOT_ESTABLISHED = "not_established"


class CaseError(ValueError):
    """Input that the engine cannot assess; `key` names the offending input key."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


@dataclass(frozen=True)
class Case:
    """What is known about one person. `None` means the family does not know (yet)."""

    as_of: date
    jurisdiction: Jurisdiction = Jurisdiction.UNKNOWN
    state: str | None = None
    offense_date: date | None = None
    parolable_sentence: bool | None = None
    age: float | None = None
    birth_date: date | None = None
    sentence_months: float | Literal["life"] | None = None
    served_months: float | None = None
    terminal_illness: bool | None = None
    life_expectancy_months: float | None = None
    debilitating_condition: bool | None = None
    serious_condition: bool | None = None
    recovery_not_expected: bool | None = None
    self_care: SelfCare | None = None
    bed_or_chair_over_half: bool | None = None
    age_related_condition: bool | None = None
    deteriorating_health: bool | None = None
    aging_deterioration: bool | None = None
    treatment_no_improvement: bool | None = None
    care_not_provided: bool | None = None
    outbreak_at_facility: bool | None = None
    outbreak_risk_factors: bool | None = None
    child_caregiver_lost: bool | None = None
    only_caregiver_for_child: bool | None = None
    spouse_incapacitated: bool | None = None
    only_caregiver_for_spouse: bool | None = None
    parent_incapacitated: bool | None = None
    only_caregiver_for_parent: bool | None = None
    abused_in_custody: bool | None = None
    abuse_established_by: AbuseFinding | None = None
    warden_request_received: date | None = None
    warden_denied_on: date | None = None
    bp9_filed_on: date | None = None
    bp9_denied_on: date | None = None
    bp10_filed_on: date | None = None
    regional_denied_on: date | None = None
    bp11_filed_on: date | None = None
    final_denial_on: date | None = None
    terminal_diagnosis_on: date | None = None

    @property
    def current_age(self) -> float | None:
        """Age on `as_of`, from `age` or else from `birth_date`."""
        if self.age is not None:
            return self.age
        if self.birth_date is not None:
            return age_on(self.birth_date, self.as_of)
        return None

    @property
    def life_sentence(self) -> bool:
        return self.sentence_months == LIFE


INPUT_KEYS: tuple[str, ...] = tuple(f.name for f in fields(Case))
DATE_KEYS = frozenset(
    {
        "as_of",
        "offense_date",
        "birth_date",
        "warden_request_received",
        "warden_denied_on",
        "bp9_filed_on",
        "bp9_denied_on",
        "bp10_filed_on",
        "regional_denied_on",
        "bp11_filed_on",
        "final_denial_on",
        "terminal_diagnosis_on",
    }
)
# Yes/no facts; the screening form's slots of the same names (bot.screening.facts) reuse this list.
BOOL_KEYS_IN_ORDER: tuple[str, ...] = (
    "parolable_sentence",
    "terminal_illness",
    "debilitating_condition",
    "serious_condition",
    "recovery_not_expected",
    "bed_or_chair_over_half",
    "age_related_condition",
    "deteriorating_health",
    "aging_deterioration",
    "treatment_no_improvement",
    "care_not_provided",
    "outbreak_at_facility",
    "outbreak_risk_factors",
    "child_caregiver_lost",
    "only_caregiver_for_child",
    "spouse_incapacitated",
    "only_caregiver_for_spouse",
    "parent_incapacitated",
    "only_caregiver_for_parent",
    "abused_in_custody",
)
BOOL_KEYS = frozenset(BOOL_KEYS_IN_ORDER)
# Events that have happened by `as_of`, in the order the law expects them.
_EVENT_ORDER: tuple[tuple[str, str], ...] = (
    ("offense_date", "birth_date"),
    ("warden_denied_on", "warden_request_received"),
    ("bp9_filed_on", "warden_denied_on"),
    ("bp9_denied_on", "bp9_filed_on"),
    ("bp9_denied_on", "warden_denied_on"),
    ("bp10_filed_on", "warden_denied_on"),
    ("bp10_filed_on", "bp9_denied_on"),
    ("regional_denied_on", "warden_denied_on"),
    ("regional_denied_on", "bp10_filed_on"),
    ("bp11_filed_on", "regional_denied_on"),
    ("final_denial_on", "warden_request_received"),
    ("final_denial_on", "warden_denied_on"),
    ("final_denial_on", "regional_denied_on"),
    ("final_denial_on", "bp11_filed_on"),
)


def parse_case(raw: object, today: date) -> Case:
    """Check a JSON object of case facts and build a `Case`; `today` is the default `as_of`."""
    if not isinstance(raw, Mapping):
        raise CaseError("case", "expected a JSON object of case facts")
    for key in raw:
        if key not in INPUT_KEYS:
            raise CaseError(str(key), "is not a known input key")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if value is None:
            continue
        values[key] = _PARSERS[key](key, value)
    values.setdefault("as_of", today)
    case = Case(**values)
    _check_consistency(case)
    return case


def _parse_date(key: str, value: object) -> date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise CaseError(key, f"expected a date as YYYY-MM-DD, got {value!r}")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise CaseError(key, f"{value} is not a real calendar date") from None
    if parsed < EARLIEST_DATE:
        raise CaseError(
            key, f"{value} is before {EARLIEST_DATE.isoformat()}, which is not plausible"
        )
    return parsed


def _parse_bool(key: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise CaseError(key, f"expected true or false, got {value!r}")
    return value


def _number(key: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CaseError(key, f"expected a number, got {value!r}")
    if not math.isfinite(value):
        raise CaseError(key, "expected a finite number")
    if value < 0:
        raise CaseError(key, f"cannot be negative, got {value}")
    return value


def _parse_age(key: str, value: object) -> float:
    number = _number(key, value)
    if number > MAX_AGE_YEARS:
        raise CaseError(key, f"{number} years is not a plausible age")
    return number


def _parse_sentence(key: str, value: object) -> float | Literal["life"]:
    if value == LIFE:
        return LIFE
    if isinstance(value, str):
        raise CaseError(key, f'expected a number of months or "life", got {value!r}')
    number = _number(key, value)
    if number == 0:
        raise CaseError(key, "a term of imprisonment must be more than 0 months")
    return number


def _parse_served(key: str, value: object) -> float:
    number = _number(key, value)
    if number > MAX_AGE_YEARS * 12:
        raise CaseError(key, f"{number} months is not a plausible time served")
    return number


def _enum_parser(enum: type[Enum]) -> Callable[[str, object], Enum]:
    allowed = ", ".join(f'"{member.value}"' for member in enum)

    def parse(key: str, value: object) -> Enum:
        for member in enum:
            if member.value == value:
                return member
        raise CaseError(key, f"expected one of {allowed}, got {value!r}")

    return parse


def _parse_state(key: str, value: object) -> str:
    if not isinstance(value, str) or value.upper() not in STATE_CODES:
        raise CaseError(key, f"expected a two-letter U.S. state or territory code, got {value!r}")
    return value.upper()


_PARSERS: dict[str, Callable[[str, object], Any]] = {
    **dict.fromkeys(DATE_KEYS, _parse_date),
    **dict.fromkeys(BOOL_KEYS, _parse_bool),
    "jurisdiction": _enum_parser(Jurisdiction),
    "self_care": _enum_parser(SelfCare),
    "abuse_established_by": _enum_parser(AbuseFinding),
    "state": _parse_state,
    "age": _parse_age,
    "sentence_months": _parse_sentence,
    "served_months": _parse_served,
    "life_expectancy_months": _number,
}


def _check_consistency(case: Case) -> None:
    if case.as_of < law.ENGINE_FIRST_DAY:
        raise CaseError(
            "as_of",
            f"the engine applies the rules in force from {law.ENGINE_FIRST_DAY.isoformat()} "
            "(USSG § 1B1.13 as amended); earlier dates are not supported",
        )
    for key in sorted(DATE_KEYS - {"as_of"}):
        day = getattr(case, key)
        if day is not None and day > case.as_of:
            raise CaseError(key, f"{day.isoformat()} is after as_of ({case.as_of.isoformat()})")
    for later, earlier in _EVENT_ORDER:
        later_day, earlier_day = getattr(case, later), getattr(case, earlier)
        if later_day is not None and earlier_day is not None and later_day < earlier_day:
            raise CaseError(
                later, f"{later_day.isoformat()} is before {earlier} ({earlier_day.isoformat()})"
            )
    if case.birth_date is not None:
        from_birth = age_on(case.birth_date, case.as_of)
        if from_birth > MAX_AGE_YEARS:
            raise CaseError("birth_date", f"gives an age of {from_birth}, which is not plausible")
        if case.age is not None and math.floor(case.age) != from_birth:
            raise CaseError("age", f"does not match birth_date, which gives {from_birth} on as_of")
    _check_time_served(case)
    if case.terminal_diagnosis_on is not None and case.terminal_illness is False:
        raise CaseError("terminal_diagnosis_on", "is given but terminal_illness is false")
    if case.abuse_established_by is not None and case.abused_in_custody is False:
        raise CaseError("abuse_established_by", "is given but abused_in_custody is false")


def _check_time_served(case: Case) -> None:
    served = case.served_months
    if served is None:
        return
    if isinstance(case.sentence_months, float | int) and served > case.sentence_months:
        raise CaseError(
            "served_months",
            f"{served} months served is more than the {case.sentence_months}-month sentence",
        )
    age = case.current_age
    if age is not None and served > age * 12:
        raise CaseError(
            "served_months", f"{served} months served is more than a lifetime of {age} years"
        )
    if case.offense_date is not None:
        # Custody for an offense cannot begin before the offense; allow one month of rounding.
        since_offense = months_between(case.offense_date, case.as_of)
        if served > since_offense + 1:
            raise CaseError(
                "served_months",
                f"{served} months served is longer than the time since offense_date",
            )
