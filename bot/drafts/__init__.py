"""Drafts the family reviews and sends themselves (pure text, no I/O)."""

from .messages import MESSAGE_LIMIT, split_for_chat
from .warden_request import Ground, WardenRequestDraft, draft_warden_request

__all__ = [
    "MESSAGE_LIMIT",
    "Ground",
    "WardenRequestDraft",
    "draft_warden_request",
    "split_for_chat",
]
