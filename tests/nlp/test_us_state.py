"""The other spellings and the codes left out name states the language tools know."""

from bot.nlp.patterns.us_state import AMBIGUOUS_CODES, OTHER_NAMES, STATES


def test_other_spellings_and_ambiguous_codes_are_of_named_states() -> None:
    assert set(OTHER_NAMES) <= set(STATES)
    assert set(AMBIGUOUS_CODES) <= set(STATES)
