"""Hand-off: the summary and consent, the referral recorded with the engine's assessment, and how
to reach a person. Nothing is shared or stored without the family's yes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk.events import ActiveLoop, SlotSet

from actions.handoff import ActionHandoffSummary, ActionHumanHandoff, ActionRecordReferral
from bot.bubbles import READING_LIMIT
from bot.legal import assess_dict
from bot.screening.facts import case_from_slots, summary_lines
from bot.settings import Settings
from bot.storage import ReferralStatus, engine_for, referrals_for_sender, transaction
from bot.storage.migrate import upgrade
from tests.actions.handoff_trackers import TERMINAL_FATHER, dispatcher, responses, sent, tracker

TODAY = date(2026, 3, 10)
QUESTIONNAIRE = "https://clearinghouse.test/questionnaire"


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """A migrated SQLite database for the referrals."""
    url = f"sqlite:///{tmp_path / 'rasa.db'}"
    upgrade(url)
    yield url
    engine_for(url).dispose()


def settings(database_url: str = "sqlite://", **changes: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "clearinghouse_questionnaire_url": QUESTIONNAIRE,
        "organisation_name": "Family Justice Project",
        "organisation_contact": "call (212) 000-1234, weekdays 9 to 5",
        **changes,
    }
    return Settings(**values)


def summary(
    slots: dict[str, Any], intent: str = "request_referral", **kwargs: Any
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    out = dispatcher()
    action = ActionHandoffSummary(clock=lambda: TODAY, settings=settings())
    events = action.run(out, tracker(intent, slots=slots, **kwargs), {})
    return events, out.messages


def record(
    slots: dict[str, Any], database_url: str, intent: str = "affirm", **changes: Any
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    out = dispatcher()
    action = ActionRecordReferral(clock=lambda: TODAY, settings=settings(database_url, **changes))
    pending = {"referral_consent_pending": True, **slots}
    events = action.run(out, tracker(intent, slots=pending), {})
    return events, out.messages


def stored(database_url: str) -> list[Any]:
    with transaction(engine_for(database_url)) as session:
        return referrals_for_sender(session, "family-1")


def test_the_names_are_the_ones_the_rules_use() -> None:
    assert ActionHandoffSummary().name() == "action_handoff_summary"
    assert ActionRecordReferral().name() == "action_record_referral"
    assert ActionHumanHandoff().name() == "action_human_handoff"


def test_the_summary_shows_what_the_family_told_us_and_asks_consent() -> None:
    slots = {**TERMINAL_FATHER, "confirm_facts": True}

    events, messages = summary(slots)

    assert events == [SlotSet("referral_consent_pending", True)]
    bullets = "\n".join(f"• {line}" for line in summary_lines(slots))
    assert responses(messages) == ["utter_handoff_summary", "utter_ask_referral_consent"]
    assert messages[0]["summary"] == bullets
    assert "• Age: 68" in bullets
    assert messages[1]["organisation"] == "Family Justice Project"


def test_before_the_questions_are_done_the_family_may_answer_them_first() -> None:
    events, messages = summary(TERMINAL_FATHER)

    assert events == [SlotSet("referral_consent_pending", True)]
    assert responses(messages) == [
        "utter_handoff_summary",
        "utter_ask_referral_consent_or_questions",
    ]


def test_with_nothing_told_yet_the_family_is_offered_the_questions_or_to_go_on() -> None:
    events, messages = summary({})

    assert events == [SlotSet("referral_consent_pending", True)]
    assert responses(messages) == [
        "utter_handoff_nothing_yet",
        "utter_ask_referral_consent_or_questions",
    ]


def test_a_long_summary_comes_in_several_messages() -> None:
    slots = {**TERMINAL_FATHER, "facility": "F" * 1500}

    _, messages = summary(slots)

    assert responses(messages) == [
        "utter_handoff_summary",
        "utter_handoff_summary_continued",
        "utter_handoff_summary_continued",
        "utter_ask_referral_consent_or_questions",
    ]
    # The long prison name gets a message of its own; the others are phone-sized.
    assert messages[1]["summary"] == f"• Prison: {'F' * 1500}"
    assert all(len(m["summary"]) <= READING_LIMIT for m in (messages[0], messages[2]))


def test_a_second_request_mentions_the_first_reference() -> None:
    _, messages = summary({**TERMINAL_FATHER, "referral_id": "7"})

    assert responses(messages) == [
        "utter_handoff_summary",
        "utter_referral_already_sent",
        "utter_ask_referral_consent_or_questions",
    ]
    assert messages[1]["reference"] == "7"


@pytest.mark.parametrize(
    ("slots", "citation"),
    [
        (
            {"jurisdiction": "state", "state": "OH"},
            "28 CFR 571.64 (state prisoners); 18 U.S.C. § 3582 covers federal sentences only",
        ),
        ({"jurisdiction": "dc_code"}, "28 CFR 571.64 (D.C. Code offenders); D.C. Code § 24-403.04"),
    ],
    ids=["state", "D.C. Code"],
)
def test_the_clearinghouse_takes_federal_cases_only(slots: dict[str, Any], citation: str) -> None:
    events, messages = summary(slots)

    assert events == [SlotSet("referral_consent_pending", False)]
    assert sent(messages, "citation") == [
        {"response": "utter_referral_not_federal", "citation": citation}
    ]


def test_asked_during_the_questions_the_form_pauses_so_the_answer_reaches_the_consent() -> None:
    events, _ = summary(TERMINAL_FATHER, active_loop="eligibility_form")

    assert events == [
        ActiveLoop(None),
        SlotSet("requested_slot", None),
        SlotSet("referral_consent_pending", True),
    ]


def test_yes_records_the_referral_with_the_facts_and_the_engines_assessment(
    database_url: str,
) -> None:
    events, messages = record(TERMINAL_FATHER, database_url)

    [referral] = stored(database_url)
    assert events == [
        SlotSet("referral_consent_pending", False),
        SlotSet("referral_id", str(referral.id)),
    ]
    shown = [(m["response"], m.get("reference"), m.get("url"), m.get("contact")) for m in messages]
    assert shown == [
        ("utter_referral_recorded", str(referral.id), None, None),
        ("utter_referral_questionnaire", None, QUESTIONNAIRE, None),
        ("utter_human_handoff_contact", None, None, "call (212) 000-1234, weekdays 9 to 5"),
    ]
    assert messages[0]["organisation"] == "Family Justice Project"
    facts = case_from_slots(TERMINAL_FATHER)
    assert referral.facts == facts
    assert referral.assessment == assess_dict(facts, TODAY)
    assert referral.assessment["route"] == "3582"
    assert referral.summary == "\n".join(summary_lines(TERMINAL_FATHER))
    assert referral.channel == "rest"
    assert referral.status is ReferralStatus.NEW
    assert referral.consented_at == datetime(2026, 3, 10, 14, 30, 5, tzinfo=timezone.utc)


def test_without_a_questionnaire_address_none_is_invented_and_staff_send_it(
    database_url: str,
) -> None:
    _, messages = record(
        TERMINAL_FATHER,
        database_url,
        clearinghouse_questionnaire_url=None,
        organisation_contact=None,
        organisation_name=None,
    )

    assert responses(messages) == [
        "utter_referral_recorded",
        "utter_referral_questionnaire_from_staff",
        "utter_referral_follow_up",
    ]
    assert all("url" not in m for m in messages)
    assert {m["organisation"] for m in messages} == {"the organization"}
    assert len(stored(database_url)) == 1


def test_no_records_nothing(database_url: str) -> None:
    events, messages = record(TERMINAL_FATHER, database_url, intent="deny")

    assert events == [SlotSet("referral_consent_pending", False)]
    assert responses(messages) == ["utter_referral_declined"]
    assert stored(database_url) == []


def test_a_yes_to_no_question_of_ours_records_nothing(database_url: str) -> None:
    out = dispatcher()
    action = ActionRecordReferral(clock=lambda: TODAY, settings=settings(database_url))

    events = action.run(out, tracker("affirm", slots={**TERMINAL_FATHER}), {})

    assert events == []
    assert responses(out.messages) == ["utter_anything_else"]
    assert stored(database_url) == []


def test_a_state_case_is_not_recorded_even_after_yes(database_url: str) -> None:
    events, messages = record({"jurisdiction": "state"}, database_url)

    assert events == [SlotSet("referral_consent_pending", False)]
    assert responses(messages) == ["utter_referral_not_federal"]
    assert stored(database_url) == []


def test_facts_the_engine_refuses_are_still_referred_without_an_assessment(
    database_url: str,
) -> None:
    contradictory = {**TERMINAL_FATHER, "served_months": 300}

    _, messages = record(contradictory, database_url)

    [referral] = stored(database_url)
    assert referral.assessment is None
    assert referral.facts["served_months"] == 300
    assert responses(messages)[0] == "utter_referral_recorded"


def test_a_database_failure_is_said_kindly_and_logged_without_the_familys_facts(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    unmigrated = f"sqlite:///{tmp_path / 'empty.db'}"

    events, messages = record(TERMINAL_FATHER, unmigrated)

    assert events == [SlotSet("referral_consent_pending", False)]
    assert responses(messages) == ["utter_referral_failed"]
    assert "Could not record the referral of family-1: OperationalError" in caplog.text
    assert "Butner" not in caplog.text
    assert "240" not in caplog.text
    engine_for(unmigrated).dispose()


def test_logs_name_the_referral_and_conversation_only(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")

    record(TERMINAL_FATHER, database_url)

    assert "Recorded referral" in caplog.text
    assert "Butner" not in caplog.text
    assert "terminal" not in caplog.text.lower()


def test_a_person_to_reach_comes_from_the_settings() -> None:
    out = dispatcher()

    events = ActionHumanHandoff(settings=settings()).run(out, tracker("human_handoff"), {})

    assert events == []
    assert sent(out.messages, "organisation", "contact") == [
        {
            "response": "utter_human_handoff_contact",
            "organisation": "Family Justice Project",
            "contact": "call (212) 000-1234, weekdays 9 to 5",
        }
    ]


def test_without_a_contact_the_family_hears_that_staff_read_the_conversations() -> None:
    out = dispatcher()

    events = ActionHumanHandoff(settings=settings(organisation_contact=None)).run(
        out, tracker("human_handoff", active_loop="eligibility_form"), {}
    )

    assert events == []
    assert sent(out.messages, "organisation") == [
        {"response": "utter_human_handoff_no_contact", "organisation": "Family Justice Project"}
    ]
