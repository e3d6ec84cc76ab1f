"""action_assess_eligibility: the screening's facts, the engine, and the explanation."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import eligibility
from actions.eligibility import ActionAssessEligibility
from bot.legal import Assessment, CaseError

TODAY = date(2026, 3, 10)


def run(slots: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The events and messages of the action for these slots."""
    tracker = Tracker(
        sender_id="family",
        slots=slots,
        latest_message={"text": "/affirm", "intent": {"name": "affirm"}, "entities": []},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="eligibility_form",
    )
    dispatcher = CollectingDispatcher()
    events = ActionAssessEligibility(clock=lambda: TODAY).run(dispatcher, tracker, {})
    return events, dispatcher.messages


def test_is_registered_under_the_name_the_rules_use() -> None:
    assert ActionAssessEligibility().name() == "action_assess_eligibility"


def test_a_terminal_illness_is_explained_with_dates_and_sources_then_next_actions() -> None:
    events, messages = run(
        {
            "jurisdiction": "federal",
            "offense_era": "2010",
            "age": 58,
            "sentence_months": 240,
            "served_months": 150,
            "terminal_illness": True,
            "family_situation": "none",
            "warden_request_received": "2026-03-03",
            "warden_denied_on": "no",
            "confirm_facts": True,
        }
    )
    texts = "\n".join(m["text"] for m in messages if m.get("text"))

    assert events == [SlotSet("confirm_facts", None)]
    assert messages[-1] == {**messages[-1], "response": "utter_screening_next_actions"}
    assert all(m.get("text") for m in messages[:-1])
    assert "Terminal medical condition [BOP Program Statement 5050.50 § 3(a)" in texts
    assert "the first safe day to file a motion in the sentencing court is Friday, April 3" in texts
    assert "not legal advice" in texts
    assert all(len(m["text"]) <= 900 for m in messages[:-1])


def test_a_state_sentence_gets_what_applies_instead_and_a_fresh_start_next_time() -> None:
    events, messages = run({"jurisdiction": "state", "state": "OH"})

    assert events == [SlotSet("confirm_facts", None), SlotSet("jurisdiction", None)]
    assert [m.get("response") for m in messages] == [None, None, None, "utter_screening_scope_next"]
    assert "FAMM" in messages[1]["text"]


def test_facts_the_engine_refuses_get_a_kind_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(raw: dict[str, Any], today: date) -> Assessment:
        raise CaseError("served_months", "refused for the test")

    monkeypatch.setattr(eligibility, "assess", refuse)

    events, messages = run({"jurisdiction": "federal"})

    assert events == [SlotSet("confirm_facts", None)]
    assert [m["response"] for m in messages] == ["utter_screening_unavailable"]
