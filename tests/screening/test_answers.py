"""Natural answers read into slot values, the way families write them."""

from __future__ import annotations

from datetime import date

import pytest

from bot.legal.case import MAX_AGE_YEARS
from bot.screening.answers import (
    duration_months,
    is_unknown,
    month_year,
    numbers_in,
    parse_abuse_established,
    parse_age,
    parse_fact,
    parse_family_situation,
    parse_jurisdiction,
    parse_life_expectancy,
    parse_offense_era,
    parse_self_care,
    parse_sentence,
    parse_served,
    parse_terminal,
    parse_yes_no,
    state_code,
    whole_months_between,
)

TODAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("67", [67.0]),
        ("sixty seven", [67.0]),
        ("sixty-seven", [67.0]),
        ("Sixty-Seven", [67.0]),
        ("twelve", [12.0]),
        ("one hundred and two", [102.0]),
        ("sesenta y siete", [67.0]),
        ("veinticinco", [25.0]),
        ("12 or 13", [12.0, 13.0]),
        ("12.5", [12.5]),
        ("1,200", [1200.0]),
        ("no numbers here", []),
    ],
)
def test_numbers_in(text: str, expected: list[float]) -> None:
    assert numbers_in(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "not sure",
        "I don't know",
        "idk",
        "no idea",
        "skip",
        "dunno",
        "no sé",
        "No lo sé",
        "i dont remember",
        "maybe",
        "ni idea",
        "Not sure, sorry",
    ],
)
def test_unknown_answers(text: str) -> None:
    assert is_unknown(text)


@pytest.mark.parametrize("text", ["no", "yes", "he is 67", "know"])
def test_not_unknown(text: str) -> None:
    assert not is_unknown(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", True),
        ("Yeah", True),
        ("yep he does", True),
        ("sí", True),
        ("si", True),
        ("of course", True),
        ("correct", True),
        ("i think so", True),
        ("he does", True),
        ("she is", True),
        ("my dad has it", True),
        ("no", False),
        ("Nope", False),
        ("nah", False),
        ("he doesn't", False),
        ("she isn't", False),
        ("i don't think so", False),
        ("creo que no", False),
        ("not really", False),
        ("never", False),
        ("not sure", "unknown"),
        ("no idea", "unknown"),
        ("no sé", "unknown"),
        ("i dont know", "unknown"),
        ("banana", None),
        ("", None),
    ],
)
def test_parse_yes_no(text: str, expected: object) -> None:
    assert parse_yes_no(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("67", 67),
        ("he's 67", 67),
        ("He is 67 years old", 67),
        ("sixty seven", 67),
        ("sixty-seven", 67),
        ("my dad is seventy two", 72),
        ("she just turned 65", 65),
        ("tiene 67 años", 67),
        ("sesenta y siete", 67),
        ("born 3/4/1958", 68),
        ("born 3/11/1958", 67),
        ("he was born on march 4 1958", 68),
        ("DOB 03/04/1958", 68),
        ("born in 1958", 67),
        ("in his 70s", 70),
        ("he's in his late seventies", 70),
        ("67 and has been in 12 years", 67),
        ("in his 60s", None),
        ("old", None),
        ("5", None),
        ("200", None),
        ("", None),
    ],
)
def test_parse_age(text: str, expected: int | None) -> None:
    assert parse_age(text, TODAY) == expected


