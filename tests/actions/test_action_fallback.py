"""action_default_ask_affirmation: "did you mean ...?" in plain words, with buttons that work."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import (
    FAQ_TOPICS,
    INTENT_TOPICS,
    ActionAnswerYes,
    ActionDefaultAskAffirmation,
    suggestion,
)
from bot.wording import say
from tests.nlu.heldout import RETRIEVAL_INTENT, domain_intents, training_examples

NO_BUTTON = {"title": "No, something else", "payload": "/out_of_scope"}


def parse(
    ranking: list[tuple[str, float]], faq_key: str | None = None, fallback: bool = True
) -> dict[str, Any]:
    """Parse data as the FallbackClassifier leaves it: nlu_fallback first, then the ranking."""
    entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    if fallback:
        entries.insert(0, {"name": "nlu_fallback", "confidence": 0.65})
    data: dict[str, Any] = {
        "text": "something unclear",
        "intent": entries[0],
        "intent_ranking": entries,
        "entities": [],
    }
    if faq_key is not None:
        data["response_selector"] = {
            "all_retrieval_intents": ["faq"],
            "faq": {
                "response": {"intent_response_key": faq_key, "confidence": 0.9},
                "ranking": [],
            },
        }
    return data


def run(parse_data: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The events the action returns and the messages it sends."""
    tracker = Tracker(
        sender_id="family",
        slots={},
        latest_message=parse_data,
        events=[],
        paused=False,
        followup_action=None,
        active_loop={"name": "action_two_stage_fallback"},
        latest_action_name="action_listen",
    )
    dispatcher = CollectingDispatcher()
    events = ActionDefaultAskAffirmation().run(dispatcher, tracker, {})
    return events, dispatcher.messages


def test_is_registered_under_rasas_default_name() -> None:
    assert ActionDefaultAskAffirmation().name() == "action_default_ask_affirmation"


def test_a_faq_guess_names_the_topic_and_yes_sends_a_question_of_that_topic() -> None:
    events, messages = run(parse([("faq", 0.55), ("check_eligibility", 0.3)], "faq/elderly"))

    assert events == []
    assert [(m["response"], m["topic"], m["buttons"]) for m in messages] == [
        (
            "utter_ask_affirmation",
            "the rules about age",
            [
                {"title": "Yes", "payload": "what are the rules for elderly inmates"},
                NO_BUTTON,
            ],
        )
    ]


def test_an_intent_guess_names_it_plainly_and_yes_sends_the_intent() -> None:
    _, messages = run(parse([("ask_court_deadline", 0.5), ("faq", 0.4)], "faq/how_long"))

    assert [(m["response"], m["topic"], m["buttons"]) for m in messages] == [
        (
            "utter_ask_affirmation",
            "the earliest day to go to court",
            [{"title": "Yes", "payload": "/ask_court_deadline"}, NO_BUTTON],
        )
    ]


@pytest.mark.parametrize(
    ("ranking", "faq_key"),
    [
        pytest.param([("greet", 0.6)], None, id="small talk is never offered"),
        pytest.param([("forget_me", 0.6)], None, id="erasing data is never offered"),
        pytest.param([("restart", 0.6)], None, id="starting over is never offered"),
        pytest.param([("out_of_scope", 0.6)], None, id="out of scope is not a guess"),
        pytest.param([("faq", 0.2)], "faq/cost", id="a weak guess is not offered"),
        pytest.param([("faq", 0.6)], "faq/no_such_topic", id="an unknown topic is not offered"),
        pytest.param([("faq", 0.6)], None, id="a faq guess without a topic is not offered"),
        pytest.param([], None, id="no ranking at all"),
    ],
)
def test_without_a_usable_guess_it_asks_to_rephrase(
    ranking: list[tuple[str, float]], faq_key: str | None
) -> None:
    events, messages = run(parse(ranking, faq_key))

    assert events == []
    assert messages == [
        {
            "text": None,
            "buttons": [],
            "elements": [],
            "custom": {},
            "template": "utter_ask_rephrase",
            "response": "utter_ask_rephrase",
            "image": None,
            "attachment": None,
        }
    ]


def test_an_ambiguous_message_offers_the_top_intent() -> None:
    # The FallbackClassifier also fires when the top two intents are too close.
    assert suggestion(parse([("state_prisoner", 0.46), ("dc_code_offender", 0.44)])) == (
        "someone serving a state sentence",
        "/state_prisoner",
    )


