"""validate_eligibility_form and action_ask_confirm_facts on an inline Tracker.

Each test gives the slots, the family's message and what came before it, and asserts the full
list of events and the responses sent.
"""

from __future__ import annotations

import asyncio
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecutionRejected, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.screening import (
    DATE_QUESTIONS,
    FAILURES,
    INVALID_RESPONSES,
    SIDE_INTENTS,
    ActionAskConfirmFacts,
    ActionReadScreeningAnswer,
)
from bot.screening.registry import FORM_SLOTS, KINDS, WHY_RESPONSES
from tests.screening.slots import FEDERAL, HEALTHY

TODAY = date(2026, 3, 10)
FORM = "eligibility_form"
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
    events = ActionReadScreeningAnswer(clock=lambda: TODAY).validate(dispatcher, t)
    return events, [m.get("response") for m in dispatcher.messages]


def test_rasa_runs_the_same_validation() -> None:
    t = tracker("he's 70")
    dispatcher = CollectingDispatcher()
    action = ActionReadScreeningAnswer(clock=lambda: TODAY)

    events = asyncio.run(action.run(dispatcher, t, {}))

    assert events == validate(t)[0]


def test_names() -> None:
    assert ActionReadScreeningAnswer().name() == "validate_eligibility_form"
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
    slots = {**FEDERAL, **HEALTHY, "age": 50, "served_months": 100}
    slots |= {"family_situation": "none", "abused_in_custody": False}

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
    **HEALTHY,
    "age": 50,
    "served_months": 100,
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
            "• When the offense happened: on or after November 1, 1987\n"
            "• Age: 67",
        ),
        ("utter_ask_confirm_facts", None),
    ]


def test_with_nothing_told_yet_the_summary_says_so() -> None:
    dispatcher = CollectingDispatcher()

    ActionAskConfirmFacts().run(dispatcher, tracker("", slots={}), {})

    assert [m.get("summary") for m in dispatcher.messages] == [None, "(nothing yet)", None]


def walk(slots: dict[str, Any], answers: dict[str, str], first: str) -> list[str]:
    """Answers each question the form asks with `answers[slot]`; the questions asked, in order."""
    asked: list[str] = []
    current = dict(slots)
    requested: str | None = first
    while requested is not None:
        assert requested not in asked, f"{requested} asked twice"
        asked.append(requested)
        text = answers[requested]
        intent = {"no": "deny", "yes": "affirm", "not sure": "dont_know"}.get(text, "inform")
        events, responses = validate(
            tracker(text, intent=intent, requested=requested, slots=current)
        )
        assert responses == [], (requested, text, responses)
        for event in events:
            if event["event"] == "slot":
                current[event["name"]] = event["value"]
        requested = current["requested_slot"]
    return asked


# Every question a family in good health would be asked, answered "no" unless said otherwise.
NO_TO_EVERYTHING = {
    **dict.fromkeys(FORM_SLOTS, "no"),
    "family_situation": "no one",
    "warden_request_received": "not yet",
    "confirm_facts": "yes",
}


@pytest.mark.parametrize(
    ("answers", "follow_up", "asked"),
    [
        pytest.param(
            {"abused_in_custody": "yes", "abuse_established_by": "the guard was convicted"},
            "abuse_established_by",
            True,
            id="abuse yes: how it is established (USSG 1B1.13(b)(4))",
        ),
        pytest.param({}, "abuse_established_by", False, id="abuse no: no follow-up"),
        pytest.param(
            {"abused_in_custody": "not sure"},
            "abuse_established_by",
            False,
            id="abuse skipped: no follow-up",
        ),
        pytest.param(
            {"outbreak_at_facility": "yes"},
            "outbreak_risk_factors",
            True,
            id="an outbreak: their own risk (USSG 1B1.13(b)(1)(D)(ii))",
        ),
        pytest.param({}, "outbreak_risk_factors", False, id="no outbreak: no risk question"),
        pytest.param(
            {"outbreak_at_facility": "not sure"},
            "outbreak_risk_factors",
            False,
            id="outbreak not sure: no risk question",
        ),
    ],
)
def test_follow_up_questions_come_only_after_a_yes(
    answers: dict[str, str], follow_up: str, asked: bool
) -> None:
    slots = {**FEDERAL, "age": 50, "served_months": 100}

    questions = walk(slots, NO_TO_EVERYTHING | answers, "terminal_illness")

    assert (follow_up in questions) is asked
    if asked:
        before = {"abuse_established_by": "abused_in_custody"}.get(
            follow_up, "outbreak_at_facility"
        )
        assert questions.index(follow_up) == questions.index(before) + 1