def test_the_oldest_age_read_is_the_oldest_the_engine_accepts() -> None:
    assert parse_age(f"he is {MAX_AGE_YEARS}", TODAY) == MAX_AGE_YEARS
    assert parse_age(f"he is {MAX_AGE_YEARS + 1}", TODAY) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 years", 144),
        ("about 12 years", 144),
        ("twelve years", 144),
        ("12 years and 6 months", 150),
        ("12 yrs 6 mos", 150),
        ("10yrs", 120),
        ("6mos", 6),
        ("240 months", 240),
        ("a year and a half", 18),
        ("12 and a half years", 150),
        ("12 1/2 years", 150),
        ("half a year", 6),
        ("a decade", 120),
        ("2 weeks", 0.5),
        ("doce años", 144),
        ("10 años y medio", 126),
        ("20", None),
        ("nothing", None),
    ],
)
def test_duration_months(text: str, expected: float | None) -> None:
    assert duration_months(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20 years", 240),
        ("he got 20 years", 240),
        ("240 months", 240),
        ("240", 240),
        ("20", 240),
        ("life", "life"),
        ("Life sentence", "life"),
        ("life plus 10 years", "life"),
        ("cadena perpetua", "life"),
        ("30 yrs", 360),
        ("20 años", 240),
        ("a long time", None),
        ("0", None),
    ],
)
def test_parse_sentence(text: str, expected: object) -> None:
    assert parse_sentence(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("about 12 years", 144),
        ("12", 144),
        ("150 months", 150),
        ("since March 2015", 132),
        ("since march of 2015", 132),
        ("he's been in since 3/2015", 132),
        ("since 3/15/2015", 131),
        ("since 3/10/2015", 132),
        ("since 2015", 128),
        ("2015", 128),
        ("he was arrested in june 2010", 189),
        ("desde marzo 2015", 132),
        ("lleva 12 años", 144),
        ("since March 2027", None),
        ("a while", None),
    ],
)
def test_parse_served(text: str, expected: float | None) -> None:
    assert parse_served(text, TODAY) == expected


def test_whole_months_between_counts_completed_months() -> None:
    assert whole_months_between(date(2015, 3, 15), date(2026, 3, 14)) == 131
    assert whole_months_between(date(2015, 3, 15), date(2026, 3, 15)) == 132


def test_month_year() -> None:
    assert month_year("since March 2015", TODAY) == date(2015, 3, 1)
    assert month_year("3/2015", TODAY) == date(2015, 3, 1)
    assert month_year("march 3", TODAY) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 months", 6),
        ("six months", 6),
        ("6", 6),
        ("a few months", 3),
        ("a few weeks", 1),
        ("less than a year", 12),
        ("about a year", 12),
        ("2 years", 24),
        ("not sure", None),
    ],
)
def test_parse_life_expectancy(text: str, expected: float | None) -> None:
    assert parse_life_expectancy(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("federal", ("federal", None)),
        ("FCI Butner", ("federal", None)),
        ("he's at fci butner", ("federal", None)),
        ("federal court", ("federal", None)),
        ("the feds", ("federal", None)),
        ("us district court", ("federal", None)),
        ("United States District Court", ("federal", None)),
        ("federal prison", ("federal", None)),
        ("BOP", ("federal", None)),
        ("state", ("state", None)),
        ("he's in a state prison in Ohio", ("state", "OH")),
        ("state court in texas", ("state", "TX")),
        ("county jail", ("state", None)),
        ("he is a state prisoner housed in a federal prison", ("state", None)),
        ("its not a federal case its state", ("state", None)),
        ("not federal", ("state", None)),
        ("not state, federal", ("federal", None)),
        ("D.C. Code", ("dc_code", None)),
        ("dc superior court", ("dc_code", None)),
        ("dc_code", ("dc_code", None)),
        ("prision estatal en california", ("state", "CA")),
        ("no idea", None),
        ("Butner", None),
    ],
)
def test_parse_jurisdiction(text: str, expected: object) -> None:
    assert parse_jurisdiction(text) == expected


def test_a_facility_entity_means_a_federal_prison() -> None:
    assert parse_jurisdiction("Butner", has_facility=True) == ("federal", None)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ohio", "OH"),
        ("New York", "NY"),
        ("washington dc", "DC"),
        ("west virginia", "WV"),
        ("in virginia", "VA"),
        ("Pensylvania", "PA"),
        ("nowhere", None),
    ],
)
def test_state_code(text: str, code: str | None) -> None:
    assert state_code(text) == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("after_1987", "after_1987"),
        ("after 1987", "after_1987"),
        ("after november 1987", "after_1987"),
        ("before 1987", "before_1987"),
        ("2012", "2012"),
        ("in 2012", "2012"),
        ("1985", "1985"),
        ("he was arrested in 1985", "1985"),
        ("december 1987", "after_1987"),
        ("march 1987", "before_1987"),
        ("1987", None),
        ("2010 and 2012", "after_1987"),
        ("1980 or 1990", None),
        ("in the 90s", "after_1987"),
        ("the 2000s", "after_1987"),
        ("the 70s", "before_1987"),
        ("10 years ago", "after_1987"),
        ("recently", "after_1987"),
        ("2030", None),
        ("no idea", None),
    ],
)
def test_parse_offense_era(text: str, expected: str | None) -> None:
    assert parse_offense_era(text, TODAY) == expected


