"""validate_eligibility_form and action_ask_confirm_facts on an inline Tracker.

Each test gives the slots, the family's message and what came before it, and asserts the full
list of events and the responses sent.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecutionRejected, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.screening import (
    FAILURES,
    SIDE_INTENTS,
    WHY_RESPONSES,
    ActionAskConfirmFacts,
    ValidateEligibilityForm,
    summary_chunks,
)
from bot.screening.questions import FORM_SLOTS

TODAY = date(2026, 3, 10)
FORM = "eligibility_form"
FEDERAL = {"jurisdiction": "federal", "offense_era": "after_1987"}
ROOT = Path(__file__).resolve().parents[2]


def tracker(
    text: str,
    intent: str = "inform",
    requested: str | None = "age",
    slots: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
    before: str = FORM,
    interrupted: bool = False,
) -> Tracker:
    """A tracker as Rasa sends it to the validation action after the family's message."""
    values = {**(slots or {}), "requested_slot": requested}
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.95},
        "entities": entities or [],
    }
    events: list[dict[str, Any]] = [
        {"event": "action", "name": before},
        {"event": "bot", "text": "a question"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": latest},
    ]
    if interrupted:
        events.append({"event": "loop_interrupted", "is_interrupted": True})
    events += [
        {"event": "slot", "name": "requested_slot", "value": requested},
        {"event": "action", "name": FORM},
    ]
    return Tracker(
        sender_id="family",
        slots=values,
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": FORM},
        latest_action_name=FORM,
    )


def validate(t: Tracker) -> tuple[list[dict[str, Any]], list[str | None]]:
    """The events and the response names of one validation."""
    dispatcher = CollectingDispatcher()
    events = ValidateEligibilityForm(clock=lambda: TODAY).validate(dispatcher, t)
    return events, [m.get("response") for m in dispatcher.messages]


def test_names() -> None:
    assert ValidateEligibilityForm().name() == "validate_eligibility_form"
    assert ActionAskConfirmFacts().name() == "action_ask_confirm_facts"


def test_an_age_is_stored_and_the_sentence_is_asked_next() -> None:
    events, responses = validate(tracker("he's 67", slots=FEDERAL))

    assert events == [
        SlotSet("age", 67),
        SlotSet(FAILURES, 0),
        SlotSet("requested_slot", "sentence_months"),
    ]
    assert responses == []


def test_under_65_the_sentence_and_aging_questions_are_skipped() -> None:
    events, _ = validate(tracker("fifty", slots=FEDERAL))

    assert events[-1] == SlotSet("requested_slot", "served_months")


def test_why_explains_the_question_with_its_rule_and_asks_it_again() -> None:
    events, responses = validate(tracker("why do you need that?", intent="ask_why", slots=FEDERAL))

    assert events == [
        SlotSet("age", None),
        SlotSet(FAILURES, 0),
        SlotSet("requested_slot", "age"),
    ]
    assert responses == ["utter_why_age"]


def test_why_is_understood_from_the_text_when_the_intent_is_missed() -> None:
    _, responses = validate(tracker("why does it matter?", intent="nlu_fallback", slots=FEDERAL))

    assert responses == ["utter_why_age"]


def test_not_sure_is_stored_as_unknown_and_the_form_moves_on() -> None:
    events, responses = validate(tracker("no idea", intent="dont_know", slots=FEDERAL))

    assert events == [
        SlotSet("age", "unknown"),
        SlotSet(FAILURES, 0),
        SlotSet("requested_slot", "sentence_months"),
    ]
    assert responses == []


def test_an_answer_that_cannot_be_read_gets_a_hint_and_the_question_again() -> None:
    events, responses = validate(tracker("banana", slots=FEDERAL))

    assert events == [
        SlotSet("age", None),
        SlotSet(FAILURES, 1),
        SlotSet("requested_slot", "age"),
    ]
    assert responses == ["utter_invalid_age"]


def test_the_second_failed_answer_offers_to_skip_the_question() -> None:
    events, responses = validate(tracker("banana", slots={**FEDERAL, FAILURES: 1}))

    assert events == [
        SlotSet("age", None),
        SlotSet(FAILURES, 2),
        SlotSet("requested_slot", "age"),
    ]
    assert responses == ["utter_invalid_age", "utter_offer_skip"]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("what is compassionate release?", "faq"),
        ("are you a bot", "bot_challenge"),
        ("when can we go to court?", "ask_court_deadline"),
        ("can a lawyer look at his case", "request_referral"),
    ],
)
def test_a_side_question_is_handed_to_the_rules(text: str, intent: str) -> None:
    events, responses = validate(tracker(text, intent=intent, slots=FEDERAL))

    assert events == [SlotSet("age", None), ActionExecutionRejected(FORM)]
    assert responses == []


