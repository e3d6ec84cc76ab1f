"""action_draft_warden_request: the draft as copyable messages, built from what the family told us."""

from __future__ import annotations

from datetime import date
from typing import Any

from actions.warden_request import ActionDraftWardenRequest
from bot.bubbles import READING_LIMIT, paragraphs
from bot.drafts import draft_warden_request
from bot.legal import assess
from bot.screening.facts import case_from_slots
from tests.actions.handoff_trackers import TERMINAL_FATHER, dispatcher, responses, tracker

TODAY = date(2026, 3, 10)


def run(slots: dict[str, Any], **kwargs: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    out = dispatcher()
    action = ActionDraftWardenRequest(clock=lambda: TODAY)
    events = action.run(out, tracker("request_warden_letter", slots=slots, **kwargs), {})
    return events, out.messages


def test_the_name_is_the_one_the_rule_uses() -> None:
    assert ActionDraftWardenRequest().name() == "action_draft_warden_request"


def test_the_draft_comes_as_plain_text_between_the_intro_and_the_notes() -> None:
    slots = {**TERMINAL_FATHER, "confirm_facts": True}

    events, messages = run(slots)

    draft = draft_warden_request(assess(case_from_slots(slots), TODAY), facility="FMC Butner")
    chunks = paragraphs(draft.text)
    assert events == []
    assert responses(messages) == [
        "utter_warden_request_intro",
        *["text"] * len(chunks),
        "utter_warden_request_notes",
    ]
    assert [m["text"] for m in messages[1:-1]] == chunks
    assert len(chunks) > 1
    assert all(len(chunk) <= READING_LIMIT for chunk in chunks)
    assert messages[-1]["notes"] == "\n".join(f"• {note}" for note in draft.notes)
    assert "To: The Warden, FMC Butner" in chunks[0]
    assert "Terminal medical condition" in "".join(chunks)


def test_with_questions_left_the_family_is_offered_them_to_complete_the_draft() -> None:
    _, messages = run(TERMINAL_FATHER)

    assert responses(messages)[0] == "utter_warden_request_intro"
    assert responses(messages)[-2:] == [
        "utter_warden_request_notes",
        "utter_warden_request_more_questions",
    ]


def test_during_the_questions_the_form_asks_the_next_one_itself() -> None:
    _, messages = run(TERMINAL_FATHER, active_loop="eligibility_form")

    assert responses(messages)[-1] == "utter_warden_request_notes"


def test_with_nothing_known_the_draft_still_comes_with_placeholders() -> None:
    _, messages = run({})

    letter = "".join(m["text"] for m in messages if not m.get("response"))
    assert "[Describe every reason that may apply" in letter
    assert "To: The Warden, [Name of the prison]" in letter


def test_facts_the_engine_refuses_still_give_a_draft_with_placeholders() -> None:
    _, messages = run({**TERMINAL_FATHER, "served_months": 300})

    letter = "".join(m["text"] for m in messages if not m.get("response"))
    assert "[Describe every reason that may apply" in letter


def test_a_state_prisoner_is_told_why_there_is_no_request_to_the_warden() -> None:
    events, messages = run({"jurisdiction": "state", "state": "OH"})

    assert events == []
    assert [(m["response"], m["citation"]) for m in messages] == [
        (
            "utter_no_warden_request",
            "28 CFR 571.64 (state prisoners); 18 U.S.C. § 3582 covers federal sentences only",
        )
    ]
    assert "state's law" in messages[0]["explanation"]
