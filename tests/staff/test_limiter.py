"""Failed sign-ins are limited per username and per address, in the database."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.staff import limiter
from bot.staff.limiter import Limits, forget_username, prune, record_failure, retry_after
from bot.storage import transaction
from bot.storage.schema import staff_login_failures

T0 = datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc)
LIMITS = Limits(per_username=3, per_address=5, window=timedelta(minutes=15))


def fail(engine: Engine, username: str, address: str, times: int, at: datetime = T0) -> None:
    with transaction(engine) as session:
        for n in range(times):
            record_failure(session, username, address, at + timedelta(seconds=n))


def wait(engine: Engine, username: str, address: str, now: datetime) -> timedelta | None:
    with transaction(engine) as session:
        return retry_after(session, username, address, now, LIMITS)


def test_a_username_is_blocked_after_its_failures_until_the_oldest_ages_out(engine: Engine) -> None:
    fail(engine, "maria", "10.0.0.1", 2)
    assert wait(engine, "maria", "10.0.0.9", T0 + timedelta(minutes=1)) is None

    fail(engine, "Maria", "10.0.0.2", 1, T0 + timedelta(minutes=2))

    blocked = wait(engine, "maria", "10.0.0.9", T0 + timedelta(minutes=3))
    assert blocked == timedelta(minutes=12)
    assert wait(engine, "maria", "10.0.0.9", T0 + timedelta(minutes=15, seconds=1)) is None
    assert wait(engine, "someone-else", "10.0.0.9", T0 + timedelta(minutes=3)) is None


def test_an_address_is_blocked_whatever_usernames_it_tries(engine: Engine) -> None:
    for n in range(5):
        fail(engine, f"user{n}", "10.0.0.1", 1)

    assert wait(engine, "new-name", "10.0.0.1", T0 + timedelta(minutes=1)) is not None
    assert wait(engine, "new-name", "10.0.0.2", T0 + timedelta(minutes=1)) is None


def test_a_success_forgets_the_usernames_failures_and_old_ones_are_pruned(engine: Engine) -> None:
    fail(engine, "maria", "10.0.0.1", 3)
    with transaction(engine) as session:
        forget_username(session, "maria")
    assert wait(engine, "maria", "10.0.0.3", T0) is None

    with transaction(engine) as session:
        prune(session, T0 + timedelta(hours=1), LIMITS)
    with engine.connect() as connection:
        assert (
            connection.execute(
                sa.select(sa.func.count()).select_from(staff_login_failures)
            ).scalar_one()
            == 0
        )


def test_what_was_typed_is_not_stored(engine: Engine) -> None:
    fail(engine, "maria-secret-password", "192.0.2.7", 1)

    with engine.connect() as connection:
        buckets = connection.execute(sa.select(staff_login_failures.c.bucket)).scalars().all()
    assert sorted(buckets) == sorted(
        [limiter.bucket("user", "maria-secret-password"), limiter.bucket("address", "192.0.2.7")]
    )
    assert all("maria" not in b and "192" not in b for b in buckets)
