"""Natural answers, read into the values the screening's slots hold.

Families answer the way they talk: "he's 67", "sixty seven", "born 3/4/1958", "about 12 years",
"since March 2015", "life", "she has stage 4 cancer", "he's in a state prison in Ohio", "no sé".
Every parser takes the message text (and `today` when the answer is relative to it) and returns
the slot value, or None when it cannot tell; `UNKNOWN` when the family says they do not know.
Pure functions: no Rasa, no clock.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Literal

from bot.legal.case import LIFE, MAX_AGE_YEARS
from bot.legal.dates import AVERAGE_DAYS_PER_MONTH, age_on
from bot.legal.states import STATES
from bot.nlp.patterns.us_state import OTHER_NAMES

from .dates import find_date
from .facts import (
    ABUSE_FINDINGS,
    AFTER_1987,
    BEFORE_1987,
    BOUNDARY_YEAR,
    FAMILY_NONE,
    UNKNOWN,
)

Unknown = Literal["unknown"]
YesNo = bool | Unknown
Months = float | int

# The youngest age a message is read as; the oldest (and the longest time) is the engine's
# bound, bot.legal.case.MAX_AGE_YEARS.
MIN_AGE = 14
MAX_MONTHS = MAX_AGE_YEARS * 12
# A bare number without a unit ("20", "240") is read as years up to this, and months above it.
BARE_YEARS_UP_TO = 50


def normalize(text: str) -> str:
    """Lower case, plain apostrophes, no accents, single spaces: "¿No sé?" -> "¿no se?"."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", plain).strip()


# ---------------------------------------------------------------------------------------------
# Don't know, yes and no
# ---------------------------------------------------------------------------------------------

_UNKNOWN = re.compile(
    r"\b(not sure|unsure|not certain|don'?t know|dont kno|do not know|didn'?t know|dunno|idk|"
    r"no idea|no clue|not known|unknown|skip|pass|rather not|prefer not|maybe|probably|"
    r"possibly|perhaps|don'?t remember|can'?t remember|cannot remember|not that i know|"
    r"no se|no lo se|no sabemos|ni idea|no estoy segur[oa]|tal vez|quizas|no me acuerdo|"
    r"no recuerdo|saltar)\b"
)
_NO_THINK = re.compile(r"\b(don'?t|do not|dont) think so\b|\bcreo que no\b")
_YES_THINK = re.compile(r"\b(i )?think so\b|\bi believe so\b|\bcreo que si\b")
_YES_WORDS = frozenset(
    {
        "yes",
        "yeah",
        "yea",
        "yep",
        "yup",
        "ya",
        "yess",
        "yes.",
        "y",
        "si",
        "sure",
        "correct",
        "right",
        "true",
        "definitely",
        "absolutely",
        "affirmative",
        "claro",
        "cierto",
        "exactly",
        "indeed",
    }
)
_NO_WORDS = frozenset(
    {"no", "nope", "nah", "n", "not", "never", "none", "negative", "false", "nunca", "nada"}
)
_NEGATED_VERB = re.compile(
    r"\b(doesn'?t|isn'?t|hasn'?t|wasn'?t|didn'?t|aren'?t|haven'?t|won'?t|wouldn'?t|ain'?t)\b"
)
_AFFIRMED_VERB = re.compile(
    r"^(he|she|they|it|i|we|that|my \w+)( really| definitely| certainly)? "
    r"(does|is|has|did|was|are|do|have|will|would|can)( it| that| so| too| both| indeed)?$"
)


def words(text: str) -> list[str]:
    """The words of a normalised message, apostrophes kept inside words."""
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)


def is_unknown(text: str) -> bool:
    """Whether the message says the family does not know, or wants to skip the question."""
    return bool(_UNKNOWN.search(normalize(text)))


def parse_yes_no(text: str) -> YesNo | None:
    """ "yes", "yeah he does", "no", "nope", "not sure", "sí", "creo que no"."""
    t = normalize(text)
    if _NO_THINK.search(t):
        return False
    if is_unknown(t):
        return UNKNOWN
    if _YES_THINK.search(t):
        return True
    if "of course" in t or "uh huh" in t:
        return True
    for word in words(t):
        if word in _YES_WORDS:
            return True
        if word in _NO_WORDS:
            return False
    if _NEGATED_VERB.search(t):
        return False
    if _AFFIRMED_VERB.search(t):
        return True
    return None


