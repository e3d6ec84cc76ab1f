"""Failed sign-ins are limited per username and address, per address, and slowed per username."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.staff import limiter
from bot.staff.limiter import Limits, forget_username, prune, record_failure, retry_after
from bot.storage import transaction
from bot.storage.schema import staff_login_failures

T0 = datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc)
LIMITS = Limits(
    per_pair=3,
    per_address=5,
    window=timedelta(minutes=15),
    username_free=3,
    username_first_delay=timedelta(seconds=5),
    username_max_delay=timedelta(minutes=1),
)


def fail(engine: Engine, username: str, address: str, times: int, at: datetime = T0) -> None:
    with transaction(engine) as session:
        for n in range(times):
            record_failure(session, username, address, at + timedelta(seconds=n))


def wait(engine: Engine, username: str, address: str, now: datetime) -> timedelta | None:
    with transaction(engine) as session:
        return retry_after(session, username, address, now, LIMITS)


def test_a_username_and_address_pair_is_blocked_until_the_oldest_failure_ages_out(
    engine: Engine,
) -> None:
    fail(engine, "maria", "10.0.0.1", 2)
    assert wait(engine, "maria", "10.0.0.1", T0 + timedelta(minutes=1)) is None

    fail(engine, "Maria", "10.0.0.1", 1, T0 + timedelta(minutes=2))

    assert wait(engine, "maria", "10.0.0.1", T0 + timedelta(minutes=3)) == timedelta(minutes=12)
    assert wait(engine, "maria", "10.0.0.1", T0 + timedelta(minutes=15, seconds=1)) is None
    assert wait(engine, "someone-else", "10.0.0.1", T0 + timedelta(minutes=3)) is None


def test_a_stranger_failing_a_known_username_does_not_lock_its_owner_out(engine: Engine) -> None:
    # Fifty failures for "maria" from addresses all over the internet, over ten minutes.
    for n in range(50):
        fail(engine, "maria", f"198.51.100.{n}", 1, T0 + timedelta(seconds=12 * n))
    last = T0 + timedelta(seconds=12 * 49)

    # Her own address waits at most the capped delay after the latest failure, then may try.
    assert wait(engine, "maria", "10.0.0.7", last) == timedelta(minutes=1)
    assert wait(engine, "maria", "10.0.0.7", last + timedelta(seconds=59)) == timedelta(seconds=1)
    assert wait(engine, "maria", "10.0.0.7", last + timedelta(minutes=1)) is None
    # The strangers' own pairs stay blocked for the whole window.
    assert wait(engine, "maria", "198.51.100.49", last + timedelta(minutes=1)) is None
    fail(engine, "maria", "198.51.100.49", 2, last + timedelta(minutes=2))
    assert wait(engine, "maria", "198.51.100.49", last + timedelta(minutes=4)) is not None
    assert wait(engine, "maria", "10.0.0.7", last + timedelta(minutes=4)) is None


def test_a_usernames_failures_from_anywhere_slow_it_down_twice_as_much_each_time(
    engine: Engine,
) -> None:
    waits = []
    for n in range(7):
        fail(engine, "maria", f"203.0.113.{n}", 1, T0 + timedelta(seconds=n))
        waits.append(wait(engine, "maria", "10.0.0.7", T0 + timedelta(seconds=n)))

    assert waits == [
        None,
        None,
        None,
        timedelta(seconds=5),
        timedelta(seconds=10),
        timedelta(seconds=20),
        timedelta(seconds=40),
    ]
    assert LIMITS.username_delay(50) == timedelta(minutes=1)


def test_an_address_is_blocked_whatever_usernames_it_tries(engine: Engine) -> None:
    for n in range(5):
        fail(engine, f"user{n}", "10.0.0.1", 1)

    assert wait(engine, "new-name", "10.0.0.1", T0 + timedelta(minutes=1)) is not None
    assert wait(engine, "new-name", "10.0.0.2", T0 + timedelta(minutes=1)) is None


def test_a_success_forgets_the_usernames_failures_and_old_ones_are_pruned(engine: Engine) -> None:
    fail(engine, "maria", "10.0.0.1", 3)
    assert wait(engine, "maria", "10.0.0.1", T0) is not None
    with transaction(engine) as session:
        forget_username(session, "maria", "10.0.0.1")
    assert wait(engine, "maria", "10.0.0.1", T0) is None

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
        [
            limiter.bucket("user", "maria-secret-password"),
            limiter.bucket("address", "192.0.2.7"),
            limiter.bucket("pair", "maria-secret-password|192.0.2.7"),
        ]
    )
    assert all("maria" not in b and "192" not in b for b in buckets)
