"""The two-stage fallback's "did you mean ...?" question, in plain words.

Rasa 3.6's own `action_default_ask_affirmation` reads no response: it always sends
"Did you mean '<intent>'?" with the raw intent name ("faq") and a `/faq` button that loses the
FAQ topic. This action replaces it under the same name.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, UserUttered
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

NLU_FALLBACK = "nlu_fallback"
ASK_AFFIRMATION = "utter_ask_affirmation"
OUT_OF_SCOPE = "out_of_scope"
RETRIEVAL_INTENT = "faq"

# Below this confidence the model's best guess is not worth offering; ask to rephrase instead.
MIN_SUGGESTION_CONFIDENCE = 0.25

# What a message with this intent is about, to end "Is your question about ...?". Intents left
# out (greetings, yes/no, form answers, and the destructive restart/forget_me) are never offered.
INTENT_TOPICS: dict[str, str] = {
    "bot_challenge": "who you are talking to",
    "ask_court_deadline": "the earliest day to go to court",
    "check_eligibility": "whether your loved one might qualify",
    "state_prisoner": "someone serving a state sentence",
    "dc_code_offender": "someone with a D.C. Code sentence",
    "pre_1987_offense": "an offense from before November 1987",
    "request_referral": "getting help from the Compassionate Release Clearinghouse",
    "request_warden_letter": "help writing the request to the warden",
    "human_handoff": "talking to a person at the organization",
}

# FAQ topic: (what it is about, a question the model knows as that topic). The "Yes" button sends
# the question as the family's message, so the answer is the topic's own; Telegram allows at most
# 64 bytes of button data.
FAQ_TOPICS: dict[str, tuple[str, str]] = {
    "what_is_compassionate_release": (
        "what compassionate release is",
        "what is compassionate release",
    ),
    "new_guideline": (
        "the new compassionate-release guideline",
        "what is the new compassionate release guideline",
    ),
    "first_step_act": ("the First Step Act of 2018", "what is the first step act"),
    "examples": (
        "examples of compassionate release",
        "what is an example of compassionate release",
    ),
    "who_qualifies": (
        "who may qualify for compassionate release",
        "who qualifies for compassionate release",
    ),
    "how_long": ("how long it takes", "how long does compassionate release take"),
    "cost": ("what it costs", "how much does compassionate release cost"),
    "rehabilitation": (
        "whether rehabilitation counts",
        "does rehabilitation count for compassionate release",
    ),
    "ask_warden_first": (
        "whether you must ask the warden first",
        "do we have to ask the warden first",
    ),
    "list_every_reason": (
        "putting every reason in the request to the warden",
        "should we put every reason in the request",
    ),
    "what_request_must_contain": (
        "what the request to the warden must say",
        "what should the request to the warden say",
    ),
    "who_can_file_for_someone": (
        "whether family can send the request for your loved one",
        "can family submit the request on his behalf",
    ),
    "thirty_day_wait": ("the 30-day wait after asking the warden", "what is the 30 day rule"),
    "documents_needed": ("which documents you need", "what documents do we need"),
    "find_prison_warden": (
        "finding your loved one's prison and its warden",
        "how do i find the warden",
    ),
    "terminal_deadlines": (
        "what the prison must do after a terminal diagnosis",
        "do they have to tell the family if he is dying",
    ),
    "warden_denied": ("what to do when the warden says no", "the warden denied it what now"),
    "terminal_illness": ("what counts as a terminal illness", "what counts as terminal illness"),
    "debilitated_condition": (
        "a serious illness or disability that is not terminal",
        "what is a debilitated medical condition",
    ),
    "elderly": ("the rules about age", "what are the rules for elderly inmates"),
    "caregiver_of_child": (
        "children who lost their caregiver",
        "can he be released to take care of his kids",
    ),
    "spouse_or_partner": (
        "caring for a husband, wife or partner who is very ill",
        "can he come home to take care of his wife",
    ),
    "care_not_provided": (
        "medical care the prison is not providing",
        "inadequate medical care in federal prison is that a reason",
    ),
    "outbreak": (
        "an outbreak, such as COVID, at the prison",
        "there is a covid outbreak at his prison",
    ),
    "abuse_by_staff": (
        "abuse by prison staff",
        "can abuse by prison staff be a reason for compassionate release",
    ),
    "known_at_sentencing": (
        "a reason that was already known at sentencing",
        "it was known at sentencing does that count",
    ),
    "unusually_long_sentence": (
        "long sentences and changes in the law",
        "is an unusually long sentence still a reason",
    ),
    "court_motion": ("how the motion in court works", "how does the motion in court work"),
    "motion_attachments": ("what to attach to the motion", "what should we attach to the motion"),
    "after_release": ("what happens after release", "what happens after he is released"),
    "home_confinement": ("home confinement", "what is home confinement"),
    "elderly_home_detention": (
        "the BOP's home detention program for older people",
        "what is elderly home detention",
    ),
    "appeal_conviction": (
        "appealing or challenging the conviction",
        "can we appeal his sentence",
    ),
    "clemency_expungement": ("clemency, pardons or expungement", "do you help with clemency"),
    "assign_lawyer": (
        "whether the Clearinghouse assigns a lawyer",
        "do you assign lawyers",
    ),
    "volunteer_lawyers": ("who the volunteer lawyers are", "who are the volunteer lawyers"),
    "lawyer_guarantee": ("whether a lawyer means release", "is release guaranteed"),
    "submit_a_case": (
        "how to send a case to the Clearinghouse",
        "how do i submit my loved one to the clearinghouse",
    ),
}


class ActionDefaultAskAffirmation(Action):  # type: ignore[misc]
    """Asks whether the model's best guess is right, naming the topic in plain words."""

    def name(self) -> str:
        """Rasa's default action name, so the two-stage fallback runs this one."""
        return "action_default_ask_affirmation"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        """Sends the question with Yes / No buttons, or asks to rephrase if there is no guess."""
        guess = suggestion(tracker.latest_message or {})
        if guess is None:
            dispatcher.utter_message(response="utter_ask_rephrase")
            return []
        topic, payload = guess
        dispatcher.utter_message(
            response=ASK_AFFIRMATION,
            topic=topic,
            buttons=[
                {"title": "Yes", "payload": payload},
                {"title": "No, something else", "payload": f"/{OUT_OF_SCOPE}"},
            ],
        )
        return []


