"""DURATION: lengths of time as families write them.

Covers "12 years", "about 12 years", "twelve years", "10 yrs", "6 mos", "10yrs",
"a year and a half", "two and a half years", "5 1/2 years", "10 to 15 years",
"12 years and 6 months" (years then months), "a 120-month sentence", "half a year",
"a few months", "20+ years" and "over a year". The hedge ("about", "more than") is part of the
entity so the reader of the slot knows the number is approximate.

Known trade-off: "a month"/"a year" also match in "once a month".
"""

from bot.nlp.patterns.common import (
    DURATION,
    FUSED_UNITS,
    MONTH_UNITS,
    NUMBER,
    UNITS,
    YEAR_UNITS,
    EntityPattern,
    TokenSpec,
    hedged,
    hyphen,
    lower,
    number,
    regex,
)

ARTICLE_UNITS: tuple[str, ...] = ("year", "yr", "month", "decade")
"""Units that make sense after "a": "a year", not "a day" (as in "twice a day")."""

VAGUE: tuple[tuple[str, ...], ...] = (
    ("a", "few"),
    ("a", "couple"),
    ("a", "couple", "of"),
    ("couple",),
    ("couple", "of"),
    ("few",),
    ("several",),
)


def _unit() -> TokenSpec:
    return lower(*UNITS)


def _half() -> list[TokenSpec]:
    """Match "and a half", "and half", "-and-a-half"."""
    return [hyphen(), lower("and"), hyphen(), lower("a", "one", op="?"), hyphen(), lower("half")]


def cores() -> list[list[TokenSpec]]:
    """Return the duration shapes, without hedge words."""
    count_unit = [*number(), hyphen(), _unit()]
    return [
        count_unit,
        [regex(rf"\d+(?:\.\d+)?\+?(?:{FUSED_UNITS})")],
        [*number(), lower(*YEAR_UNITS), lower("and", op="?"), *number(), lower(*MONTH_UNITS)],
        [regex(NUMBER), *_half(), hyphen(), _unit()],
        [lower("a", "an", "one"), lower(*ARTICLE_UNITS), *_half()],
        [regex(NUMBER), lower(*YEAR_UNITS, *MONTH_UNITS), *_half()],
        [lower("a"), lower(*ARTICLE_UNITS)],
        [lower("half"), lower("a", "an"), lower(*ARTICLE_UNITS)],
        *([*(lower(word) for word in vague), _unit()] for vague in VAGUE),
    ]


def patterns() -> list[EntityPattern]:
    """Return the DURATION token patterns."""
    return [{"label": DURATION, "pattern": pattern} for pattern in hedged(*cores())]