# ---------------------------------------------------------------------------------------------
# Numbers, in digits or in words (English and Spanish)
# ---------------------------------------------------------------------------------------------

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "uno": 1,
    "una": 1,
    "un": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "trece": 13,
    "catorce": 14,
    "quince": 15,
    "dieciseis": 16,
    "diecisiete": 17,
    "dieciocho": 18,
    "diecinueve": 19,
    "veintiuno": 21,
    "veintidos": 22,
    "veintitres": 23,
    "veinticuatro": 24,
    "veinticinco": 25,
    "veintiseis": 26,
    "veintisiete": 27,
    "veintiocho": 28,
    "veintinueve": 29,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "veinte": 20,
    "treinta": 30,
    "cuarenta": 40,
    "cincuenta": 50,
    "sesenta": 60,
    "setenta": 70,
    "ochenta": 80,
    "noventa": 90,
}
_HUNDREDS = {"hundred": 100, "cien": 100, "ciento": 100}
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def _number_at(tokens: list[str], start: int) -> tuple[float, int] | None:
    """The number that starts at tokens[start] and the index after it, or None."""
    token = tokens[start]
    if _DIGITS.fullmatch(token):
        return float(token), start + 1
    value = 0
    i = start
    if token in _UNITS and i + 1 < len(tokens) and tokens[i + 1] in _HUNDREDS:
        value, i = _UNITS[token] * 100, i + 2
    elif token in _HUNDREDS:
        value, i = 100, i + 1
    if i < len(tokens) and value and tokens[i] == "and":
        i += 1
    if i < len(tokens) and tokens[i] in _TENS:
        value += _TENS[tokens[i]]
        i += 1
        if i + 1 < len(tokens) and tokens[i] == "y" and tokens[i + 1] in _UNITS:
            value += _UNITS[tokens[i + 1]]
            i += 2
        elif i < len(tokens) and tokens[i] in _UNITS and _UNITS[tokens[i]] < 10:
            value += _UNITS[tokens[i]]
            i += 1
    elif i < len(tokens) and tokens[i] in _UNITS:
        value += _UNITS[tokens[i]]
        i += 1
    if i == start:
        return None
    return float(value), i


def _tokens(text: str) -> list[str]:
    """Words and numbers; "sixty-seven" -> ["sixty", "seven"], "10yrs" -> ["10", "yrs"]."""
    t = normalize(text).replace("-", " ")
    t = re.sub(r"(\d)([a-z])", r"\1 \2", t)
    t = re.sub(r"(\d),(\d{3})\b", r"\1\2", t)
    return re.findall(r"\d+(?:\.\d+)?|[a-z]+(?:'[a-z]+)?|½|/", t)


def numbers_in(text: str) -> list[float]:
    """Every number in a message, in order: "sixty seven" -> [67.0], "12 or 13" -> [12.0, 13.0]."""
    tokens = _tokens(text)
    found: list[float] = []
    i = 0
    while i < len(tokens):
        number = _number_at(tokens, i)
        if number is None:
            i += 1
            continue
        found.append(number[0])
        i = number[1]
    return found


def _whole(value: float) -> Months:
    return int(value) if float(value).is_integer() else round(value, 1)


# ---------------------------------------------------------------------------------------------
# Dates and ages
# ---------------------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan", "enero", "ene"),
            ("february", "feb", "febrero"),
            ("march", "mar", "marzo"),
            ("april", "apr", "abril", "abr"),
            ("may", "mayo"),
            ("june", "jun", "junio"),
            ("july", "jul", "julio"),
            ("august", "aug", "agosto", "ago"),
            ("september", "sep", "sept", "septiembre", "setiembre"),
            ("october", "oct", "octubre"),
            ("november", "nov", "noviembre"),
            ("december", "dec", "diciembre", "dic"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH_YEAR = re.compile(rf"\b({_MONTH_NAMES})\.?,? (?:of |de |del )?((?:19|20)\d\d)\b")
_NUMERIC_MONTH_YEAR = re.compile(r"\b(0?[1-9]|1[0-2])[/-]((?:19|20)\d\d)\b")
_YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d/]|'?s\b)")
_BIRTH = re.compile(r"\b(born|birth|dob|d\.o\.b|birthday|nacio|nacimiento|naci)\b")


def month_year(text: str, today: date) -> date | None:
    """The first day of a month the message names with its year: "March 2015", "3/2015"."""
    t = normalize(text)
    match = _MONTH_YEAR.search(t)
    if match:
        return date(int(match.group(2)), _MONTHS[match.group(1)], 1)
    numeric = _NUMERIC_MONTH_YEAR.search(t)
    if numeric:
        return date(int(numeric.group(2)), int(numeric.group(1)), 1)
    return None


def years_in(text: str) -> list[int]:
    """Four-digit years 1900-2099 that are not part of a date: "in 2015" -> [2015]."""
    return [int(y) for y in _YEAR.findall(normalize(text))]