def test_a_family_under_65_is_asked_the_new_questions_but_no_aging_question() -> None:
    questions = walk({**FEDERAL, "served_months": 100}, NO_TO_EVERYTHING | {"age": "50"}, "age")

    assert questions == [
        "age",
        "terminal_illness",
        "debilitating_condition",
        "serious_condition",
        "care_not_provided",
        "outbreak_at_facility",
        "family_situation",
        "abused_in_custody",
        "warden_request_received",
        "confirm_facts",
    ]


def test_a_family_over_65_is_asked_about_decline_with_age_after_the_bops_questions() -> None:
    questions = walk(
        {**FEDERAL, "sentence_months": 240, "served_months": 150},
        NO_TO_EVERYTHING | {"age": "70", "self_care": "only a little"},
        "age",
    )

    aging = ["age_related_condition", "deteriorating_health", "aging_deterioration"]
    assert questions[questions.index("self_care") + 1 :][:3] == aging
    assert "recovery_not_expected" not in questions  # nothing to recover from


def test_a_serious_condition_leads_to_recovery_then_self_care() -> None:
    questions = walk(
        {**FEDERAL, "age": 50, "served_months": 100},
        NO_TO_EVERYTHING
        | {"serious_condition": "yes", "recovery_not_expected": "yes", "self_care": "not at all"},
        "terminal_illness",
    )

    start = questions.index("serious_condition")
    assert questions[start : start + 3] == [
        "serious_condition",
        "recovery_not_expected",
        "self_care",
    ]


@pytest.mark.parametrize(
    ("text", "entities", "value"),
    [
        (
            '/inform{"abuse_established_by": "administrative_finding"}',
            [{"entity": "abuse_established_by", "value": "administrative_finding"}],
            "administrative_finding",
        ),
        ("the guard was convicted", [], "conviction"),
        ("OIG substantiated it", [], "administrative_finding"),
        ("PREA investigation found it happened", [], "administrative_finding"),
        ("we sued and they settled and admitted", [], "civil_finding"),
        ("they've been investigating for 2 years", [], "proceedings_delayed"),
        ("he's still being threatened", [], "imminent_danger"),
        ("nothing yet", [], "not_established"),
        ("no", [], "not_established"),
        ("I don't know", [], "unknown"),
    ],
)
def test_how_the_abuse_is_established(
    text: str, entities: list[dict[str, Any]], value: str
) -> None:
    slots = {**WARDEN_READY, "abused_in_custody": True}

    events, responses = validate(
        tracker(text, requested="abuse_established_by", slots=slots, entities=entities)
    )

    assert events == [
        SlotSet("abuse_established_by", value),
        SlotSet(FAILURES, 0),
        SlotSet("requested_slot", "warden_request_received"),
    ]
    assert responses == []


def test_an_abuse_answer_that_cannot_be_read_gets_its_own_hint() -> None:
    slots = {**WARDEN_READY, "abused_in_custody": True}

    events, responses = validate(
        tracker("they settled", requested="abuse_established_by", slots=slots)
    )

    assert events[0] == SlotSet("abuse_established_by", None)
    assert responses == ["utter_invalid_abuse_established"]


@pytest.mark.parametrize(
    "slot",
    [
        "serious_condition",
        "recovery_not_expected",
        "aging_deterioration",
        "care_not_provided",
        "outbreak_at_facility",
        "outbreak_risk_factors",
        "abuse_established_by",
    ],
)
def test_why_explains_each_new_question(slot: str) -> None:
    _, responses = validate(tracker("why?", intent="ask_why", requested=slot, slots=FEDERAL))

    assert responses == [f"utter_why_{slot}"]


def test_a_continuing_offense_is_read_as_on_or_after_1987() -> None:
    events, _ = validate(
        tracker(
            "it started in 1985 and went on until 1990",
            requested="offense_era",
            slots={"jurisdiction": "federal"},
        )
    )

    assert events[0] == SlotSet("offense_era", "after_1987")
    assert events[-1] == SlotSet("requested_slot", "age")


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
    for kind, response in INVALID_RESPONSES.items():
        assert response in responses, kind
    assert set(KINDS.values()) <= set(INVALID_RESPONSES)


