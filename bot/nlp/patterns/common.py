"""Types, labels and the number and time-unit tokens shared by DURATION and AGE.

AGE patterns reuse the DURATION building blocks and add a token ("old", "of age"), so
an age is always one token longer than the duration inside it and wins the ruler's
longest-match rule: "about 67 years old" is an AGE, "about 12 years" a DURATION.
"""

from typing import Any, TypedDict

TokenSpec = dict[str, Any]
"""One token of a spaCy ``Matcher`` pattern, e.g. ``{"LOWER": "years"}``."""


class _RequiredPattern(TypedDict):
    label: str
    pattern: str | list[TokenSpec]


class EntityPattern(_RequiredPattern, total=False):
    """One ``entity_ruler`` pattern; ``id`` becomes the entity's canonical ``ent_id_``."""

    id: str


RELATIONSHIP = "RELATIONSHIP"
FACILITY = "FACILITY"
US_STATE = "US_STATE"
DURATION = "DURATION"
AGE = "AGE"
LABELS: tuple[str, ...] = (RELATIONSHIP, FACILITY, US_STATE, DURATION, AGE)

NUMBER_WORDS: tuple[str, ...] = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty", "thirty", "forty", "fourty", "fifty", "sixty",
    "seventy", "eighty", "ninety", "hundred",
)  # fmt: skip
"""Cardinals only: spaCy's ``LIKE_NUM`` also accepts ordinals ("first year")."""

NUMBER = r"\d+(?:[.,/]\d+)?½?|½|" + "|".join(NUMBER_WORDS)
"""A number token: 12, 1.5, 1/2, 5½, twelve (hyphenated numbers are split by spaCy)."""

YEAR_UNITS: tuple[str, ...] = ("year", "years", "yr", "yrs", "yeras", "yers", "yaers", "yesrs")
MONTH_UNITS: tuple[str, ...] = (
    "month", "months", "mo", "mos", "mth", "mths", "mnth", "mnths", "monts", "monthes",
    "mounths",
)  # fmt: skip
OTHER_UNITS: tuple[str, ...] = ("week", "weeks", "wk", "wks", "day", "days", "decade", "decades")
UNITS: tuple[str, ...] = YEAR_UNITS + MONTH_UNITS + OTHER_UNITS
FUSED_UNITS = r"yrs?|years?|mos?|months?|mths?|wks?|weeks?|days?"
"""Unit spellings glued to digits that spaCy keeps as one token: "10yrs", "6mos"."""

HEDGES: tuple[tuple[str, ...], ...] = (
    (),
    ("about",),
    ("around",),
    ("almost",),
    ("nearly",),
    ("over",),
    ("under",),
    ("approximately",),
    ("approx",),
    ("roughly",),
    ("like",),
    ("~",),
    ("more", "than"),
    ("less", "than"),
    ("just", "over"),
    ("just", "under"),
    ("a", "little", "over"),
    ("close", "to"),
    ("at", "least"),
    ("going", "on"),
    ("upwards", "of"),
)
"""Words families put before a number; they become part of the entity."""


def regex(pattern: str) -> TokenSpec:
    """Match one token whose lower-case text fully matches ``pattern``."""
    return {"LOWER": {"REGEX": f"^(?:{pattern})$"}}


def lower(*words: str, op: str | None = None) -> TokenSpec:
    """Match one token whose lower-case text is one of ``words``."""
    spec: TokenSpec = {"LOWER": words[0]} if len(words) == 1 else {"LOWER": {"IN": list(words)}}
    if op is not None:
        spec["OP"] = op
    return spec


def hyphen(op: str = "?") -> TokenSpec:
    """Match an (optional) hyphen or dash, which spaCy splits off between words."""
    return {"ORTH": {"IN": ["-", "–"]}, "OP": op}


def number() -> list[TokenSpec]:
    """Match a number, a compound ("twenty-five", "5 1/2"), a range ("10 to 15"), "20+"."""
    return [
        regex(NUMBER),
        {"LOWER": {"IN": ["-", "–", "to", "or"]}, "OP": "?"},
        {**regex(NUMBER), "OP": "?"},
        {"LOWER": {"IN": ["+", "plus"]}, "OP": "?"},
    ]


def hedged(*cores: list[TokenSpec]) -> list[list[TokenSpec]]:
    """Return every core pattern with and without each hedge word in front."""
    return [[*(lower(word) for word in hedge), *core] for hedge in HEDGES for core in cores]