# A continuing offense (a conspiracy) that went on past November 1, 1987 is on or after it: the
# new law, 18 U.S.C. § 3582(c)(1)(A), applies.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "it started in 1985 and went on until 1990", "after_1987", id="started before, went on"
        ),
        pytest.param("the conspiracy ran from 1984 to 1989", "after_1987", id="a conspiracy"),
        pytest.param("1984-1989", "after_1987", id="a range of years"),
        pytest.param("from 1986 through 1992", "after_1987", id="through"),
        pytest.param("from march 1987 to 1990", "after_1987", id="from 1987 into 1990"),
        pytest.param(
            "it started before 1987 and continued until 1991", "after_1987", id="before, until"
        ),
        pytest.param(
            "the conspiracy was between 1984 and 1989", "after_1987", id="a conspiracy between"
        ),
        pytest.param("it began in 1983 and ended in 1988", "after_1987", id="ended the year after"),
        pytest.param("from 1980 to 1985", "before_1987", id="ended before: old law"),
        pytest.param("from 1985 to 1987", None, id="ended in 1987: the month decides"),
        pytest.param("1980 or 1990", None, id="one or the other is not a span"),
        pytest.param(
            "he went to prison in 1986 and got out in 1990", None, id="custody is not the offense"
        ),
        pytest.param("before november 1 1987", "before_1987", id="before the line"),
        pytest.param("on or after november 1 1987", "after_1987", id="on or after the line"),
    ],
)
def test_a_continuing_offense_counts_as_on_or_after_1987(text: str, expected: str | None) -> None:
    assert parse_offense_era(text, TODAY) == expected


# USSG § 1B1.13(b)(4): a conviction, a civil finding or admission of liability, an administrative
# finding; or, without one, proceedings unduly delayed or imminent danger.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the guard was convicted", "conviction"),
        ("the officer pleaded guilty", "conviction"),
        ("he was found guilty last year", "conviction"),
        ("a jury found the guard guilty", "conviction"),
        ("the guard was found not guilty", "not_established"),
        ("we sued and they settled and admitted", "civil_finding"),
        ("the jury found them liable", "civil_finding"),
        ("we won the lawsuit", "civil_finding"),
        ("OIG substantiated it", "administrative_finding"),
        ("PREA investigation found it happened", "administrative_finding"),
        ("the investigation confirmed it", "administrative_finding"),
        ("the guard got fired for it", "administrative_finding"),
        ("they've been investigating for 2 years", "proceedings_delayed"),
        ("the case is stuck", "proceedings_delayed"),
        ("it's been pending for over a year", "proceedings_delayed"),
        ("it keeps getting delayed", "proceedings_delayed"),
        ("he's still being threatened", "imminent_danger"),
        ("she is in danger, they retaliate against her", "imminent_danger"),
        ("the guard still works there and threatens him", "imminent_danger"),
        ("no", "not_established"),
        ("nope", "not_established"),
        ("nothing yet", "not_established"),
        ("not yet", "not_established"),
        ("no one was convicted", "not_established"),
        ("they said it was unsubstantiated", "not_established"),
        ("the investigation is still open", "not_established"),
        ("we're waiting for a judgment", "not_established"),
        ("he never reported it", "not_established"),
        ("he is not in danger anymore", "not_established"),
        ("I don't know", "unknown"),
        ("not sure", "unknown"),
        ("conviction", "conviction"),
        ("imminent_danger", "imminent_danger"),
        ("they settled", None),
        ("yes", None),
        ("hmm", None),
    ],
)
def test_parse_abuse_established(text: str, expected: str | None) -> None:
    assert parse_abuse_established(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("she has stage 4 cancer", True),
        ("Stage IV lung cancer", True),
        ("yes, terminal", True),
        ("he's in hospice", True),
        ("they gave him 6 months to live", True),
        ("it has metastasized", True),
        ("yes", True),
        ("no", False),
        ("it's not terminal", False),
        ("cancer but not terminal", False),
        ("not sure", "unknown"),
        ("he has cancer", None),
    ],
)
def test_parse_terminal(text: str, expected: object) -> None:
    assert parse_terminal(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("none", "none"),
        ("he can't take care of himself at all", "none"),
        ("bedridden", "none"),
        ("needs help with everything", "none"),
        ("limited", "limited"),
        ("he needs some help", "limited"),
        ("only a little", "limited"),
        ("he's in a wheelchair", "limited"),
        ("full", "full"),
        ("he manages on his own", "full"),
        ("he doesn't need help", "full"),
        ("he takes care of himself", "full"),
        ("not sure", "unknown"),
        ("potato", None),
    ],
)
def test_parse_self_care(text: str, expected: object) -> None:
    assert parse_self_care(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("children", "children"),
        ("spouse,parent", "spouse,parent"),
        ("none", "none"),
        ("no", "none"),
        ("nobody", "none"),
        ("his kids", "children"),
        ("his wife and his mom", "spouse,parent"),
        ("his wife", "spouse"),
        ("my mom is very sick", "parent"),
        ("su hijo", "children"),
        ("not sure", "unknown"),
        ("hmm", None),
    ],
)
def test_parse_family_situation(text: str, expected: object) -> None:
    assert parse_family_situation(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he got convicted in superior court in arizona, state case", ("state", "AZ")),
        ("the dc court sentenced him not a federal court", ("dc_code", None)),
        ("his case was in dc superior court", ("dc_code", None)),
        ("my dad has a district of columbia code conviction", ("dc_code", None)),
    ],
)
def test_superior_court_is_dc_only_in_dc(text: str, expected: object) -> None:
    assert parse_jurisdiction(text) == expected


