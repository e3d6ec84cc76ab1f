"""Corrected messages become NLU training data that Rasa itself reads back unchanged."""

from __future__ import annotations

from datetime import date

import pytest
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from bot.staff.nlu_export import example_text, training_data


def read(yaml_text: str) -> dict[str, list[str]]:
    data = RasaYAMLReader().reads(yaml_text)
    found: dict[str, list[str]] = {}
    for message in data.training_examples:
        intent = message.get("intent")
        if message.get("intent_response_key"):
            intent = message.get("intent_response_key")
        found.setdefault(intent, []).append(message.get("text"))
    return found


def test_rasa_reads_every_example_under_its_corrected_intent() -> None:
    corrections = [
        ("out_of_scope", "ugh frobnicate the quux"),
        ("request_referral", "can someone from the clearinghouse call me: 555"),
        ("out_of_scope", "ugh frobnicate the quux"),
        ("faq/costs", "how much does this cost?"),
        ("greet", '"hola" - buenos días # not a comment'),
    ]

    text = training_data(corrections, date(2026, 3, 10))

    assert text.startswith("# Exported from the staff console on 2026-03-10: 4 corrected")
    assert read(text) == {
        "faq/costs": ["how much does this cost?"],
        "greet": ['"hola" - buenos días # not a comment'],
        "out_of_scope": ["ugh frobnicate the quux"],
        "request_referral": ["can someone from the clearinghouse call me: 555"],
    }


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        pytest.param(
            "he is [sic](age) 70 and [ok]{x}",
            "he is [sic] (age) 70 and [ok] {x}",
            id="entity and entity-dict forms",
        ),
        pytest.param(
            '[a][{"entity": "age"}]', '[a] [{"entity": "age"}]', id="a list of entity dicts"
        ),
        pytest.param("[[a](b)]", "[[a] (b)]", id="nested brackets"),
    ],
)
def test_a_familys_brackets_do_not_become_an_entity_annotation(text: str, kept: str) -> None:
    data = RasaYAMLReader().reads(training_data([("inform", text)], date(2026, 3, 10)))

    (example,) = data.training_examples
    assert example.get("entities") in (None, [])
    assert example.get("text") == kept


def test_line_breaks_and_control_characters_collapse_to_spaces() -> None:
    assert example_text("first line\nsecond\tline\x00end  ") == "first line second line end"


def test_nothing_flagged_gives_valid_empty_training_data() -> None:
    text = training_data([], date(2026, 3, 10))

    assert RasaYAMLReader().reads(text).training_examples == []