def test_an_answer_the_nlu_took_for_a_faq_is_still_an_answer() -> None:
    events, _ = validate(tracker("my dad is 70", intent="faq", slots=FEDERAL))

    assert events[0] == SlotSet("age", 70)


def test_the_court_date_question_answers_the_warden_date_question() -> None:
    slots = {**FEDERAL, "age": 50, "served_months": 100, "terminal_illness": False}
    slots |= {"debilitating_condition": False, "family_situation": "none"}
    slots |= {"abused_in_custody": False}

    events, _ = validate(
        tracker(
            "the warden got it on march 3, when can we file?",
            intent="ask_court_deadline",
            requested="warden_request_received",
            slots=slots,
        )
    )

    assert events == [
        SlotSet("warden_request_received", "2026-03-03"),
        SlotSet(FAILURES, 0),
        SlotSet("requested_slot", "warden_denied_on"),
    ]


@pytest.mark.parametrize("intent", ["deny", "nlu_fallback", "goodbye"])
def test_stop_hands_over_to_the_do_you_want_to_continue_rules(intent: str) -> None:
    events, _ = validate(
        tracker("stop", intent=intent, requested="terminal_illness", slots=FEDERAL)
    )

    assert events == [SlotSet("terminal_illness", None), ActionExecutionRejected(FORM)]


def test_no_to_a_question_no_cannot_answer_asks_whether_to_continue() -> None:
    events, _ = validate(tracker("no", intent="deny", slots=FEDERAL))

    assert events == [SlotSet("age", None), ActionExecutionRejected(FORM)]


def test_no_answers_a_yes_no_question() -> None:
    events, _ = validate(
        tracker("no", intent="deny", requested="terminal_illness", slots={**FEDERAL, "age": 50})
    )

    assert events[0] == SlotSet("terminal_illness", False)


def test_stage_4_cancer_is_a_terminal_illness_and_the_prognosis_comes_next() -> None:
    events, _ = validate(
        tracker(
            "she has stage 4 cancer",
            requested="terminal_illness",
            slots={**FEDERAL, "age": 50, "served_months": 30},
        )
    )

    assert events == [
        SlotSet("terminal_illness", True),
        SlotSet(FAILURES, 0),
        SlotSet("requested_slot", "life_expectancy_months"),
    ]


def test_a_state_prison_ends_the_screening_with_the_state() -> None:
    events, _ = validate(
        tracker(
            "he's in a state prison in Ohio",
            intent="state_prisoner",
            requested="jurisdiction",
            entities=[{"entity": "US_STATE", "value": "Ohio"}],
        )
    )

    assert events == [
        SlotSet("jurisdiction", "state"),
        SlotSet("state", "OH"),
        SlotSet(FAILURES, 0),
        SlotSet("requested_slot", None),
    ]


def test_a_state_sentence_mentioned_later_also_ends_the_screening() -> None:
    events, _ = validate(
        tracker("wait, it was a state case", intent="state_prisoner", slots=FEDERAL)
    )

    assert events == [
        SlotSet("age", None),
        SlotSet("jurisdiction", "state"),
        SlotSet(FAILURES, 0),
        SlotSet("requested_slot", None),
    ]


def test_a_button_gives_its_value_through_the_entity() -> None:
    events, _ = validate(
        tracker(
            '/inform{"jurisdiction": "federal"}',
            requested="jurisdiction",
            entities=[{"entity": "jurisdiction", "value": "federal"}],
        )
    )

    assert events == [
        SlotSet("jurisdiction", "federal"),
        SlotSet(FAILURES, 0),
        SlotSet("requested_slot", "offense_era"),
    ]