# The court's medical, care and outbreak questions (USSG § 1B1.13(b)(1)(B)-(D)), answered with
# the thing itself or in the negative words the question is about.
@pytest.mark.parametrize(
    ("slot", "text", "expected"),
    [
        ("serious_condition", "he has copd", True),
        ("serious_condition", "heart failure and diabetes", True),
        ("serious_condition", "dementia", True),
        ("serious_condition", "yes", True),
        ("serious_condition", "no", False),
        ("serious_condition", "he doesnt have cancer", False),
        ("serious_condition", "no cancer", False),
        ("serious_condition", "he is healthy", False),
        ("serious_condition", "not sure", "unknown"),
        ("recovery_not_expected", "he will never get better", True),
        ("recovery_not_expected", "they said he won't recover", True),
        ("recovery_not_expected", "i don't think he will recover", True),
        ("recovery_not_expected", "it's permanent", True),
        ("recovery_not_expected", "no, he should recover", False),
        ("recovery_not_expected", "no he will get better", False),
        ("recovery_not_expected", "no", False),
        ("recovery_not_expected", "yes", True),
        ("treatment_no_improvement", "treatment won't help", True),
        ("treatment_no_improvement", "nothing more they can do", True),
        ("treatment_no_improvement", "no the meds are helping", False),
        ("aging_deterioration", "yes he's getting weaker", True),
        ("aging_deterioration", "he forgets things and falls a lot", True),
        ("aging_deterioration", "no he's strong", False),
        ("care_not_provided", "they won't give him his chemo", True),
        ("care_not_provided", "they are not giving him dialysis", True),
        ("care_not_provided", "they refused to send him to a specialist", True),
        ("care_not_provided", "his surgery keeps getting cancelled", True),
        ("care_not_provided", "they ignore his sick calls", True),
        ("care_not_provided", "no they give him his meds", False),
        ("care_not_provided", "no", False),
        ("care_not_provided", "they denied his request", None),
        ("care_not_provided", "he refuses treatment", None),
        ("outbreak_at_facility", "covid is spreading in his unit", True),
        ("outbreak_at_facility", "they are on lockdown for the flu", True),
        ("outbreak_at_facility", "there is no covid there", False),
        ("outbreak_at_facility", "no outbreak", False),
        ("outbreak_risk_factors", "diabetes and asthma", True),
        ("outbreak_risk_factors", "no he's healthy", False),
        ("abused_in_custody", "yes", True),
        ("abused_in_custody", "no", False),
    ],
)
def test_parse_fact(slot: str, text: str, expected: object) -> None:
    assert parse_fact(slot, text) == expected
