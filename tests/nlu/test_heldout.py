"""The held-out NLU set is honest: unseen in training, and covering every intent and FAQ topic."""

from __future__ import annotations

from .heldout import (
    RETRIEVAL_INTENT,
    domain_intents,
    heldout_examples,
    normalise,
    training_examples,
)

MIN_PER_INTENT = 5
MAX_PER_INTENT = 10


def test_no_heldout_text_appears_in_any_training_file() -> None:
    trained = {normalise(text) for texts in training_examples().values() for text in texts}

    seen = [
        (intent, text)
        for intent, texts in heldout_examples().items()
        for text in texts
        if normalise(text) in trained
    ]

    assert seen == []


def test_no_heldout_text_is_listed_twice() -> None:
    texts = [normalise(text) for texts in heldout_examples().values() for text in texts]

    assert sorted({t for t in texts if texts.count(t) > 1}) == []


def test_every_domain_intent_has_heldout_examples() -> None:
    heldout = heldout_examples()
    plain = {intent for intent in heldout if "/" not in intent}
    retrieval = {intent.partition("/")[0] for intent in heldout if "/" in intent}

    missing = set(domain_intents()) - plain - retrieval

    assert missing == set()


def test_every_faq_topic_in_training_has_heldout_examples_and_no_other() -> None:
    trained = {i for i in training_examples() if i.startswith(f"{RETRIEVAL_INTENT}/")}
    heldout = {i for i in heldout_examples() if i.startswith(f"{RETRIEVAL_INTENT}/")}

    assert heldout == trained


def test_each_intent_has_five_to_ten_heldout_examples() -> None:
    counts = {intent: len(texts) for intent, texts in heldout_examples().items()}

    assert {i: n for i, n in counts.items() if not MIN_PER_INTENT <= n <= MAX_PER_INTENT} == {}
