"""Sign-in attempts limited per username and per client address, in the database.

Flask-Limiter would be the usual choice, but it needs `packaging>=21` and Rasa 3.6 pins
`packaging<21`. A table (staff_login_failures) also works across waitress threads, processes
and servers, where an in-memory counter would not. Only failures are stored, as SHA-256
digests of "user:<name>" and "address:<ip>", never what was typed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.storage.schema import staff_login_failures


@dataclass(frozen=True)
class Limits:
    """How many failures each key may have within the window."""

    per_username: int = 5
    per_address: int = 20
    window: timedelta = timedelta(minutes=15)


DEFAULT_LIMITS = Limits()


def bucket(kind: str, value: str) -> str:
    """The stored key for a username or an address."""
    return hashlib.sha256(f"{kind}:{value.strip().lower()}".encode()).hexdigest()


def retry_after(
    session: Session, username: str, address: str, now: datetime, limits: Limits = DEFAULT_LIMITS
) -> timedelta | None:
    """How long until this username and address may try again; None if they may now."""
    waits = [
        _wait(session, bucket("user", username), limits.per_username, now, limits.window),
        _wait(session, bucket("address", address), limits.per_address, now, limits.window),
    ]
    blocked = [wait for wait in waits if wait is not None]
    return max(blocked) if blocked else None


def record_failure(session: Session, username: str, address: str, now: datetime) -> None:
    """Count a failed sign-in against the username and the address."""
    session.execute(
        sa.insert(staff_login_failures),
        [
            {"bucket": bucket("user", username), "failed_at": now},
            {"bucket": bucket("address", address), "failed_at": now},
        ],
    )


def forget_username(session: Session, username: str) -> None:
    """After a successful sign-in, the username's earlier failures no longer count."""
    session.execute(
        sa.delete(staff_login_failures).where(
            staff_login_failures.c.bucket == bucket("user", username)
        )
    )


def prune(session: Session, now: datetime, limits: Limits = DEFAULT_LIMITS) -> None:
    """Delete failures older than the window."""
    session.execute(
        sa.delete(staff_login_failures).where(
            staff_login_failures.c.failed_at < now - limits.window
        )
    )


def _wait(
    session: Session, key: str, limit: int, now: datetime, window: timedelta
) -> timedelta | None:
    recent: list[datetime] = list(
        session.execute(
            sa.select(staff_login_failures.c.failed_at)
            .where(
                staff_login_failures.c.bucket == key,
                staff_login_failures.c.failed_at >= now - window,
            )
            .order_by(staff_login_failures.c.failed_at.desc())
            .limit(limit)
        ).scalars()
    )
    if len(recent) < limit:
        return None
    return max(recent[-1] + window - now, timedelta(seconds=1))