class ActionAnswerYes(Action):  # type: ignore[misc]
    """A "yes" typed instead of tapped after "did you mean ...?" accepts the suggestion."""

    def name(self) -> str:
        """The action the rule for a "yes" on its own runs."""
        return "action_answer_yes"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        """Answers the suggested FAQ topic, or replays the suggested intent, or asks what else."""
        payload = suggested_payload(tracker.events)
        if payload is None:
            dispatcher.utter_message(response="utter_anything_else")
            return []
        if payload.startswith("/"):
            intent = payload[1:]
            ranking = [{"name": intent, "confidence": 1.0}]
            parse_data = {"text": payload, "intent": ranking[0], "intent_ranking": ranking}
            return [
                ActionExecuted("action_listen"),
                UserUttered(payload, {**parse_data, "entities": []}),
            ]
        topic = next(topic for topic, (_, phrase) in FAQ_TOPICS.items() if phrase == payload)
        dispatcher.utter_message(response=f"utter_{RETRIEVAL_INTENT}/{topic}")
        return []


def suggested_payload(events: list[dict[str, Any]]) -> str | None:
    """The Yes button of the assistant's last message, if that message was "did you mean ...?"."""
    last_bot = next((e for e in reversed(events) if e.get("event") == "bot"), None)
    if last_bot is None or (last_bot.get("metadata") or {}).get("utter_action") != ASK_AFFIRMATION:
        return None
    buttons = (last_bot.get("data") or {}).get("buttons") or []
    payload = str(buttons[0].get("payload") or "") if buttons else ""
    known = {phrase for _, phrase in FAQ_TOPICS.values()} | {f"/{i}" for i in INTENT_TOPICS}
    return payload if payload in known else None


def suggestion(parse_data: dict[str, Any]) -> tuple[str, str] | None:
    """The best non-fallback guess as (topic in plain words, message the Yes button sends)."""
    ranking = [
        entry
        for entry in parse_data.get("intent_ranking") or []
        if entry.get("name") not in (NLU_FALLBACK, None)
    ]
    if not ranking or float(ranking[0].get("confidence") or 0.0) < MIN_SUGGESTION_CONFIDENCE:
        return None
    intent = str(ranking[0]["name"])
    if intent == RETRIEVAL_INTENT:
        faq = FAQ_TOPICS.get(_faq_topic(parse_data))
        return faq
    topic = INTENT_TOPICS.get(intent)
    return None if topic is None else (topic, f"/{intent}")


def _faq_topic(parse_data: dict[str, Any]) -> str:
    """The FAQ topic the ResponseSelector chose ("who_qualifies" for "faq/who_qualifies")."""
    selector = parse_data.get("response_selector") or {}
    chosen = selector.get(RETRIEVAL_INTENT) or selector.get("default") or {}
    key = str((chosen.get("response") or {}).get("intent_response_key") or "")
    return key.partition("/")[2]