def test_a_prison_name_means_a_federal_sentence_and_is_kept() -> None:
    events, _ = validate(
        tracker(
            "FCI Butner",
            requested="jurisdiction",
            entities=[{"entity": "FACILITY", "value": "FCI Butner"}],
        )
    )

    assert events == [
        SlotSet("facility", "FCI Butner"),
        SlotSet("jurisdiction", "federal"),
        SlotSet(FAILURES, 0),
        SlotSet("requested_slot", "offense_era"),
    ]


def test_more_time_served_than_the_sentence_is_questioned_kindly() -> None:
    events, responses = validate(
        tracker(
            "30 years",
            requested="served_months",
            slots={**FEDERAL, "age": 70, "sentence_months": 240},
        )
    )

    assert events == [
        SlotSet("served_months", None),
        SlotSet(FAILURES, 1),
        SlotSet("requested_slot", "served_months"),
    ]
    assert responses == ["utter_inconsistent_served"]


def test_since_a_month_counts_the_months_to_today() -> None:
    events, _ = validate(
        tracker(
            "since March 2015",
            requested="served_months",
            slots={**FEDERAL, "age": 70, "sentence_months": 240},
        )
    )

    assert events[0] == SlotSet("served_months", 132)


WARDEN_READY = {
    **FEDERAL,
    "age": 50,
    "served_months": 100,
    "terminal_illness": False,
    "debilitating_condition": False,
    "family_situation": "none",
    "abused_in_custody": "unknown",
}


@pytest.mark.parametrize(
    ("text", "intent", "value", "following"),
    [
        ("3/3/26", "inform_date", "2026-03-03", "warden_denied_on"),
        ("not yet", "deny", "none", "confirm_facts"),
        ("/deny", "deny", "none", "confirm_facts"),
        ("/dont_know", "dont_know", "unknown", "confirm_facts"),
    ],
)
def test_the_warden_request(text: str, intent: str, value: str, following: str) -> None:
    events, _ = validate(
        tracker(text, intent=intent, requested="warden_request_received", slots=WARDEN_READY)
    )

    assert events == [
        SlotSet("warden_request_received", value),
        SlotSet(FAILURES, 0),
        SlotSet("requested_slot", following),
    ]


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("december 20 2026", "utter_invalid_future_date"),
        ("yes", "utter_invalid_need_date"),
        ("hmm", "utter_invalid_warden_date"),
    ],
)
def test_a_warden_date_that_cannot_be_used(text: str, response: str) -> None:
    events, responses = validate(
        tracker(text, requested="warden_request_received", slots=WARDEN_READY)
    )

    assert events[0] == SlotSet("warden_request_received", None)
    assert responses == [response]


def test_a_denial_before_the_request_was_received_is_questioned() -> None:
    slots = {**WARDEN_READY, "warden_request_received": "2026-03-03"}

    events, responses = validate(tracker("feb 1", requested="warden_denied_on", slots=slots))

    assert events[0] == SlotSet("warden_denied_on", None)
    assert responses == ["utter_inconsistent_denial"]


def test_confirming_the_facts_completes_the_form() -> None:
    slots = {**WARDEN_READY, "warden_request_received": "none"}

    events, _ = validate(
        tracker("/affirm", intent="affirm", requested="confirm_facts", slots=slots)
    )

    assert events == [
        SlotSet("confirm_facts", True),
        SlotSet(FAILURES, 0),
        SlotSet("requested_slot", None),
    ]


def test_change_something_starts_the_questions_again() -> None:
    slots = {**WARDEN_READY, "warden_request_received": "none"}

    events, responses = validate(
        tracker("/deny", intent="deny", requested="confirm_facts", slots=slots)
    )

    assert events == [
        *(SlotSet(slot, None) for slot in (*FORM_SLOTS, "state", "facility", "relationship")),
        SlotSet(FAILURES, None),
        SlotSet("requested_slot", "jurisdiction"),
    ]
    assert responses == ["utter_screening_start_over"]


def test_back_from_a_side_question_the_same_question_is_asked_without_reading_the_message() -> None:
    events, responses = validate(
        tracker("yes", intent="affirm", slots=FEDERAL, before="utter_ask_continue_screening")
    )

    assert events == [SlotSet("requested_slot", "age")]
    assert responses == []


