"""Entities found in realistic family messages, and the ones that must not be found."""

import pytest
from spacy.language import Language

Ents = list[tuple[str, str]]


def entities(nlp: Language, text: str) -> Ents:
    """Return the (text, label) of every entity the pipeline finds in ``text``."""
    return [(ent.text, ent.label_) for ent in nlp(text).ents]


FAMILY_MESSAGES = [
    pytest.param(
        "my dad is 67 and has been in fci butner for about 12 years",
        [
            ("dad", "RELATIONSHIP"),
            ("is 67", "AGE"),
            ("fci butner", "FACILITY"),
            ("about 12 years", "DURATION"),
        ],
        id="lowercase-relationship-age-facility-duration",
    ),
    pytest.param(
        "mi hijo esta en FMC Carswell",
        [("hijo", "RELATIONSHIP"), ("FMC Carswell", "FACILITY")],
        id="spanish-son-at-fmc",
    ),
    pytest.param(
        "she's in a state prison in Ohio",
        [("Ohio", "US_STATE")],
        id="state-name-not-a-facility",
    ),
    pytest.param(
        "my huband has stage 4 cancer",
        [("huband", "RELATIONSHIP")],
        id="misspelled-husband-and-stage-number-is-no-duration",
    ),
    pytest.param(
        "My mother is 70 years old and in FMC Devens, her release date is in 18 months",
        [
            ("mother", "RELATIONSHIP"),
            ("70 years old", "AGE"),
            ("FMC Devens", "FACILITY"),
            ("18 months", "DURATION"),
        ],
        id="capitalised-message-with-age-in-years-old",
    ),
    pytest.param(
        "my dauther got 10 yrs and shes in carswell, 6 mos left",
        [
            ("dauther", "RELATIONSHIP"),
            ("10 yrs", "DURATION"),
            ("carswell", "FACILITY"),
            ("6 mos", "DURATION"),
        ],
        id="texting-style-typos-and-abbreviated-units",
    ),
    pytest.param(
        "My loved one was moved from USP Atlanta to USMCFP Springfield in Missouri",
        [
            ("loved one", "RELATIONSHIP"),
            ("USP Atlanta", "FACILITY"),
            ("USMCFP Springfield", "FACILITY"),
            ("Missouri", "US_STATE"),
        ],
        id="loved-one-two-facilities-and-state",
    ),
    pytest.param(
        "mijo is at FCI Terminal Island in california, he is 19",
        [
            ("mijo", "RELATIONSHIP"),
            ("FCI Terminal Island", "FACILITY"),
            ("california", "US_STATE"),
            ("he is 19", "AGE"),
        ],
        id="spanish-nickname-lowercase-state-pronoun-age",
    ),
    pytest.param(
        "my wife is in MDC Brooklyn, New York, waiting on a twelve year sentence",
        [
            ("wife", "RELATIONSHIP"),
            ("MDC Brooklyn", "FACILITY"),
            ("New York", "US_STATE"),
            ("twelve year", "DURATION"),
        ],
        id="number-word-duration",
    ),
    pytest.param(
        "Grandma is at fmc fort worth texas and is 81",
        [
            ("Grandma", "RELATIONSHIP"),
            ("fmc fort worth", "FACILITY"),
            ("texas", "US_STATE"),
            ("is 81", "AGE"),
        ],
        id="two-word-place-facility-beside-state",
    ),
]

DURATIONS = [
    pytest.param("he got 12 years", "12 years", id="digits"),
    pytest.param("about 12 years", "about 12 years", id="hedged"),
    pytest.param("for more than 5 years now", "more than 5 years", id="two-word-hedge"),
    pytest.param("served twelve years", "twelve years", id="number-word"),
    pytest.param("twenty-five years", "twenty-five years", id="hyphenated-number-word"),
    pytest.param("a year and a half", "a year and a half", id="a-year-and-a-half"),
    pytest.param("two and a half years", "two and a half years", id="and-a-half-before-unit"),
    pytest.param("5 1/2 years", "5 1/2 years", id="fraction"),
    pytest.param("10 yrs", "10 yrs", id="yrs"),
    pytest.param("6 mos", "6 mos", id="mos"),
    pytest.param("he has 10yrs", "10yrs", id="unit-glued-to-digits"),
    pytest.param("10 to 15 years", "10 to 15 years", id="range"),
    pytest.param("12 years and 6 months", "12 years and 6 months", id="years-and-months"),
    pytest.param("a 120-month sentence", "120-month", id="hyphenated-adjective"),
    pytest.param("been sick for over a year", "over a year", id="article-unit"),
    pytest.param("a few months to live", "a few months", id="vague-count"),
    pytest.param("the warden has 30 days", "30 days", id="days"),
    pytest.param("locked up 20+ years", "20+ years", id="plus-sign"),
    pytest.param("locked up 10+yrs", "10+yrs", id="plus-sign-glued"),
    pytest.param("doctors give him 6 to 12 months", "6 to 12 months", id="prognosis-range"),
]

