"""The audit log: who viewed, exported, erased or changed what. Never message text.

A line about a conversation names it by its keyed hash (bot.storage.pseudonyms), never by its id:
the log outlives an erased conversation, and `telegram-<chat id>` would still name the family.
Staff find a conversation's lines by its id: `recent(target=...)` hashes it to look them up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.storage.pseudonyms import sender_hash
from bot.storage.schema import staff_audit, utc_now

DETAIL_CHARS = 255
ACTIONS = (
    "sign_in",
    "sign_in_failed",
    "sign_in_blocked",
    "sign_out",
    "view_conversation",
    "view_referral",
    "update_referral",
    "review",
    "tag",
    "note",
    "flag",
    "export_nlu",
    "export_conversation",
    "erase",
    "purge",
    "create_user",
    "update_user",
    "change_password",
)
# Actions whose target is a conversation id (stored as its keyed hash).
CONVERSATION_ACTIONS = frozenset(
    {"view_conversation", "review", "tag", "note", "flag", "export_conversation", "erase", "purge"}
)


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log."""

    id: int
    at: datetime
    actor: str | None
    action: str
    target: str | None
    detail: str | None


def record(
    session: Session,
    actor: str | None,
    action: str,
    target: str | None = None,
    detail: str | None = None,
) -> None:
    """Add a line to the audit log (in the caller's transaction); a conversation id is hashed."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action: {action}")
    if target is not None and action in CONVERSATION_ACTIONS:
        target = sender_hash(target)
    session.execute(
        sa.insert(staff_audit).values(
            at=utc_now(),
            actor=actor,
            action=action,
            target=None if target is None else target[:255],
            detail=None if detail is None else detail[:DETAIL_CHARS],
        )
    )


def recent(
    session: Session,
    *,
    before_id: int | None = None,
    actor: str | None = None,
    action: str | None = None,
    target: str | None = None,
    limit: int = 100,
) -> list[AuditEntry]:
    """The newest entries first, optionally of one actor, action or target.

    `target` is a referral id, a username or a conversation id (matched through its hash).
    """
    query = sa.select(staff_audit).order_by(staff_audit.c.id.desc()).limit(limit)
    if before_id is not None:
        query = query.where(staff_audit.c.id < before_id)
    if actor:
        query = query.where(staff_audit.c.actor == actor)
    if action:
        query = query.where(staff_audit.c.action == action)
    if target:
        query = query.where(staff_audit.c.target.in_([target, sender_hash(target)]))
    return [
        AuditEntry(row.id, row.at, row.actor, row.action, row.target, row.detail)
        for row in session.execute(query)
    ]