def test_back_from_an_answered_side_question_the_question_is_asked_again() -> None:
    t = tracker("what is compassionate release?", intent="faq", slots=FEDERAL)
    user = next(i for i, e in enumerate(t.events) if e["event"] == "user")
    t.events[user + 1 : user + 1] = [
        {"event": "action_execution_rejected", "name": FORM},
        {"event": "slot", "name": "age", "value": None},
        {"event": "bot", "text": "the answer"},
        {"event": "action", "name": "utter_faq"},
    ]

    events, responses = validate(t)

    assert events == [SlotSet("age", None), SlotSet("requested_slot", "age")]
    assert responses == []


def test_a_message_after_an_interruption_is_not_read_as_an_answer() -> None:
    events, _ = validate(tracker("yes", intent="affirm", slots=FEDERAL, interrupted=True))

    assert events == [SlotSet("requested_slot", "age")]


def test_the_first_message_can_already_answer_questions() -> None:
    events, responses = validate(
        tracker(
            "my dad is 70 and he's at fci butner, could he qualify?",
            intent="check_eligibility",
            requested=None,
            entities=[
                {"entity": "RELATIONSHIP", "value": "dad"},
                {"entity": "AGE", "value": "is 70"},
                {"entity": "FACILITY", "value": "fci butner"},
            ],
            before="action_listen",
        )
    )

    assert events == [
        SlotSet("facility", "fci butner"),
        SlotSet("relationship", "dad"),
        SlotSet("jurisdiction", "federal"),
        SlotSet("age", 70),
        SlotSet("requested_slot", "offense_era"),
    ]
    assert responses == ["utter_screening_intro"]


def test_a_new_screening_says_how_it_works_and_starts_with_the_court_question() -> None:
    events, responses = validate(
        tracker("could my dad qualify?", intent="check_eligibility", requested=None)
    )

    assert events == [SlotSet("requested_slot", "jurisdiction")]
    assert responses == ["utter_screening_intro"]


def test_answers_that_contradict_each_other_start_the_screening_over() -> None:
    slots = {**FEDERAL, "age": 30, "served_months": 400}

    events, responses = validate(
        tracker("check", intent="check_eligibility", requested=None, slots=slots)
    )

    assert events[-1] == SlotSet("requested_slot", "jurisdiction")
    assert responses == ["utter_screening_start_over"]


def test_the_summary_is_shown_before_is_this_right() -> None:
    dispatcher = CollectingDispatcher()
    slots = {**FEDERAL, "age": 67, "requested_slot": "confirm_facts"}
    t = tracker("", slots=slots)

    events = ActionAskConfirmFacts().run(dispatcher, t, {})

    assert events == []
    assert [(m["response"], m.get("summary")) for m in dispatcher.messages] == [
        ("utter_confirm_facts_intro", None),
        (
            "utter_confirm_facts_summary",
            "• Sentenced by: a federal court\n"
            "• When the offence happened: on or after 1 November 1987\n"
            "• Age: 67",
        ),
        ("utter_ask_confirm_facts", None),
    ]


def test_a_long_summary_is_split_into_phone_sized_messages() -> None:
    slots = dict.fromkeys(FORM_SLOTS, True)

    chunks = summary_chunks(slots, limit=200)

    assert len(chunks) > 1
    assert all(len(chunk) <= 200 for chunk in chunks)


def _domain() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "domain.yml").read_text())
    return loaded


def test_the_domain_asks_and_explains_every_question() -> None:
    domain = _domain()
    responses = domain["responses"]

    assert domain["forms"][FORM]["required_slots"] == list(FORM_SLOTS)
    for slot in FORM_SLOTS:
        assert f"utter_ask_{slot}" in responses
        assert WHY_RESPONSES[slot] in responses


def test_the_form_never_takes_a_side_question_as_an_answer() -> None:
    slots = _domain()["slots"]

    for slot in FORM_SLOTS:
        for mapping in slots[slot]["mappings"]:
            if mapping["type"] != "from_text":
                continue
            expected = SIDE_INTENTS | {"ask_why", "dont_know"}
            if slot == "warden_denied_on":
                expected -= {"ask_court_deadline"}
            assert set(mapping["not_intent"]) == expected, slot
