"""Erasure that holds: conversation locks shared by processes; audit lines keep hashed ids.

`conversation_locks` is the lock store of bot.storage.lock_store (so the staff console and the
purge command can take a conversation's lock from the Rasa server's store). Existing audit lines
about a conversation get its keyed hash (bot.storage.pseudonyms, SENDER_HASH_KEY) in place of
its id; downgrading cannot bring the ids back and leaves them hashed.

Revision ID: 0003_erasure_that_holds
Revises: 0002_staff_console
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.settings import get_settings
from bot.storage.pseudonyms import is_hashed, keyed_hash

revision = "0003_erasure_that_holds"
down_revision = "0002_staff_console"
branch_labels = None
depends_on = None

# bot.staff.audit.CONVERSATION_ACTIONS when this revision was written.
CONVERSATION_ACTIONS = (
    "view_conversation",
    "review",
    "tag",
    "note",
    "flag",
    "export_conversation",
    "erase",
    "purge",
)

audit = sa.table(
    "staff_audit",
    sa.column("id", sa.Integer),
    sa.column("action", sa.String),
    sa.column("target", sa.String),
)


def upgrade() -> None:
    op.create_table(
        "conversation_locks",
        sa.Column("conversation_id", sa.String(length=255), nullable=False),
        sa.Column("lock", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("conversation_id", name=op.f("pk_conversation_locks")),
    )
    hash_audit_targets(op.get_bind(), get_settings().sender_hash_key_or_refuse())


def hash_audit_targets(connection: sa.engine.Connection, key: str) -> int:
    """Replace each conversation id in the audit log by its keyed hash; return how many."""
    rows = connection.execute(
        sa.select(audit.c.id, audit.c.target).where(
            audit.c.action.in_(CONVERSATION_ACTIONS), audit.c.target.is_not(None)
        )
    ).all()
    changed = 0
    for row in rows:
        if is_hashed(row.target):
            continue
        connection.execute(
            sa.update(audit).where(audit.c.id == row.id).values(target=keyed_hash(row.target, key))
        )
        changed += 1
    return changed


def downgrade() -> None:
    op.drop_table("conversation_locks")
