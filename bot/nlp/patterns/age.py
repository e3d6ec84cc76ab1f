"""AGE: how old someone is, in the main ruler and in the contextual ``age_ruler``.

Main ruler (explicit ages): "67 years old", "67 yrs old", "67-year-old", "67yo",
"67 y/o", "67 years of age", "age 67", "aged 67", "at the age of 67", "in his 60s".
Each is a DURATION plus a word, so it is longer than the DURATION inside it and wins.

``age_ruler`` (contextual ages): "he's 67", "she is 70", "my dad is 67" (entity "is 67",
as "dad" already belongs to RELATIONSHIP), "just turned 70". These run in a second
ruler that skips tokens already in an entity, so "his sentence is 20 years" stays a
DURATION instead of becoming the age "is 20". Only numbers 18-110 count as ages here.

Known trade-off: "it's 30 miles" gives the AGE "'s 30".
"""

from bot.nlp.patterns.common import (
    AGE,
    MONTH_UNITS,
    YEAR_UNITS,
    EntityPattern,
    TokenSpec,
    hedged,
    hyphen,
    lower,
    number,
    regex,
)

AGE_UNITS: tuple[str, ...] = YEAR_UNITS + MONTH_UNITS
"""Months count too: "my 18 months old grandson" is an age, not a duration."""

DECADE = r"[1-9]0'?s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties"
TENS = r"eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety"
ONES: tuple[str, ...] = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
ADULT_AGE = r"1[89]|[2-9]\d|10\d|110"

SUBJECTS: tuple[str, ...] = ("he", "she", "they", "i", "who")
VERBS: tuple[str, ...] = (
    "is", "'s", "’s", "was", "am", "'m", "’m", "turned", "turns", "turning",
)  # fmt: skip
ADVERBS: tuple[str, ...] = (
    "now", "almost", "nearly", "about", "around", "over", "already", "currently", "just",
    "like", "barely", "only",
)  # fmt: skip


def cores() -> list[list[TokenSpec]]:
    """Return the explicit-age shapes that accept hedge words in front."""
    return [
        [*number(), hyphen(), lower(*AGE_UNITS), hyphen(), lower("old")],
        [regex(rf"\d+(?:{'|'.join(AGE_UNITS)})"), hyphen(), lower("old")],
        [*number(), lower(*AGE_UNITS), lower("of"), lower("age")],
        [*number(), lower("yo", "y.o", "y.o.")],
        [*number(), lower("y"), lower("/"), lower("o")],
        [regex(r"\d+y"), lower("/"), lower("o")],
        [regex(r"\d+(?:yo|y\.o\.?|yrsold|yearsold)")],
    ]


def _decade() -> list[list[TokenSpec]]:
    """Return "in his 60s" / "in her late seventies" / "in his mid-60s"."""
    lead = [lower("in"), lower("his", "her", "their")]
    stage = lower("early", "mid", "late", op="?")
    return [
        [*lead, stage, hyphen(), regex(DECADE)],
        [*lead, stage, hyphen(), regex(r"[1-9]0"), lower("'s", "’s")],
        [*lead, regex(rf"(?:early|mid|late)-(?:{DECADE})")],
    ]


def patterns() -> list[EntityPattern]:
    """Return the explicit AGE token patterns for the main ruler."""
    age_word = [lower("age", "aged"), lower(":", op="?"), *number()]
    shapes = [
        *hedged(*cores()),
        age_word,
        [lower("at"), *age_word],
        [lower("at", op="?"), lower("the"), lower("age"), lower("of"), *number()],
        *_decade(),
    ]
    return [{"label": AGE, "pattern": shape} for shape in shapes]


def context_patterns() -> list[EntityPattern]:
    """Return the contextual AGE token patterns for ``age_ruler``."""
    ages: list[list[TokenSpec]] = [
        [regex(ADULT_AGE)],
        [regex(TENS), hyphen(), lower(*ONES, op="?")],
    ]
    shapes = [
        [
            lower(*SUBJECTS, op="?"),
            lower(*ADVERBS, op="?"),
            *verb_tokens,
            lower(*ADVERBS, op="?"),
            *age,
        ]
        for verb_tokens in ([lower(*VERBS)], [lower("will"), lower("turn", "be")])
        for age in ages
    ]
    return [{"label": AGE, "pattern": shape} for shape in shapes]