def test_every_faq_topic_in_the_training_data_can_be_offered() -> None:
    trained = {
        intent.partition("/")[2]
        for intent in training_examples()
        if intent.startswith(f"{RETRIEVAL_INTENT}/")
    }

    assert set(FAQ_TOPICS) == trained


def test_each_faq_yes_button_sends_one_of_that_topics_own_training_examples() -> None:
    trained = training_examples()

    wrong = {
        topic: phrase
        for topic, (_, phrase) in FAQ_TOPICS.items()
        if phrase not in trained[f"{RETRIEVAL_INTENT}/{topic}"]
    }

    assert wrong == {}


def test_button_payloads_fit_in_telegram_callback_data() -> None:
    payloads = [phrase for _, phrase in FAQ_TOPICS.values()]
    payloads += [f"/{intent}" for intent in INTENT_TOPICS] + [NO_BUTTON["payload"]]

    assert [p for p in payloads if len(p.encode("utf-8")) > 64] == []


def test_offered_intents_exist_in_the_domain() -> None:
    assert set(INTENT_TOPICS) - set(domain_intents()) == set()


def test_topics_are_plain_words_not_intent_names() -> None:
    topics = [say(key) for key in INTENT_TOPICS.values()]
    topics += [say(about) for about, _ in FAQ_TOPICS.values()]

    assert [t for t in topics if "_" in t or "/" in t or t.startswith("faq")] == []


def bot(utter_action: str, buttons: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """A bot event as Rasa stores it for a response sent by name."""
    return {
        "event": "bot",
        "text": "...",
        "data": {"buttons": buttons},
        "metadata": {"utter_action": utter_action},
    }


def user(text: str, intent: str) -> dict[str, Any]:
    """A user event."""
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


def answer_yes(events: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """The events ActionAnswerYes returns and the names of the responses it sends."""
    tracker = Tracker(
        sender_id="family",
        slots={},
        latest_message={"text": "yes", "intent": {"name": "affirm", "confidence": 0.99}},
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )
    dispatcher = CollectingDispatcher()
    returned = ActionAnswerYes().run(dispatcher, tracker, {})
    return returned, [m["response"] for m in dispatcher.messages]


def asked(payload: str) -> list[dict[str, Any]]:
    """A conversation whose last bot message asked "did you mean ...?" with this Yes payload."""
    return [
        user("something unclear", "nlu_fallback"),
        bot("utter_ask_affirmation", [{"title": "Yes", "payload": payload}, NO_BUTTON]),
        user("yes", "affirm"),
        {"event": "rewind"},
        {"event": "action", "name": "action_listen"},
        user("yes", "affirm"),
    ]


def test_yes_is_registered_under_the_name_the_rule_uses() -> None:
    assert ActionAnswerYes().name() == "action_answer_yes"


def test_a_typed_yes_after_a_faq_suggestion_answers_that_topic() -> None:
    assert answer_yes(asked("what are the rules for elderly inmates")) == (
        [],
        ["utter_faq/elderly"],
    )


def test_a_typed_yes_after_an_intent_suggestion_replays_that_intent() -> None:
    events, responses = answer_yes(asked("/request_warden_letter"))

    assert responses == []
    assert [e["event"] for e in events] == ["action", "user"]
    assert events[0]["name"] == "action_listen"
    assert events[1]["text"] == "/request_warden_letter"
    assert events[1]["parse_data"] == {
        "text": "/request_warden_letter",
        "intent": {"name": "request_warden_letter", "confidence": 1.0},
        "intent_ranking": [{"name": "request_warden_letter", "confidence": 1.0}],
        "entities": [],
    }


@pytest.mark.parametrize(
    "events",
    [
        pytest.param([], id="nothing asked before"),
        pytest.param([bot("utter_greet"), user("yes", "affirm")], id="after another message"),
        pytest.param(asked("/restart"), id="a payload the action never offers"),
        pytest.param(
            [*asked("/human_handoff"), bot("utter_iamabot"), user("yes", "affirm")],
            id="the question was not the last message",
        ),
    ],
)
def test_any_other_yes_asks_what_else_the_family_wants_to_know(
    events: list[dict[str, Any]],
) -> None:
    assert answer_yes(events) == ([], ["utter_anything_else"])