def whole_months_between(start: date, end: date) -> int:
    """Completed calendar months from `start` to `end` (15 Mar 2015 to 14 Mar 2026: 131)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return months


def parse_age(text: str, today: date) -> int | None:
    """An age in years: "he's 67", "67", "sixty seven", "born 3/4/1958", "in his 70s".

    A birth year alone gives the lower of the two possible ages; a decade ("in his 70s") gives
    its first year, but only from 70 on, where every threshold (65, 70) is already passed.
    """
    t = normalize(text)
    if _BIRTH.search(t) or re.search(r"\d{1,2}/\d{1,2}/\d{2,4}", t):
        born = find_date(t, today)
        if born is not None and born < today:
            age = age_on(born, today)
            return age if MIN_AGE <= age <= MAX_AGE_YEARS else None
        years = years_in(t)
        if len(years) == 1 and _BIRTH.search(t):
            age = today.year - years[0] - 1
            return age if MIN_AGE <= age <= MAX_AGE_YEARS else None
    decade = re.search(r"\b(?:early |mid |late )?([1-9])0'?s\b", t)
    if decade:
        return int(decade.group(1)) * 10 if int(decade.group(1)) >= 7 else None
    for word, tens in (("seventies", 70), ("eighties", 80), ("nineties", 90)):
        if re.search(rf"\b{word}\b", t):
            return tens
    explicit = re.search(
        r"(\d{1,3})\s*(?:years? old|yrs? old|year old|yo\b|y/o|anos|ano\b|de edad)", t
    )
    numbers = [float(explicit.group(1))] if explicit else numbers_in(t)
    plausible = [n for n in numbers if n.is_integer() and MIN_AGE <= n <= MAX_AGE_YEARS]
    if not plausible:
        return None
    return int(plausible[0])


# ---------------------------------------------------------------------------------------------
# Lengths of time: sentence, time served, life expectancy
# ---------------------------------------------------------------------------------------------

_YEAR_UNITS = frozenset(
    {"year", "years", "yr", "yrs", "y", "yeras", "yers", "ano", "anos", "decade", "decades"}
)
_MONTH_UNITS = frozenset(
    {"month", "months", "mo", "mos", "mth", "mths", "mnths", "monts", "mes", "meses"}
)
_WEEK_UNITS = frozenset({"week", "weeks", "wk", "wks", "semana", "semanas"})
_DAY_UNITS = frozenset({"day", "days", "dia", "dias"})


def _unit_months(unit: str) -> float | None:
    if unit in {"decade", "decades"}:
        return 120.0
    if unit in _YEAR_UNITS:
        return 12.0
    if unit in _MONTH_UNITS:
        return 1.0
    if unit in _WEEK_UNITS:
        return 7 / AVERAGE_DAYS_PER_MONTH
    if unit in _DAY_UNITS:
        return 1 / AVERAGE_DAYS_PER_MONTH
    return None


def duration_months(text: str, bare_unit: str | None = None) -> Months | None:
    """A length of time in months: "about 12 years" -> 144, "12 years and 6 months" -> 150,
    "a year and a half" -> 18, "240 months" -> 240, "10yrs" -> 120, "2 weeks" -> 0.5.

    Several amounts with units are added up. A number without a unit is read in `bare_unit`
    ("years" or "months"), or is not understood when `bare_unit` is None.
    """
    tokens = _tokens(text)
    total = 0.0
    found = False
    bare: float | None = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        number = _number_at(tokens, i)
        amount: float | None = None
        if number is not None:
            amount, i = number
        elif token in {"a", "an"} and i + 1 < len(tokens) and _unit_months(tokens[i + 1]):
            amount, i = 1.0, i + 1
        elif token == "half" and i + 2 < len(tokens) and tokens[i + 1] in {"a", "an"}:
            unit = _unit_months(tokens[i + 2])
            if unit:
                total, found = total + unit / 2, True
                i += 3
                continue
        if amount is None:
            i += 1
            continue
        # "12 and a half years", "12 1/2 years", "12½ years"
        half = 0.0
        if tokens[i : i + 3] == ["and", "a", "half"] or tokens[i : i + 3] == ["y", "medio"]:
            half, i = 0.5, i + (3 if tokens[i] == "and" else 2)
        elif tokens[i : i + 3] == ["1", "/", "2"] or tokens[i : i + 1] == ["½"]:
            half, i = 0.5, i + (3 if tokens[i] == "1" else 1)
        unit = _unit_months(tokens[i]) if i < len(tokens) else None
        if unit is None:
            if bare is None and not found:
                bare = amount + half
            continue
        i += 1
        if tokens[i : i + 3] == ["and", "a", "half"] or tokens[i : i + 2] == ["y", "medio"]:
            half, i = 0.5, i + (3 if tokens[i] == "and" else 2)
        total += (amount + half) * unit
        found = True
    if found:
        return _whole(total) if 0 <= total <= MAX_MONTHS else None
    if bare is not None and bare_unit is not None:
        months = bare * (12 if bare_unit == "years" else 1)
        return _whole(months) if 0 <= months <= MAX_MONTHS else None
    return None


def _bare_years_or_months(text: str) -> Months | None:
    """A number without a unit: up to 50 it is years ("20"), above it months ("240")."""
    numbers = numbers_in(text)
    if len(numbers) != 1 or numbers[0] <= 0:
        return None
    n = numbers[0]
    return _whole(n * 12 if n <= BARE_YEARS_UP_TO else n) if n <= MAX_MONTHS else None


_LIFE = re.compile(r"\b(life|lifetime|cadena perpetua|perpetua|natural life)\b")


def parse_sentence(text: str) -> Months | Literal["life"] | None:
    """The sentence in months, or "life": "20 years", "240 months", "life", "life plus 10"."""
    t = normalize(text)
    if _LIFE.search(t) and "expectancy" not in t:
        return LIFE
    months = duration_months(t)
    if months is None:
        months = _bare_years_or_months(t)
    return months if months else None


_SINCE = re.compile(
    r"\b(since|from|desde|in custody|locked up|went in|arrested|incarcerated|started|began|"
    r"entro|lo arrestaron|esta preso)\b"
)


def parse_served(text: str, today: date) -> Months | None:
    """Time served so far in months: "about 12 years", "150 months", "since March 2015",
    "since 2015" (counted from 1 July of that year), "since 3/4/2015".
    """
    t = normalize(text)
    start = None
    if _SINCE.search(t) or re.search(r"\d{1,2}/\d{1,2}/\d{2,4}", t):
        start = find_date(t, today)
    if start is None:
        start = month_year(t, today)
    if start is None:
        years = years_in(t)
        if len(years) == 1 and duration_months(t) is None:
            start = date(years[0], 7, 1)
    if start is not None:
        if start > today:
            return None
        return whole_months_between(start, today)
    months = duration_months(t)
    if months is None:
        months = _bare_years_or_months(t)
    return months


_VAGUE_LIFE_EXPECTANCY: tuple[tuple[re.Pattern[str], Months], ...] = (
    (re.compile(r"\b(a few|few|couple of|a couple) (days|dias)\b"), 0.1),
    (re.compile(r"\b(a few|few|couple of|a couple|unas) (weeks|semanas)\b"), 1),
    (re.compile(r"\b(a few|few|couple of|a couple|unos|pocos) (months|meses)\b"), 3),
    (re.compile(r"\b(less than|under|within|menos de) (a|one|un) (year|ano)\b"), 12),
)


def parse_life_expectancy(text: str) -> Months | None:
    """Months to live the doctors gave: "6 months", "a few weeks", "less than a year", "2"."""
    t = normalize(text)
    for pattern, months in _VAGUE_LIFE_EXPECTANCY:
        if pattern.search(t):
            return months
    return duration_months(t, bare_unit="months")


# ---------------------------------------------------------------------------------------------
# The court, the offense date, the illness, self-care, family and abuse
# ---------------------------------------------------------------------------------------------

Jurisdiction = Literal["federal", "state", "dc_code"]
_DC = re.compile(
    r"\b(d\.? ?c\.? (?:code|superior|court|law|local)|district of columbia (?:code|superior)|"
    r"24-403)"
)
_NEGATED = re.compile(
    r"\b(?:not|isn'?t|wasn'?t|no es|no)\s+(?:a |an |in |in a |by |by a |)(federal|fed|feds|state)\b"
)
_WHERE = (
    r"(?:prison|penitentiary|pen|facility|jail|institution|medical center|correctional|detention)"
)
# Who sentenced the person decides (28 CFR 571.64); where they are held only hints at it.
_STATE_WHO = re.compile(
    rf"\b(state (?:court|case|charges?|sentence|conviction|prisoner|inmate|custody|offen[cs]e|"
    rf"judge)|by the state|state(?! {_WHERE})|estatal|del estado)\b"
)
_STATE_WHERE = re.compile(
    r"\b(state|county jail|county|department of corrections|dept of corrections|tdcj|cdcr|doc)\b"
)
_FEDERAL_WHO = re.compile(
    rf"\b(federal (?:court|case|charges?|sentence|conviction|prisoner|inmate|custody|offen[cs]e|"
    rf"judge)|us district court|district court|(?:federal|fed|feds|federales)(?! {_WHERE}))\b"
)
_FEDERAL_WHERE = re.compile(
    r"\b(fci|usp|fmc|fpc|mcc|mdc|fdc|fcc|ftc|usmcfp|mcfp|prison camp|federal|bop|"
    r"bureau of prisons|penitenciaria federal)\b"
)
_STATE_NAMES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        [(normalize(name), code) for code, name in STATES.items()]
        + [(normalize(name), code) for code, names in OTHER_NAMES.items() for name in names],
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
)


def state_code(text: str) -> str | None:
    """The U.S. state a message names, as its postal code: "ohio" -> "OH"."""
    t = " " + normalize(text) + " "
    for name, code in _STATE_NAMES:
        if re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", t):
            return code
    return None


def parse_jurisdiction(
    text: str, has_facility: bool = False
) -> tuple[Jurisdiction, str | None] | None:
    """Which court sentenced the person, and the state for a state sentence.

    "FCI Butner" or a BOP facility entity -> federal; "he's in a state prison in Ohio" ->
    ("state", "OH"); "D.C. Code" -> dc_code. Who sentenced counts over where the person is
    held: a state prisoner in a federal prison is a state prisoner (28 CFR 571.64).
    """
    t = normalize(text)
    if t in {"federal", "state", "dc_code"}:
        return t, None  # type: ignore[return-value]
    if _DC.search(t):
        return "dc_code", None
    t = re.sub(r"\bunited states\b|\bu\.s\.a?\.?(?= |$)", " us ", t)
    negated = {m.group(1) for m in _NEGATED.finditer(t)}
    t = _NEGATED.sub(" ", t)
    state_who, federal_who = bool(_STATE_WHO.search(t)), bool(_FEDERAL_WHO.search(t))
    if state_who != federal_who:
        return ("state", state_code(t)) if state_who else ("federal", None)
    if not state_who:
        state_where = bool(_STATE_WHERE.search(t))
        federal_where = has_facility or bool(_FEDERAL_WHERE.search(t))
        if state_where != federal_where:
            return ("state", state_code(t)) if state_where else ("federal", None)
        if not state_where and negated:
            return ("federal", None) if negated == {"state"} else ("state", state_code(t))
    return None


# An offense that went on over time: "from 1984 to 1989", "it started in 1985 and went on until
# 1990", "1984-1989".
_CONTINUING = re.compile(
    r"\b(until|till|til|through|thru|ran|running|went on|goes on|go on|going on|continued|"
    r"continuing|continues|continuous|ongoing|kept going|kept on|lasted|ended|ending|hasta|"
    r"conspiracy|conspiracies|conspired|scheme)\b|"
    r"\bfrom\b.*\bto\b|(?:19|20)\d\d ?(?:-|to) ?(?:19|20)\d\d"
)
_ANY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _continuing_past_1987(t: str, today: date) -> bool:
    """Whether the message describes an offense that began before 1988 and went on after 1987."""
    if not _CONTINUING.search(t) or re.search(r"\b(or|o)\b", t):
        return False
    years = [int(y) for y in _ANY_YEAR.findall(t) if int(y) <= today.year]
    started_before = any(y <= BOUNDARY_YEAR for y in years) or bool(
        re.search(r"\b(before|prior to|antes de)\b.*\b(1987|'87|87)\b", t)
    )
    return started_before and any(y > BOUNDARY_YEAR for y in years)


def parse_offense_era(text: str, today: date) -> str | None:
    """When the offense happened, as "after_1987", "before_1987" or a year ("1985").

    November 1, 1987 is the line (18 U.S.C. § 3582 applies from then; 28 CFR 572.40). A year on
    its own is kept; 1987 alone is not enough to tell which side it is on. An offense that went
    on past that date, such as a conspiracy ("from 1984 to 1989"), is on or after it.
    """
    t = normalize(text)
    if t in {AFTER_1987, BEFORE_1987}:
        return t
    if _continuing_past_1987(t, today):
        return AFTER_1987
    month = _MONTH_YEAR.search(t)
    if month and int(month.group(2)) == BOUNDARY_YEAR:
        return AFTER_1987 if _MONTHS[month.group(1)] >= 11 else BEFORE_1987
    if re.search(r"\b(after|since|post|despues de|later than)\b.*\b(1987|'87|87)\b", t):
        return AFTER_1987
    if re.search(r"\b(before|prior to|pre|antes de|earlier than)\b.*\b(1987|'87|87)\b", t):
        return BEFORE_1987
    years = [y for y in years_in(t) if y <= today.year]
    if years:
        if all(y > BOUNDARY_YEAR for y in years):
            return str(years[0]) if len(years) == 1 else AFTER_1987
        if all(y < BOUNDARY_YEAR for y in years):
            return str(years[0]) if len(years) == 1 else BEFORE_1987
        return None
    decade = re.search(r"\b(?:the |los )?(19)?([0-9])0'?s\b", t)
    if decade and decade.group(2) in "79":
        return BEFORE_1987 if decade.group(2) == "7" else AFTER_1987
    if re.search(r"\b(2000|20[12]0)'?s\b", t):
        return AFTER_1987
    ago = re.search(r"\b(\d{1,2}|[a-z]+) (years?|anos) ago\b|\bhace (\d{1,2}|[a-z]+) anos\b", t)
    if ago:
        numbers = numbers_in(ago.group(0))
        if numbers and today.year - numbers[0] != BOUNDARY_YEAR:
            return AFTER_1987 if today.year - numbers[0] > BOUNDARY_YEAR else BEFORE_1987
    if re.search(r"\b(recent|recently|last year|this year|new law)\b", t):
        return AFTER_1987
    if re.search(r"\b(old law)\b", t):
        return BEFORE_1987
    return None


_NOT_TERMINAL = re.compile(
    r"\b(not|isn'?t|no es|no|never said it'?s) (terminal|dying|end stage|a terminal)\b|"
    r"\bnot terminally\b"
)
_TERMINAL = re.compile(
    r"\b(terminal|terminally|stage (?:4|iv|four)|end[ -]?stage|end of life|hospice|palliative|"
    r"metasta\w*|(?:months|weeks|days) to live|dying|incurable|no cure|can'?t be cured|"
    r"cannot be cured|given (?:\w+ )?(?:months|weeks)|etapa (?:4|iv|cuatro)|desahuciad\w*|"
    r"se esta muriendo|cuidados paliativos)\b"
)


def parse_terminal(text: str) -> YesNo | None:
    """Whether a doctor found a terminal illness: "she has stage 4 cancer" -> True.

    Words that only a terminal prognosis uses count as yes; "cancer" alone does not say it.
    """
    t = normalize(text)
    if _NOT_TERMINAL.search(t):
        return False
    if is_unknown(t):
        return UNKNOWN
    if _TERMINAL.search(t):
        return True
    return parse_yes_no(t)


SelfCare = Literal["none", "limited", "full"]
_SELF_CARE_FULL = re.compile(
    r"\b(no help|without help|doesn'?t need (?:any )?help|don'?t need help|on (?:his|her|their) "
    r"own|by (?:him|her|them)sel(?:f|ves)|independent|fully|all by|takes care of (?:him|her|them)"
    r"sel(?:f|ves)|can do everything|does everything|he'?s fine|she'?s fine|just fine|solo|sin ayuda)\b"
)
_SELF_CARE_NONE = re.compile(
    r"\b(not at all|at all|bed ?ridden|bed[ -]bound|confined to (?:a |his |her )?bed|"
    r"nothing|can'?t do anything|cannot do anything|everything|completely|totally|fully "
    r"dependent|full care|can'?t care|cannot care|can'?t take care|cannot take care|unable|"
    r"nada|no puede)\b"
)
_SELF_CARE_LIMITED = re.compile(
    r"\b(some|a little|a bit|little|limited|partly|partially|sometimes|somewhat|wheelchair|"
    r"walker|help|struggles?|barely|not much|hard|un poco|algo|ayuda)\b"
)


def parse_self_care(text: str) -> SelfCare | Unknown | None:
    """How much self-care the person can manage (PS 5050.50 § 3(b)): none, limited or full.

    "he can't take care of himself at all" -> none; "needs help with some things" -> limited;
    "he manages on his own" -> full.
    """
    t = normalize(text)
    if t in {"none", "limited", "full"}:
        return t  # type: ignore[return-value]
    if is_unknown(t):
        return UNKNOWN
    if _SELF_CARE_FULL.search(t):
        return "full"
    if _SELF_CARE_NONE.search(t):
        return "none"
    if _SELF_CARE_LIMITED.search(t):
        return "limited"
    if re.search(r"\b(he can|she can|they can|yes|manages|mostly)\b", t):
        return "full"
    return None


_FAMILY_WORDS: dict[str, re.Pattern[str]] = {
    "children": re.compile(
        r"\b(children|child|kids?|sons?|daughters?|hij[oa]s?|ninos?|ninas?|babys?|baby|"
        r"minors?|grandkids?|mij[oa])\b"
    ),
    "spouse": re.compile(
        r"\b(spouse|wife|husband|partner|esposa|esposo|marido|mujer|wifey|hubby|fiancee?)\b"
    ),
    "parent": re.compile(
        r"\b(parents?|mother|mom|mommy|mama|mami|father|dad|daddy|papa|papi|madre|padre|"
        r"grandma|grandmother|abuela)\b"
    ),
}
_FAMILY_NONE = re.compile(
    r"^(no|nope|nah|none|nobody|no one|noone|none of these|none of them|neither|nadie|ninguno|"
    r"no one needs him|no one needs her)\b"
)


def parse_family_situation(text: str) -> str | Unknown | None:
    """Who at home may need the person as caregiver: "children", "spouse", "parent" (joined by
    commas when several) or "none"."""
    t = normalize(text)
    parts = {part.strip() for part in t.split(",")}
    if parts and parts <= {"children", "spouse", "parent"}:
        return ",".join(c for c in ("children", "spouse", "parent") if c in parts)
    if t == FAMILY_NONE or _FAMILY_NONE.search(t):
        return FAMILY_NONE
    if is_unknown(t):
        return UNKNOWN
    found = [category for category, pattern in _FAMILY_WORDS.items() if pattern.search(t)]
    return ",".join(found) if found else None


# USSG § 1B1.13(b)(4): how the abuse is established, in the family's words. A negation, or a
# wish, just before a word ("nobody was convicted", "waiting for a judgment") takes it back.
_NEGATIONS = frozenset(
    {
        "no",
        "not",
        "never",
        "nobody",
        "noone",
        "nothing",
        "without",
        "wasn't",
        "weren't",
        "isn't",
        "aren't",
        "hasn't",
        "haven't",
        "didn't",
        "doesn't",
        "don't",
        "won't",
        "wasnt",
        "werent",
        "isnt",
        "arent",
        "hasnt",
        "havent",
        "didnt",
        "doesnt",
        "dont",
        "wont",
    }
)
_TAKEN_BACK = _NEGATIONS | {"waiting", "hoping", "hope", "want", "wants", "trying", "expecting"}
_ABUSE_NOT_FOUND = re.compile(
    r"\b(unsubstantiated|unfounded|not substantiated|couldn'?t prove|could not prove|no proof|"
    r"closed (?:it|the case)|cleared (?:him|her|them|the guard|the officer)|they found nothing|"
    r"found nothing|nothing (?:was )?found|said it didn'?t happen|didn'?t believe)\b"
)
_ABUSE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "conviction",
        re.compile(
            r"\b(convicted|conviction|guilty|went to prison for it|condenad[oa]|culpable)\b"
        ),
    ),
    (
        "civil_finding",
        re.compile(
            r"\b(admitted|admit|admits|admission|liable|liability|found (?:them |him |her )?"
            r"responsible|held (?:them |him |her )?responsible|won (?:the|our|his|her) "
            r"(?:case|lawsuit|suit)|we won|jury found|verdict|judgment|judgement)\b"
        ),
    ),
    (
        "administrative_finding",
        re.compile(
            r"\b(substantiated|sustained|founded|confirmed|found (?:that )?(?:it|he|she|they|the "
            r"(?:guard|officer|staff)) (?:happened|did|was|were|abused)|found it true|"
            r"found it happened|investigation found|oig found|prea found|fired|terminated|"
            r"disciplined|lost (?:his|her|their) job)\b"
        ),
    ),
    (
        "imminent_danger",
        re.compile(
            r"\b(danger|dangerous|threat|threats|threaten\w*|retaliat\w*|not safe|unsafe|"
            r"still (?:being )?(?:abused|hurt|harassed|targeted|attacked|beaten)|"
            r"afraid for (?:his|her|their) life|fears? for (?:his|her|their) (?:life|safety)|"
            r"in fear|peligro|amenaza\w*)\b"
        ),
    ),
    (
        "proceedings_delayed",
        re.compile(
            r"\b(stuck|delayed|delay|delays|dragging|drag(?:ged|s)? on|taking (?:so |too |very "
            r"|forever|a long)|forever|still waiting|been waiting|still investigating|"
            r"(?:investigat\w*|pending|waiting|going on|open) (?:for|since) (?:over |more than "
            r"|almost |about |like )?(?:\d+|a|an|one|two|three|four|five|six|several|many) "
            r"(?:years?|months?)|(?:years?|months?) (?:now|and nothing|later)|"
            r"hasn'?t gone anywhere|going nowhere|no answer|never heard back)\b"
        ),
    ),
)
_ABUSE_NOTHING = re.compile(
    r"\b(nothing|not yet|no one|nobody|never reported|didn'?t report|not reported|none|"
    r"no finding|no investigation|no case|pending|ongoing|still open|investigating|"
    r"under investigation|reported it|waiting|todavia no|aun no|nada)\b"
)


def _negated(t: str, match: re.Match[str], taken_back: frozenset[str] = _TAKEN_BACK) -> bool:
    """Whether one of the last four words before `match`, in its clause, takes it back."""
    clause = re.split(r"\b(?:but|and|though|although|y|pero)\b|[,.;]", t[: match.start()])[-1]
    return any(word in taken_back for word in words(clause)[-4:]) or "no one" in clause


def parse_abuse_established(text: str) -> str | Unknown | None:
    """How abuse in custody is established, or why it need not be yet (USSG § 1B1.13(b)(4)).

    "the guard was convicted" -> "conviction"; "we sued and they settled and admitted" ->
    "civil_finding"; "OIG substantiated it" -> "administrative_finding"; "they've been
    investigating for 2 years" -> "proceedings_delayed"; "he's still being threatened" ->
    "imminent_danger"; "no", "nothing yet" -> "not_established"; a settlement that admits nothing
    is not understood (the form asks again).
    """
    t = normalize(text)
    if t in ABUSE_FINDINGS:
        return t
    if is_unknown(t):
        return UNKNOWN
    if _ABUSE_NOT_FOUND.search(t):
        return "not_established"
    for finding, pattern in _ABUSE_PATTERNS:
        if any(not _negated(t, match) for match in pattern.finditer(t)):
            return finding
    if _ABUSE_NOTHING.search(t) or parse_yes_no(t) is False:
        return "not_established"
    return None


# ---------------------------------------------------------------------------------------------
# The court's medical, care and outbreak facts, said in the family's words
# ---------------------------------------------------------------------------------------------

# For these questions a family often answers with the thing itself ("he has COPD", "covid is
# in his unit") or in the negative words the question is about ("they won't give him his
# chemo", "he will never get better"), which a plain yes/no reading would take as "no". Each
# slot has the words that mean yes (unless negated) and, for some, the words that mean no.
_CONDITIONS = (
    r"cancer|tumou?r|dementia|alzheimer\w*|stroke|heart|copd|emphysema|lung|kidney|renal|"
    r"dialysis|liver|cirrhosis|parkinson\w*|multiple sclerosis|als|paraly\w*|blind\w*|deaf|"
    r"amputat\w*|diabet\w*|hiv|aids|seizures?|epilep\w*|wheelchair|disabilit\w*|disabled|"
    r"impair\w*|failure|chronic|severe|serious|cognitive|memory|brain|sickle cell|transplant"
)
_NOT_RECOVER = (
    r"(?:won'?t|wont|will not|not going to|never|can'?t|cannot|unlikely to|not expected to|"
    r"no chance to|don'?t (?:think|expect|believe) (?:he|she|they)(?:'?ll| will| can| is going "
    r"to| are going to)?) (?:ever |fully |really )?(?:recover|get better|improve|heal)"
)
_FACT_YES: dict[str, re.Pattern[str]] = {
    "serious_condition": re.compile(rf"\b({_CONDITIONS})\b"),
    "recovery_not_expected": re.compile(
        rf"({_NOT_RECOVER})|\b(no (?:chance of )?recovery|permanent\w*|irreversible|incurable|"
        r"not curable|no cure|for the rest of (?:his|her|their) life|only get worse|"
        r"getting worse)\b"
    ),
    "treatment_no_improvement": re.compile(
        rf"({_NOT_RECOVER})|\b((?:won'?t|will not|doesn'?t|does not|isn'?t going to|not going to"
        r"|can'?t|cannot) (?:really |much )?(?:help|work)|nothing (?:more )?(?:they|to be|can be)"
        r"|not helping|isn'?t helping|no improvement)\b"
    ),
    "aging_deterioration": re.compile(
        r"\b(weaker|frail\w*|declin\w*|deteriorat\w*|getting worse|going downhill|slowing down|"
        r"forget\w*|confused|confusion|dementia|alzheimer\w*|falls?|falling|fell|can'?t walk|"
        r"can'?t see|can'?t hear|losing|lost weight|getting old|his age|her age)\b"
    ),
    "care_not_provided": re.compile(
        r"\b(not (?:giving|getting|providing|treating|receiving|taking)|isn'?t (?:giving|getting|"
        r"being (?:treated|given|seen))|aren'?t (?:giving|treating|providing|doing)|won'?t "
        r"(?:give|treat|provide|send|let|approve|take|see)|doesn'?t get|don'?t give|"
        r"(?:denied|denying|deny|refused|refusing|refuse) (?:him |her |them )?(?:the |his |her |"
        r"their )?(?:care|treatment|surgery|chemo|dialysis|meds|medication|medicine|therapy|"
        r"specialist|to (?:treat|give|send|see|provide|approve|take))|"
        r"ignor\w*|neglect\w*|no (?:treatment|care|doctor|specialist|surgery|"
        r"chemo|dialysis|meds|medication|medicine|therapy)|give (?:him|her|them) nothing|"
        r"never (?:got|gets|received|seen|saw)|keeps? (?:getting )?(?:delay\w*|cancel\w*)|"
        r"delay\w*|cancel\w*|still waiting|been waiting|can'?t get)\b"
    ),
    "outbreak_at_facility": re.compile(
        r"\b(outbreak|covid|coronavirus|flu|influenza|tb|tuberculosis|measles|norovirus|mpox|"
        r"lockdown|locked down|quarantin\w*|spreading|epidemic|pandemic|emergency|brote)\b"
    ),
    "outbreak_risk_factors": re.compile(
        rf"\b({_CONDITIONS}|asthma|immun\w*|obes\w*|overweight|blood pressure|hypertension|"
        r"elderly|old|high risk|at risk|vulnerable|smok\w*)\b"
    ),
}
_FACT_NO: dict[str, re.Pattern[str]] = {
    "serious_condition": re.compile(r"\b(healthy|no health problems|nothing serious)\b"),
    "recovery_not_expected": re.compile(
        r"\b(?:will|should|expected to|going to|could|can|is getting|getting) (?:fully )?"
        r"(?:recover|get better|improve|heal|better)\b|\btemporary\b"
    ),
    "treatment_no_improvement": re.compile(
        r"\b(?:treatment|it|they|the meds|the medication) (?:is |are )?(?:helps?|helping|"
        r"works?|working)\b|\b(?:will|should|expected to|going to|is getting|getting) "
        r"(?:recover|get better|improve|better)\b"
    ),
    "aging_deterioration": re.compile(r"\b(strong|healthy|doing (?:fine|well|ok|okay))\b"),
    "care_not_provided": re.compile(
        r"\b(they (?:give|treat|provide|take care)|(?:he|she|they) (?:gets?|is getting|are "
        r"getting)|getting (?:his|her|their|the) (?:care|treatment|meds)|being treated)\b"
    ),
    "outbreak_risk_factors": re.compile(r"\b(healthy|young|no health problems)\b"),
}


def parse_fact(slot: str, text: str) -> YesNo | None:
    """A yes/no fact of the court's grounds, read with the words the family uses for it.

    "he has COPD" (serious condition, risk factors) -> True; "he'll never get better"
    (recovery not expected) -> True; "they won't give him his chemo" (care not provided) ->
    True; "covid is in his unit" (outbreak) -> True; anything else is read as a plain yes/no.
    """
    t = normalize(text)
    yes = _FACT_YES.get(slot)
    # "No" and "not" are the yes-words themselves here ("not giving", "won't get better").
    taken_back = (
        frozenset()
        if slot in ("recovery_not_expected", "treatment_no_improvement", "care_not_provided")
        else _NEGATIONS
    )
    if yes is not None and any(not _negated(t, m, taken_back) for m in yes.finditer(t)):
        return True
    no = _FACT_NO.get(slot)
    if no is not None and no.search(t):
        return False
    return parse_yes_no(t)
