"""The states the language tools recognise are the engine's, so the two lists cannot drift."""

from bot.legal.case import US_STATES
from bot.nlp.patterns.us_state import AMBIGUOUS_CODES, OTHER_NAMES, STATES

# The engine also accepts the territories' codes; families name them rarely and no pattern does.
TERRITORIES = frozenset({"AS", "GU", "MP", "PR", "VI"})


def test_every_state_named_is_one_the_engine_accepts_and_only_territories_are_left_out() -> None:
    assert set(STATES) <= US_STATES
    assert US_STATES - set(STATES) == TERRITORIES


def test_other_spellings_and_ambiguous_codes_are_of_named_states() -> None:
    assert set(OTHER_NAMES) <= set(STATES)
    assert set(AMBIGUOUS_CODES) <= set(STATES)
