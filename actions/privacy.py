"""Forget me: erase the whole conversation from the database, after the family confirms.

This action only asks and, on yes, sets the slot `conversation_erased`. The deletion itself is
done by the tracker store (bot.storage.tracker_store.ErasingSQLTrackerStore) at the end of the
turn, instead of saving it: deleting rows from here would not last, because Rasa saves the
whole conversation again after the action.

`utter_forget_me_done` ("erased") is queued here but reaches the family only after the erasure
committed: every channel holds a turn's replies until the store reports the turn saved
(bot.channels.held). If the erasure fails, the family reads that nothing was deleted instead.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.storage import ERASE_SLOT

from .interruptions import latest_intent, leave_form

PENDING = "forget_me_pending"


class ActionForgetMe(Action):  # type: ignore[misc]
    """Asks "erase everything?"; on yes, erases the conversation and its referral."""

    def name(self) -> str:
        """The action the forget_me rules run."""
        return "action_forget_me"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        """Ask first; erase on yes; keep everything on no."""
        intent = latest_intent(tracker)
        pending = bool(tracker.get_slot(PENDING))
        if intent not in ("affirm", "deny"):
            dispatcher.utter_message(response="utter_ask_forget_me")
            return [*leave_form(tracker), SlotSet(PENDING, True)]
        if not pending:
            dispatcher.utter_message(response="utter_anything_else")
            return []
        if intent == "affirm":
            dispatcher.utter_message(response="utter_forget_me_done")
            return [SlotSet(PENDING, False), SlotSet(ERASE_SLOT, True)]
        dispatcher.utter_message(
            response="utter_forget_me_kept_resume"
            if _paused_a_form(tracker)
            else "utter_forget_me_kept"
        )
        return [SlotSet(PENDING, False)]


def _paused_a_form(tracker: Tracker) -> bool:
    """True when asking "erase everything?" paused the eligibility questions."""
    asked = False
    for event in reversed(tracker.events):
        if event.get("event") == "active_loop" and event.get("name") is None:
            asked = True
        if (
            event.get("event") == "user"
            and (event.get("parse_data") or {}).get("intent", {}).get("name") == "forget_me"
        ):
            return asked
    return False
