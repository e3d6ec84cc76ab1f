"""Lemmas from the lookup lemmatizer saved inside the pipeline."""

import pytest
from spacy.language import Language


@pytest.mark.parametrize(
    ("text", "word", "lemma"),
    [
        pytest.param("he was sentenced in 2015", "sentenced", "sentence", id="past-participle"),
        pytest.param("my husband has cancer", "has", "have", id="has-have"),
        pytest.param("for 12 years", "years", "year", id="plural-noun"),
        pytest.param("he was denied", "was", "be", id="was-be"),
        pytest.param("the motions were denied", "denied", "deny", id="denied-deny"),
        pytest.param("my mom is dying", "dying", "die", id="dying-die-override"),
        pytest.param("10 yrs", "yrs", "year", id="yrs-year-override"),
        pytest.param("6 mos", "mos", "month", id="mos-month-override"),
        pytest.param("he doesn't", "n't", "not", id="straight-apostrophe"),
        pytest.param("he doesn’t", "n’t", "not", id="curly-apostrophe"),
        pytest.param("my children", "children", "child", id="irregular-plural"),
        pytest.param("FCI Butner", "Butner", "Butner", id="unknown-word-kept"),
    ],
)
def test_lemma(nlp: Language, text: str, word: str, lemma: str) -> None:
    [token] = [token for token in nlp(text) if token.text == word]
    assert token.lemma_ == lemma
