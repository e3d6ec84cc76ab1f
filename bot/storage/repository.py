"""Reading and writing the staff tables, and erasing a conversation on request.

Functions take a `Session` and never commit: the caller owns the transaction
(`bot.storage.db.transaction`). Rasa's `events` table is only ever read here, except by
`erase_conversation`, which deletes a conversation because the family asked us to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import CursorResult, Row
from sqlalchemy.orm import Session

from .schema import (
    CONVERSATION_STAFF_TABLES,
    ReferralStatus,
    rasa_events,
    referrals,
    utc_now,
)


@dataclass(frozen=True)
class NewReferral:
    """What the assistant records when a family agrees to be referred."""

    sender_id: str
    channel: str | None
    summary: str
    facts: Mapping[str, Any]
    assessment: Mapping[str, Any] | None
    consented_at: datetime


@dataclass(frozen=True)
class Referral:
    """One row of `referrals`."""

    id: int
    sender_id: str
    channel: str | None
    created_at: datetime
    updated_at: datetime
    status: ReferralStatus
    assignee: str | None
    summary: str
    facts: dict[str, Any]
    assessment: dict[str, Any] | None
    consented_at: datetime


@dataclass(frozen=True)
class Erasure:
    """How many rows erasing one conversation deleted."""

    events: int
    referrals: int
    # The staff console's rows: its index, tags, notes, flags and review.
    staff_rows: int = 0


_UNCHANGED: Any = object()


def record_referral(session: Session, referral: NewReferral) -> int:
    """Insert a referral with status `new`; return its id."""
    now = utc_now()
    result = _changed(
        session,
        sa.insert(referrals).values(
            created_at=now,
            updated_at=now,
            sender_id=referral.sender_id,
            channel=referral.channel,
            summary=referral.summary,
            facts=dict(referral.facts),
            assessment=None if referral.assessment is None else dict(referral.assessment),
            consented_at=referral.consented_at,
            status=ReferralStatus.NEW.value,
        ),
    )
    (referral_id,) = result.inserted_primary_key
    return int(referral_id)


def get_referral(session: Session, referral_id: int) -> Referral | None:
    """The referral with this id, or None."""
    row = session.execute(sa.select(referrals).where(referrals.c.id == referral_id)).one_or_none()
    return None if row is None else _referral(row)


def referrals_for_sender(session: Session, sender_id: str) -> list[Referral]:
    """Every referral of one conversation, oldest first."""
    rows = session.execute(
        sa.select(referrals).where(referrals.c.sender_id == sender_id).order_by(referrals.c.id)
    ).all()
    return [_referral(row) for row in rows]


def list_referrals(
    session: Session,
    *,
    status: ReferralStatus | None = None,
    assignee: str | None = None,
    unassigned: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[Referral]:
    """The staff queue: referrals newest first, optionally of one status and one assignee
    (or only those nobody is assigned to)."""
    query = sa.select(referrals)
    if status is not None:
        query = query.where(referrals.c.status == status.value)
    if unassigned:
        query = query.where(referrals.c.assignee.is_(None))
    elif assignee:
        query = query.where(referrals.c.assignee == assignee)
    query = query.order_by(referrals.c.created_at.desc(), referrals.c.id.desc())
    rows = session.execute(query.limit(limit).offset(offset)).all()
    return [_referral(row) for row in rows]


def update_referral(
    session: Session,
    referral_id: int,
    *,
    status: ReferralStatus = _UNCHANGED,
    assignee: str | None = _UNCHANGED,
) -> Referral | None:
    """Change a referral's status and/or assignee (None unassigns); None if there is no such id."""
    values: dict[str, Any] = {"updated_at": utc_now()}
    if status is not _UNCHANGED:
        values["status"] = ReferralStatus(status).value
    if assignee is not _UNCHANGED:
        values["assignee"] = assignee
    result = _changed(
        session, sa.update(referrals).where(referrals.c.id == referral_id).values(**values)
    )
    if result.rowcount == 0:
        return None
    return get_referral(session, referral_id)


def erase_conversation(session: Session, sender_id: str) -> Erasure:
    """Delete every row of `sender_id`: Rasa's `events`, its referrals, the staff console's rows.

    The one write to `events`: erasure because the family asked for it. A table that does not
    exist in this database holds nothing to erase. Events go first: on PostgreSQL this waits
    for a staff-console index update that has read them, so that its rows are deleted after.
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        # Zero the deleted rows' bytes, whichever engine this session came from (db.tune_sqlite
        # sets it on ours; the checkpoint afterwards is bot.storage.erasure's).
        connection.exec_driver_sql("PRAGMA secure_delete = ON")
    tables = set(sa.inspect(connection).get_table_names())
    erased_referrals = erased_events = erased_staff = 0
    if rasa_events.name in tables:
        erased_events = _changed(
            session, sa.delete(rasa_events).where(rasa_events.c.sender_id == sender_id)
        ).rowcount
    for table in CONVERSATION_STAFF_TABLES:
        if table.name in tables:
            erased_staff += _changed(
                session, sa.delete(table).where(table.c.sender_id == sender_id)
            ).rowcount
    if referrals.name in tables:
        erased_referrals = _changed(
            session, sa.delete(referrals).where(referrals.c.sender_id == sender_id)
        ).rowcount
    return Erasure(events=erased_events, referrals=erased_referrals, staff_rows=erased_staff)


def count_events(session: Session, sender_id: str) -> int:
    """How many rows Rasa's `events` table holds for one conversation."""
    count = session.execute(
        sa.select(sa.func.count())
        .select_from(rasa_events)
        .where(rasa_events.c.sender_id == sender_id)
    ).scalar_one()
    return int(count)


def _changed(session: Session, statement: Any) -> CursorResult:
    """Run an INSERT, UPDATE or DELETE; its result knows the new key and the rows it changed."""
    return cast(CursorResult, session.execute(statement))


def _referral(row: Row) -> Referral:
    return Referral(
        id=row.id,
        sender_id=row.sender_id,
        channel=row.channel,
        created_at=row.created_at,
        updated_at=row.updated_at,
        status=ReferralStatus(row.status),
        assignee=row.assignee,
        summary=row.summary,
        facts=row.facts,
        assessment=row.assessment,
        consented_at=row.consented_at,
    )
