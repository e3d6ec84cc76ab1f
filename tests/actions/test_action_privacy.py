"""action_forget_me: asks first; on yes marks the conversation for erasure (the tracker store
deletes it); on no keeps everything. A yes to anything else never erases."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.events import ActiveLoop, SlotSet

from actions.privacy import ActionForgetMe
from bot.storage import ERASE_SLOT
from tests.actions.handoff_trackers import dispatcher, responses, tracker


def run(intent: str, **kwargs: Any) -> tuple[list[dict[str, Any]], list[str]]:
    out = dispatcher()
    events = ActionForgetMe().run(out, tracker(intent, **kwargs), {})
    return events, responses(out.messages)


def test_the_name_is_the_one_the_rules_use() -> None:
    assert ActionForgetMe().name() == "action_forget_me"


def test_the_erasure_slot_is_the_one_the_tracker_store_watches() -> None:
    assert ERASE_SLOT == "conversation_erased"


def test_forget_me_asks_before_erasing_anything() -> None:
    events, sent = run("forget_me", text="borra mis datos")

    assert events == [SlotSet("forget_me_pending", True)]
    assert sent == ["utter_ask_forget_me"]


def test_asked_during_the_questions_the_form_pauses_so_yes_reaches_us() -> None:
    events, sent = run("forget_me", active_loop="eligibility_form")

    assert events == [
        ActiveLoop(None),
        SlotSet("requested_slot", None),
        SlotSet("forget_me_pending", True),
    ]
    assert sent == ["utter_ask_forget_me"]


def test_yes_marks_the_conversation_for_erasure() -> None:
    events, sent = run("affirm", slots={"forget_me_pending": True})

    assert events == [SlotSet("forget_me_pending", False), SlotSet("conversation_erased", True)]
    assert sent == ["utter_forget_me_done"]


def test_no_keeps_everything() -> None:
    events, sent = run("deny", slots={"forget_me_pending": True})

    assert events == [SlotSet("forget_me_pending", False)]
    assert sent == ["utter_forget_me_kept"]


def test_no_after_pausing_the_questions_offers_to_carry_on() -> None:
    asked = [
        {"event": "user", "parse_data": {"intent": {"name": "forget_me"}}},
        {"event": "action", "name": "action_forget_me"},
        {"event": "active_loop", "name": None},
        {"event": "slot", "name": "forget_me_pending", "value": True},
        {"event": "action", "name": "action_listen"},
    ]

    events, sent = run("deny", slots={"forget_me_pending": True}, events=asked)

    assert events == [SlotSet("forget_me_pending", False)]
    assert sent == ["utter_forget_me_kept_resume"]


def test_a_form_paused_before_the_question_is_not_ours_to_resume() -> None:
    earlier = [
        {"event": "active_loop", "name": None},
        {"event": "user", "parse_data": {"intent": {"name": "forget_me"}}},
        {"event": "action", "name": "action_forget_me"},
    ]

    _, sent = run("deny", slots={"forget_me_pending": True}, events=earlier)

    assert sent == ["utter_forget_me_kept"]


@pytest.mark.parametrize("intent", ["affirm", "deny"])
def test_a_yes_or_no_without_our_question_erases_nothing(intent: str) -> None:
    events, sent = run(intent, slots={"forget_me_pending": False})

    assert events == []
    assert sent == ["utter_anything_else"]
