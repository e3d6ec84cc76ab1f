"""Storage: the staff-owned tables (referrals) and erasure of a conversation on request.

SQLAlchemy 1.4 written in 2.0 style. Rasa owns the `events` table (its SQL tracker store
creates it); we read it, and delete a conversation's rows only when the family asks us to.
Migrations: `python -m bot.storage upgrade`.
"""

from .db import engine_for, transaction, tuned_engine
from .repository import (
    Erasure,
    NewReferral,
    Referral,
    count_events,
    erase_conversation,
    get_referral,
    list_referrals,
    record_referral,
    referrals_for_sender,
    update_referral,
)
from .schema import ReferralStatus, metadata, rasa_events, referrals

# The slot that action_forget_me sets to True once the family confirmed: the erasing tracker
# store (bot.storage.tracker_store) then deletes the conversation instead of saving it.
ERASE_SLOT = "conversation_erased"

__all__ = [
    "ERASE_SLOT",
    "Erasure",
    "NewReferral",
    "Referral",
    "ReferralStatus",
    "count_events",
    "engine_for",
    "erase_conversation",
    "get_referral",
    "list_referrals",
    "metadata",
    "rasa_events",
    "record_referral",
    "referrals",
    "referrals_for_sender",
    "transaction",
    "tuned_engine",
    "update_referral",
]
