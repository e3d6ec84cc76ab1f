"""action_court_deadline: the first safe day to file in court, the day after the 30-day wait that
starts the day after the warden received the request (18 U.S.C. § 3582(c)(1)(A); Fed. R. Crim. P.
45(a))."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import court_deadline
from actions.court_deadline import ActionCourtDeadline
from bot.legal import Assessment, CaseError, assess

TODAY = date(2026, 3, 1)
CITATION = "18 U.S.C. § 3582(c)(1)(A); Fed. R. Crim. P. 45(a)"


def tracker_for(text: str, intent: str = "ask_court_deadline") -> Tracker:
    """A tracker whose latest user message is `text`."""
    return Tracker(
        sender_id="family",
        slots={"awaiting_warden_date": False},
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": 0.99},
            "entities": [],
        },
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def run(
    text: str, today: date = TODAY, intent: str = "ask_court_deadline"
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The events the action returns and the messages it sends."""
    dispatcher = CollectingDispatcher()
    events = ActionCourtDeadline(clock=lambda: today).run(dispatcher, tracker_for(text, intent), {})
    return events, dispatcher.messages


def sent(messages: list[dict[str, Any]], *keys: str) -> list[dict[str, Any]]:
    """The response name and the given template values of each message."""
    return [{"response": m["response"], **{key: m[key] for key in keys}} for m in messages]


def test_is_registered_under_the_name_the_rules_use() -> None:
    assert ActionCourtDeadline().name() == "action_court_deadline"


def test_a_request_received_on_january_10_allows_filing_from_february_10() -> None:
    events, messages = run("the warden got his request on January 10, 2026. when can we file?")

    assert events == [
        SlotSet("warden_request_received", "2026-01-10"),
        SlotSet("court_motion_earliest", "2026-02-10"),
        SlotSet("awaiting_warden_date", False),
    ]
    assert sent(messages, "received", "last_day", "earliest", "citation") == [
        {
            "response": "utter_court_deadline_passed",
            "received": "Saturday, January 10, 2026",
            "last_day": "Monday, February 9, 2026",
            "earliest": "Tuesday, February 10, 2026",
            "citation": CITATION,
        }
    ]


def test_a_day_still_to_come_is_announced_as_upcoming() -> None:
    events, messages = run("feb 20", intent="inform_date")

    assert events == [
        SlotSet("warden_request_received", "2026-02-20"),
        SlotSet("court_motion_earliest", "2026-03-24"),
        SlotSet("awaiting_warden_date", False),
    ]
    # Day 30 is Sunday, March 22: the wait runs to Monday, and Tuesday is the first safe day.
    assert sent(messages, "received", "last_day", "earliest") == [
        {
            "response": "utter_court_deadline",
            "received": "Friday, February 20, 2026",
            "last_day": "Monday, March 23, 2026",
            "earliest": "Tuesday, March 24, 2026",
        }
    ]


@pytest.mark.parametrize(
    ("received", "earliest", "response"),
    [
        # Received today (Wednesday, March 4): the 30 days have not begun.
        ("3/4/2026", "Saturday, April 4, 2026", "utter_court_deadline"),
        # Day 30 was yesterday: today is the first safe day, not a day already passed.
        ("2/1/2026", "Wednesday, March 4, 2026", "utter_court_deadline"),
        # Day 30 was the day before yesterday: the first safe day was yesterday.
        ("1/31/2026", "Tuesday, March 3, 2026", "utter_court_deadline_passed"),
    ],
)
def test_the_first_safe_day_itself_is_not_yet_passed(
    received: str, earliest: str, response: str
) -> None:
    _, messages = run(f"the warden received it {received}", today=date(2026, 3, 4))

    assert sent(messages, "earliest") == [{"response": response, "earliest": earliest}]


def test_a_spanish_date_is_understood() -> None:
    events, messages = run(
        "el warden recibio la carta el 10 de enero, cuando podemos ir a la corte"
    )

    assert events[0] == SlotSet("warden_request_received", "2026-01-10")
    assert sent(messages, "earliest") == [
        {"response": "utter_court_deadline_passed", "earliest": "Tuesday, February 10, 2026"}
    ]


def test_without_a_date_it_asks_for_the_day_the_warden_received_the_request() -> None:
    events, messages = run("when can we file in court?")

    assert events == [SlotSet("awaiting_warden_date", True)]
    assert sent(messages) == [{"response": "utter_ask_warden_date"}]


def test_a_date_in_the_future_is_not_a_day_the_warden_received_anything() -> None:
    events, messages = run("the warden will get it on December 20, 2026")

    assert events == [SlotSet("awaiting_warden_date", True)]
    assert sent(messages, "received") == [
        {"response": "utter_warden_date_future", "received": "Sunday, December 20, 2026"}
    ]


def test_a_date_the_engine_refuses_gets_a_kind_answer_not_a_crash() -> None:
    # The engine refuses dates before 1900 as implausible (CaseError on warden_request_received).
    events, messages = run("the warden got it on 1/10/1890")

    assert events == [SlotSet("awaiting_warden_date", True)]
    assert sent(messages) == [{"response": "utter_court_deadline_unavailable"}]


def unexpected_answers() -> list[Assessment]:
    """The engine's answer without a court date, and with one that has no 30-day wait."""
    real = assess({"warden_request_received": "2026-01-10"}, TODAY)
    earliest = real.deadline("court_motion_earliest")
    assert earliest is not None
    return [
        replace(real, deadlines=()),
        replace(real, deadlines=(replace(earliest, wait_ends=None),)),
    ]


@pytest.mark.parametrize("engine_answer", unexpected_answers(), ids=["no date", "no wait"])
def test_an_unexpected_engine_answer_gets_a_kind_answer_not_a_crash(
    monkeypatch: pytest.MonkeyPatch, engine_answer: Assessment
) -> None:
    monkeypatch.setattr(court_deadline, "assess", lambda raw, today: engine_answer)

    events, messages = run("jan 10", intent="inform_date")

    assert events == [SlotSet("awaiting_warden_date", True)]
    assert sent(messages) == [{"response": "utter_court_deadline_unavailable"}]


def test_the_engine_is_asked_only_about_the_warden_date(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[dict[str, Any], date]] = []

    def refuse(raw: dict[str, Any], today: date) -> Assessment:
        calls.append((raw, today))
        raise CaseError("warden_request_received", "refused for the test")

    monkeypatch.setattr(court_deadline, "assess", refuse)

    _, messages = run("jan 10", intent="inform_date")

    assert calls == [({"warden_request_received": "2026-01-10"}, TODAY)]
    assert sent(messages) == [{"response": "utter_court_deadline_unavailable"}]
