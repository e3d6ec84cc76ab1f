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

from bot.wording import say

NLU_FALLBACK = "nlu_fallback"
ASK_AFFIRMATION = "utter_ask_affirmation"
OUT_OF_SCOPE = "out_of_scope"
RETRIEVAL_INTENT = "faq"

# Below this confidence the model's best guess is not worth offering; ask to rephrase instead.
MIN_SUGGESTION_CONFIDENCE = 0.25

# What a message with this intent is about, to end "Is your question about ...?" (the wording
# key of the words). Intents left out (greetings, yes/no, form answers, and the destructive
# restart/forget_me) are never offered.
INTENT_TOPICS: dict[str, str] = {
    "bot_challenge": "fallback.intent.bot_challenge",
    "ask_court_deadline": "fallback.intent.ask_court_deadline",
    "check_eligibility": "fallback.intent.check_eligibility",
    "state_prisoner": "fallback.intent.state_prisoner",
    "dc_code_offender": "fallback.intent.dc_code_offender",
    "pre_1987_offense": "fallback.intent.pre_1987_offense",
    "request_referral": "fallback.intent.request_referral",
    "request_warden_letter": "fallback.intent.request_warden_letter",
    "human_handoff": "fallback.intent.human_handoff",
}

# FAQ topic: (the wording key of what it is about, a question the model knows as that topic). The
# "Yes" button sends the question (English, the model's language) as the family's message, so the answer is the topic's own; Telegram allows at most
# 64 bytes of button data.
FAQ_TOPICS: dict[str, tuple[str, str]] = {
    "what_is_compassionate_release": (
        "fallback.faq.what_is_compassionate_release",
        "what is compassionate release",
    ),
    "new_guideline": (
        "fallback.faq.new_guideline",
        "what is the new compassionate release guideline",
    ),
    "first_step_act": ("fallback.faq.first_step_act", "what is the first step act"),
    "examples": ("fallback.faq.examples", "what is an example of compassionate release"),
    "who_qualifies": ("fallback.faq.who_qualifies", "who qualifies for compassionate release"),
    "how_long": ("fallback.faq.how_long", "how long does compassionate release take"),
    "cost": ("fallback.faq.cost", "how much does compassionate release cost"),
    "rehabilitation": (
        "fallback.faq.rehabilitation",
        "does rehabilitation count for compassionate release",
    ),
    "ask_warden_first": ("fallback.faq.ask_warden_first", "do we have to ask the warden first"),
    "list_every_reason": (
        "fallback.faq.list_every_reason",
        "should we put every reason in the request",
    ),
    "what_request_must_contain": (
        "fallback.faq.what_request_must_contain",
        "what should the request to the warden say",
    ),
    "who_can_file_for_someone": (
        "fallback.faq.who_can_file_for_someone",
        "can family submit the request on his behalf",
    ),
    "thirty_day_wait": ("fallback.faq.thirty_day_wait", "what is the 30 day rule"),
    "documents_needed": ("fallback.faq.documents_needed", "what documents do we need"),
    "find_prison_warden": ("fallback.faq.find_prison_warden", "how do i find the warden"),
    "terminal_deadlines": (
        "fallback.faq.terminal_deadlines",
        "do they have to tell the family if he is dying",
    ),
    "warden_denied": ("fallback.faq.warden_denied", "the warden denied it what now"),
    "terminal_illness": ("fallback.faq.terminal_illness", "what counts as terminal illness"),
    "debilitated_condition": (
        "fallback.faq.debilitated_condition",
        "what is a debilitated medical condition",
    ),
    "elderly": ("fallback.faq.elderly", "what are the rules for elderly inmates"),
    "caregiver_of_child": (
        "fallback.faq.caregiver_of_child",
        "can he be released to take care of his kids",
    ),
    "spouse_or_partner": (
        "fallback.faq.spouse_or_partner",
        "can he come home to take care of his wife",
    ),
    "care_not_provided": (
        "fallback.faq.care_not_provided",
        "inadequate medical care in federal prison is that a reason",
    ),
    "outbreak": ("fallback.faq.outbreak", "there is a covid outbreak at his prison"),
    "abuse_by_staff": (
        "fallback.faq.abuse_by_staff",
        "can abuse by prison staff be a reason for compassionate release",
    ),
    "known_at_sentencing": (
        "fallback.faq.known_at_sentencing",
        "it was known at sentencing does that count",
    ),
    "unusually_long_sentence": (
        "fallback.faq.unusually_long_sentence",
        "is an unusually long sentence still a reason",
    ),
    "court_motion": ("fallback.faq.court_motion", "how does the motion in court work"),
    "motion_attachments": (
        "fallback.faq.motion_attachments",
        "what should we attach to the motion",
    ),
    "after_release": ("fallback.faq.after_release", "what happens after he is released"),
    "home_confinement": ("fallback.faq.home_confinement", "what is home confinement"),
    "elderly_home_detention": (
        "fallback.faq.elderly_home_detention",
        "what is elderly home detention",
    ),
    "appeal_conviction": ("fallback.faq.appeal_conviction", "can we appeal his sentence"),
    "clemency_expungement": ("fallback.faq.clemency_expungement", "do you help with clemency"),
    "assign_lawyer": ("fallback.faq.assign_lawyer", "do you assign lawyers"),
    "volunteer_lawyers": ("fallback.faq.volunteer_lawyers", "who are the volunteer lawyers"),
    "lawyer_guarantee": ("fallback.faq.lawyer_guarantee", "is release guaranteed"),
    "submit_a_case": (
        "fallback.faq.submit_a_case",
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
                {"title": say("fallback.yes"), "payload": payload},
                {"title": say("fallback.something_else"), "payload": f"/{OUT_OF_SCOPE}"},
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


# rasa-sdk hands events and parse data over as parsed JSON: read with .get, checked here.
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
        return None if faq is None else (say(faq[0]), faq[1])
    topic = INTENT_TOPICS.get(intent)
    return None if topic is None else (say(topic), f"/{intent}")


def _faq_topic(parse_data: dict[str, Any]) -> str:
    """The FAQ topic the ResponseSelector chose ("who_qualifies" for "faq/who_qualifies")."""
    selector = parse_data.get("response_selector") or {}
    chosen = selector.get(RETRIEVAL_INTENT) or selector.get("default") or {}
    key = str((chosen.get("response") or {}).get("intent_response_key") or "")
    return key.partition("/")[2]
