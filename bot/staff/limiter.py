"""Sign-in attempts limited per username and address together, per address, in the database.

Nobody can lock a known user out: the hard limit counts failures per (username, address) pair
and per address, so a stranger's failures block the stranger's address, not the user's own.
Failures for a username from anywhere only slow further attempts on it down: after a few, each
new attempt waits a delay that doubles per failure up to a cap (a minute), enough to stop
guessing (a few tries a minute, from however many addresses) and short enough that the real
user gets in.

Flask-Limiter would be the usual choice, but it needs `packaging>=21` and Rasa 3.6 pins
`packaging<21`. A table (staff_login_failures) also works across waitress threads, processes
and servers, where an in-memory counter would not. Only failures are stored, as SHA-256
digests of "user:<name>", "address:<ip>" and "pair:<name>|<ip>", never what was typed.
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
    """Hard limits within the window, and the username's growing delay."""

    per_pair: int = 5
    per_address: int = 20
    window: timedelta = timedelta(minutes=15)
    # A username's failures from anywhere: this many are free, then each waits twice as long.
    username_free: int = 5
    username_first_delay: timedelta = timedelta(seconds=5)
    username_max_delay: timedelta = timedelta(minutes=1)

    def username_delay(self, failures: int) -> timedelta:
        """How long after the latest of `failures` the username may be tried again."""
        if failures <= self.username_free:
            return timedelta(0)
        doublings = min(failures - self.username_free - 1, 30)
        return min(self.username_first_delay * (1 << doublings), self.username_max_delay)


DEFAULT_LIMITS = Limits()


def bucket(kind: str, value: str) -> str:
    """The stored key for a username, an address, or a "username|address" pair."""
    return hashlib.sha256(f"{kind}:{value.strip().lower()}".encode()).hexdigest()


def _pair(username: str, address: str) -> str:
    return bucket("pair", f"{username.strip().lower()}|{address.strip().lower()}")


def retry_after(
    session: Session, username: str, address: str, now: datetime, limits: Limits = DEFAULT_LIMITS
) -> timedelta | None:
    """How long until this username and address may try again; None if they may now."""
    waits = [
        _wait(session, _pair(username, address), limits.per_pair, now, limits.window),
        _wait(session, bucket("address", address), limits.per_address, now, limits.window),
        _username_wait(session, username, now, limits),
    ]
    blocked = [wait for wait in waits if wait is not None]
    return max(blocked) if blocked else None


def record_failure(session: Session, username: str, address: str, now: datetime) -> None:
    """Count a failed sign-in against the pair, the address and the username."""
    session.execute(
        sa.insert(staff_login_failures),
        [
            {"bucket": _pair(username, address), "failed_at": now},
            {"bucket": bucket("address", address), "failed_at": now},
            {"bucket": bucket("user", username), "failed_at": now},
        ],
    )


def forget_username(session: Session, username: str, address: str | None = None) -> None:
    """After a successful sign-in, the username's (and this pair's) failures no longer count."""
    keys = [bucket("user", username)]
    if address is not None:
        keys.append(_pair(username, address))
    session.execute(sa.delete(staff_login_failures).where(staff_login_failures.c.bucket.in_(keys)))


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


def _username_wait(
    session: Session, username: str, now: datetime, limits: Limits
) -> timedelta | None:
    failed_at = staff_login_failures.c.failed_at
    count, latest = session.execute(
        sa.select(sa.func.count(), sa.func.max(failed_at)).where(
            staff_login_failures.c.bucket == bucket("user", username),
            failed_at >= now - limits.window,
        )
    ).one()
    delay = limits.username_delay(int(count))
    if latest is None or not delay:
        return None
    wait: timedelta = latest + delay - now
    return wait if wait > timedelta(0) else None