AGES = [
    pytest.param("he is 67 years old", "67 years old", id="years-old-beats-duration"),
    pytest.param("about 67 years old", "about 67 years old", id="hedged-years-old"),
    pytest.param("a 67-year-old man", "67-year-old", id="hyphenated"),
    pytest.param("67 yrs old", "67 yrs old", id="yrs-old"),
    pytest.param("67 y/o", "67 y/o", id="y-slash-o"),
    pytest.param("67yo", "67yo", id="yo-glued"),
    pytest.param("age 67", "age 67", id="age-number"),
    pytest.param("at the age of 67", "at the age of 67", id="at-the-age-of"),
    pytest.param("he's 67", "he's 67", id="contraction"),
    pytest.param("he’s 67", "he’s 67", id="curly-apostrophe"),
    pytest.param("she is 70", "she is 70", id="pronoun-is"),
    pytest.param("my mom just turned 70", "just turned 70", id="turned"),
    pytest.param("he is sixty-seven", "he is sixty-seven", id="number-words"),
    pytest.param("she is in her late 70s", "in her late 70s", id="decade"),
]

FALSE_POSITIVES = [
    pytest.param("I am in love", id="in-is-not-indiana"),
    pytest.param("or", id="or-is-not-oregon"),
    pytest.param("me", id="me-is-not-maine"),
    pytest.param("I AM IN LOVE WITH ME OR NOT OK", id="shouted-words-are-not-states"),
    pytest.param("the CO took his ID", id="correctional-officer-and-identification"),
    pytest.param("she has MS and saw an MD at the VA", id="medical-acronyms"),
    pytest.param("his first year was hard", id="ordinal-is-no-duration"),
    pytest.param("he was convicted of child pornography", id="child-is-not-a-relationship"),
    pytest.param("he is in a prison in atlanta", id="city-alone-is-not-a-facility"),
    pytest.param("he has stage 4 cancer and 2 kidneys", id="bare-numbers"),
]


@pytest.mark.parametrize(("text", "expected"), FAMILY_MESSAGES)
def test_family_messages(nlp: Language, text: str, expected: Ents) -> None:
    assert entities(nlp, text) == expected


@pytest.mark.parametrize(("text", "span"), DURATIONS)
def test_duration(nlp: Language, text: str, span: str) -> None:
    assert entities(nlp, text) == [(span, "DURATION")]


@pytest.mark.parametrize(("text", "span"), AGES)
def test_age(nlp: Language, text: str, span: str) -> None:
    assert (span, "AGE") in entities(nlp, text)
    assert all(label != "DURATION" for _, label in entities(nlp, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("his sentence is 20 years", [("20 years", "DURATION")], id="is-n-years"),
        pytest.param(
            "he is 20 years into a 30 year sentence",
            [("20 years", "DURATION"), ("30 year", "DURATION")],
            id="pronoun-is-n-years",
        ),
        pytest.param(
            "he's 67 and has done 12 years",
            [("he's 67", "AGE"), ("12 years", "DURATION")],
            id="age-and-duration-side-by-side",
        ),
        pytest.param("a 19 year old grandson", [("19 year old", "AGE")], id="year-old"),
    ],
)
def test_age_and_duration_do_not_steal_each_other(nlp: Language, text: str, expected: Ents) -> None:
    assert [ent for ent in entities(nlp, text) if ent[1] in {"AGE", "DURATION"}] == expected


