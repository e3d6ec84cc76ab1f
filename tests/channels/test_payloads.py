"""Slash text is text: a "/" message that is not one of our buttons' payloads is read as words."""

from __future__ import annotations

import json

import pytest

from bot.channels.payloads import as_words, our_payloads, payloads_of
from bot.channels.rest import check_body

DOMAIN = {
    "intents": ["affirm", {"faq": {"is_retrieval_intent": True}}],
    "responses": {
        "utter_ask_family_situation": [
            {
                "text": "Who needs them?",
                "buttons": [
                    {"title": "None", "payload": '/inform{{"family_situation": "none"}}'},
                    {"title": "Website", "url": "https://example.org"},
                ],
            }
        ]
    },
}


def test_our_payloads_are_the_domains_buttons_and_intents() -> None:
    assert payloads_of(DOMAIN) == {"/affirm", "/faq", '/inform{"family_situation": "none"}'}


@pytest.mark.parametrize(
    ("text", "read_as"),
    [
        pytest.param("/affirm", "/affirm", id="a yes button"),
        pytest.param(
            '/inform{"family_situation": "none"}',
            '/inform{"family_situation": "none"}',
            id="a button with an entity",
        ),
        pytest.param('/inform{"age": 200}', 'inform{"age": 200}', id="typed entities are words"),
        pytest.param("/stage 4 cancer at FMC Butner", "stage 4 cancer at FMC Butner", id="words"),
        pytest.param("//affirm please", "affirm please", id="several slashes"),
        pytest.param("/", "", id="a slash alone"),
        pytest.param("he is 70 / 71", "he is 70 / 71", id="a slash inside the text"),
    ],
)
def test_slash_text_that_is_not_a_payload_is_words(text: str, read_as: str) -> None:
    assert as_words(text, payloads_of(DOMAIN)) == read_as


def test_the_projects_domain_gives_the_screening_buttons() -> None:
    payloads = our_payloads()
    assert {"/affirm", "/deny", "/dont_know"} <= payloads
    assert '/inform{"abuse_established_by": "conviction"}' in payloads
    assert not any("{{" in payload for payload in payloads)


@pytest.mark.parametrize(
    ("message", "read_as"),
    [
        pytest.param("/affirm", "/affirm", id="a button"),
        pytest.param('/inform{"age": 200}', 'inform{"age": 200}', id="an injected entity"),
    ],
)
def test_the_rest_and_widget_body_check_reads_slash_text_as_words(
    message: str, read_as: str
) -> None:
    data, error = check_body(json.dumps({"sender": "fam-1", "message": message}).encode())
    assert error is None
    assert data is not None
    assert data["message"] == read_as