@pytest.mark.parametrize("slot", FORM_SLOTS)
def test_the_domain_leaves_the_side_intents_of_a_question_to_the_rules(slot: str) -> None:
    side = SIDE_INTENTS - ({"ask_court_deadline"} if slot in DATE_QUESTIONS else set())
    for mapping in _domain()["slots"][slot]["mappings"]:
        if mapping["type"] == "from_text":
            assert set(mapping["not_intent"]) == side | {"ask_why", "dont_know"}


@pytest.mark.parametrize("slot", [s for s in FORM_SLOTS if s not in ("confirm_facts",)])
def test_every_why_names_its_public_source_in_brackets(slot: str) -> None:
    text = " ".join(v["text"] for v in _domain()["responses"][WHY_RESPONSES[slot]])

    assert re.search(r"\[[^\]]*(U\.S\.C\.|CFR|PS 5050\.50|USSG|Fed\. R\.)[^\]]*\]", text)


def _texts() -> dict[str, str]:
    return {
        name: " ".join(str(v.get("text", "")) for v in variants)
        for name, variants in _domain()["responses"].items()
    }


def test_no_text_cites_a_file_instead_of_a_public_source() -> None:
    cited = {name: t for name, t in _texts().items() if re.search(r"seed \d|LEGAL\.md|\.\./", t)}

    assert cited == {}


@pytest.mark.parametrize(
    "word",
    [
        "offence",
        "organis",
        "practise",
        "recognis",
        "specialis",
        "authoris",
        "licence",
        "programme",
        "judgement",
        "counsell",
        "defence",
    ],
)
def test_texts_use_us_spelling(word: str) -> None:
    # {organisation} is a variable the hand-off actions fill in, not a word the family reads.
    found = [
        name for name, t in _texts().items() if word in t.replace("{organisation}", "").lower()
    ]

    assert found == []


@pytest.mark.parametrize(
    ("name", "phrases"),
    [
        pytest.param(
            "utter_court_deadline",
            (
                "{received}",
                "{last_day}",
                "{earliest}",
                "[{citation}]",
                "from the next day",
                "dismissed",
            ),
            id="the court date: counted from the next day, last day, first safe day",
        ),
        pytest.param(
            "utter_court_deadline_passed",
            ("{received}", "{last_day}", "{earliest}", "[{citation}]"),
            id="the court date passed",
        ),
        pytest.param(
            "utter_ask_warden_date", ("day after the warden received",), id="asking the date"
        ),
        pytest.param(
            "utter_warden_date_future", ("day after the warden", "first safe day"), id="future"
        ),
        pytest.param("utter_no_date_yet", ("day after the warden",), id="no date yet"),
        pytest.param(
            "utter_why_warden_request_received",
            ("day after the warden", "first safe day", "Fed. R. Crim. P. 45(a)"),
            id="why the warden date",
        ),
        pytest.param(
            "utter_why_warden_denied_on",
            ("BP-9", "written on the letter", "United States v. Harris"),
            id="appeals: BP-9 first, as the denial letter says",
        ),
        pytest.param("utter_ask_offense_era", ("on or after November 1, 1987",), id="on or after"),
        pytest.param(
            "utter_why_offense_era", ("conspiracy", "on or after"), id="a continuing offense"
        ),
        pytest.param(
            "utter_pre_1987_offense",
            ("minimum term", "Parole Commission can consider parole"),
            id="4205(g) reduces the minimum term so parole can be considered",
        ),
        pytest.param(
            "utter_why_parolable_sentence", ("minimum term",), id="why parole: the minimum term"
        ),
    ],
)
def test_the_texts_say_the_law_as_it_stands(name: str, phrases: tuple[str, ...]) -> None:
    text = _texts()[name]

    assert [phrase for phrase in phrases if phrase not in text] == []


def test_every_text_counts_the_30_days_from_the_day_after_receipt() -> None:
    """Fed. R. Crim. P. 45(a)(1): the first safe day to file is the day AFTER the 30th day."""
    wrong = {
        name: text
        for name, text in _texts().items()
        if re.search(r"30 days (?:later|after)|30 days from the day the warden", text)
    }

    assert wrong == {}


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
