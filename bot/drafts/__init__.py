"""Drafts the family reviews and sends themselves (pure text, no I/O)."""

from .warden_request import Ground, WardenRequestDraft, draft_warden_request

__all__ = ["Ground", "WardenRequestDraft", "draft_warden_request"]