@pytest.mark.parametrize("text", FALSE_POSITIVES)
def test_no_false_positives(nlp: Language, text: str) -> None:
    assert entities(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("we live in TX", [("TX", "US_STATE")], id="upper-case-code"),
        pytest.param("we live in tx", [], id="lower-case-code-ignored"),
        pytest.param(
            "he is in Butner, NC",
            [("Butner", "FACILITY"), ("NC", "US_STATE")],
            id="facility-place-then-code",
        ),
        pytest.param("west virginia", [("west virginia", "US_STATE")], id="longest-name-wins"),
        pytest.param("Washington, D.C.", [("Washington, D.C.", "US_STATE")], id="dc"),
        pytest.param("tennesee", [("tennesee", "US_STATE")], id="misspelled-name"),
    ],
)
def test_us_state(nlp: Language, text: str, expected: Ents) -> None:
    assert entities(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "span"),
    [
        pytest.param("FCI Butner", "FCI Butner", id="type-then-place"),
        pytest.param("fmc butner", "fmc butner", id="lowercase"),
        pytest.param("FMC ROCHESTER", "FMC ROCHESTER", id="uppercase"),
        pytest.param("FMC Lexington", "FMC Lexington", id="fmc-lexington"),
        pytest.param("fci-butner", "fci-butner", id="hyphenated"),
        pytest.param("Butner FCI", "Butner FCI", id="place-then-type"),
        pytest.param("the FCI Butner Medium II", "FCI Butner Medium II", id="sub-unit"),
        pytest.param(
            "Federal Medical Center Carswell", "Federal Medical Center Carswell", id="long"
        ),
        pytest.param("butner medical center", "butner medical center", id="medical-center"),
        pytest.param("MCC New York", "MCC New York", id="facility-beats-state"),
        pytest.param("FTC Oklahoma City", "FTC Oklahoma City", id="transfer-center"),
        pytest.param("FCI Oakdale I think", "FCI Oakdale", id="bare-roman-one-not-a-unit"),
    ],
)
def test_facility(nlp: Language, text: str, span: str) -> None:
    assert entities(nlp, text) == [(span, "FACILITY")]


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        pytest.param("mami", "mother", id="spanish-mother"),
        pytest.param("my papi", "father", id="spanish-father"),
        pytest.param("esposo", "husband", id="spanish-husband"),
        pytest.param("esposa", "wife", id="spanish-wife"),
        pytest.param("huband", "husband", id="misspelled-husband"),
        pytest.param("dauther", "daughter", id="misspelled-daughter"),
        pytest.param("Fiancé", "fiancé", id="accented-fiance"),
        pytest.param("fiance", "fiancé", id="unaccented-fiance"),
        pytest.param("step-dad", "stepfather", id="hyphenated-step"),
        pytest.param("father in law", "father-in-law", id="in-law-spaced"),
        pytest.param("my loved one", "loved one", id="loved-one"),
    ],
)
def test_relationship_canonical_id(nlp: Language, text: str, canonical: str) -> None:
    [ent] = nlp(text).ents
    assert (ent.label_, ent.ent_id_) == ("RELATIONSHIP", canonical)


@pytest.mark.parametrize(
    ("text", "label", "canonical"),
    [
        pytest.param("fmc-carswell", "FACILITY", "FMC Carswell", id="facility-name"),
        pytest.param("Carswell", "FACILITY", "FMC Carswell", id="facility-place-alias"),
        pytest.param("fmc springfield", "FACILITY", "USMCFP Springfield", id="springfield"),
        pytest.param("FCI Butner Medium 2", "FACILITY", "FCI Butner Medium II", id="sub-unit"),
        pytest.param("north carolina", "US_STATE", "NC", id="state-postal-code"),
        pytest.param("washington dc", "US_STATE", "DC", id="dc-postal-code"),
    ],
)
def test_canonical_id(nlp: Language, text: str, label: str, canonical: str) -> None:
    [ent] = nlp(text).ents
    assert (ent.label_, ent.ent_id_) == (label, canonical)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("My Dad Is 67 And Has Been In FCI Butner For About 12 Years", id="title"),
        pytest.param("My husband is at FMC Devens in Massachusetts", id="names"),
        pytest.param("Mi hijo lleva 10 años en USP Atlanta, he is 45", id="mixed-language"),
    ],
)
def test_lowercased_text_finds_the_same_entities(nlp: Language, text: str) -> None:
    """Families often type everything in lower case."""
    original = [(span.lower(), label) for span, label in entities(nlp, text)]
    assert original
    assert entities(nlp, text.lower()) == original
