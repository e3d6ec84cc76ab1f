"""SQLLockStore: Rasa's conversation locks in the database, shared by every process that uses it.

Runs on SQLite and PostgreSQL. "Another process" is a real one where it matters (ticket issuing
from several processes at once); elsewhere a second store on its own engine stands for one.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.lock_store import LockError
from sqlalchemy.engine import Engine

from bot.settings import Settings, SettingsError
from bot.storage.lock_store import (
    SQLLockStore,
    conversation_lock,
    lock_store_from_endpoints,
)
from bot.storage.schema import conversation_locks

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def stores(database_url: str, engine: Engine) -> Iterator[tuple[SQLLockStore, SQLLockStore]]:
    """Two stores on the same database, as two Rasa servers (or a server and the console)."""
    first, second = SQLLockStore(database_url=database_url), SQLLockStore(database_url=database_url)
    try:
        yield first, second
    finally:
        first.dispose()
        second.dispose()
        with engine.begin() as connection:
            connection.execute(sa.delete(conversation_locks))


def test_tickets_from_two_stores_on_one_database_are_issued_in_order(
    stores: tuple[SQLLockStore, SQLLockStore],
) -> None:
    first, second = stores

    tickets = [first.issue_ticket("family"), second.issue_ticket("family")]
    tickets.append(first.issue_ticket("family"))

    assert tickets == [0, 1, 2]
    lock = second.get_lock("family")
    assert lock is not None
    assert lock.now_serving == 0
    assert first.issue_ticket("another family") == 0


def test_tickets_issued_by_several_processes_at_once_are_all_different(
    database_url: str, stores: tuple[SQLLockStore, SQLLockStore]
) -> None:
    script = (
        "import json, sys\n"
        "from bot.storage.lock_store import SQLLockStore\n"
        "store = SQLLockStore(database_url=sys.argv[1])\n"
        "print(json.dumps([store.issue_ticket('family') for _ in range(20)]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, database_url],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    issued: list[int] = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        issued.extend(json.loads(out))

    assert sorted(issued) == list(range(80))


def test_a_conversation_is_served_one_holder_at_a_time_in_ticket_order(
    stores: tuple[SQLLockStore, SQLLockStore],
) -> None:
    first, second = stores
    order: list[str] = []

    async def turn(store: SQLLockStore, name: str, start_after: float) -> None:
        await asyncio.sleep(start_after)
        async with store.lock("family", wait_time_in_seconds=0.02):
            order.append(f"{name} starts")
            await asyncio.sleep(0.2)
            order.append(f"{name} ends")

    async def run() -> None:
        await asyncio.gather(
            turn(first, "one", 0), turn(second, "two", 0.05), turn(first, "three", 0.1)
        )

    asyncio.run(run())

    assert order == [
        "one starts",
        "one ends",
        "two starts",
        "two ends",
        "three starts",
        "three ends",
    ]
    assert first.get_lock("family") is None


def test_synchronous_code_waits_for_the_turn_in_flight_then_holds_the_lock(
    stores: tuple[SQLLockStore, SQLLockStore],
) -> None:
    rasa, console = stores
    ticket = rasa.issue_ticket("family")

    with pytest.raises(LockError), conversation_lock(console, "family", wait_seconds=0.3):
        pass
    rasa.cleanup("family", ticket)
    with conversation_lock(console, "family"):
        ahead = rasa.issue_ticket("family")
        lock = rasa.get_lock("family")
        assert lock is not None
        assert lock.is_locked(ahead)
    lock = rasa.get_lock("family")
    assert lock is not None
    assert not lock.is_locked(ahead)


def test_an_abandoned_ticket_expires_so_the_conversation_is_not_blocked_forever(
    stores: tuple[SQLLockStore, SQLLockStore],
) -> None:
    crashed, console = stores
    crashed.issue_ticket("family", lock_lifetime=0.2)

    started = time.monotonic()
    with conversation_lock(console, "family", wait_seconds=5):
        waited = time.monotonic() - started

    assert 0.1 < waited < 2


def test_the_lock_outlives_the_longest_turn_and_not_much_more() -> None:
    from bot.server import LOCK_MARGIN_SECONDS, lock_lifetime_seconds
    from bot.settings import get_settings

    turn_timeout = get_settings().turn_timeout_seconds
    assert lock_lifetime_seconds({}) == turn_timeout + LOCK_MARGIN_SECONDS
    assert lock_lifetime_seconds({"TICKET_LOCK_LIFETIME": "90"}) == 90
    with pytest.raises(SettingsError, match="must be more than TURN_TIMEOUT_SECONDS"):
        lock_lifetime_seconds({"TICKET_LOCK_LIFETIME": str(turn_timeout)})


def test_rasa_builds_the_store_from_an_endpoints_file_on_database_url(
    database_url: str, engine: Engine, tmp_path: Path
) -> None:
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("lock_store:\n  type: bot.storage.lock_store.SQLLockStore\n")

    store = lock_store_from_endpoints(endpoints, Settings(database_url=database_url))

    assert isinstance(store, SQLLockStore)
    assert store.engine.url == sa.engine.make_url(database_url)
    store.dispose()


def test_the_project_endpoints_use_it_and_production_uses_the_atomic_redis_store() -> None:
    from rasa.utils.endpoints import read_endpoint_config

    config = read_endpoint_config(str(ROOT / "endpoints.yml"), "lock_store")
    assert config is not None
    assert config.type == "bot.storage.lock_store.SQLLockStore"
    production = (ROOT / "deploy" / "endpoints.production.yml").read_text()
    assert "type: bot.storage.redis_lock_store.AtomicRedisLockStore" in production


def test_an_in_memory_lock_store_is_refused_outside_development(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("lock_store:\n  type: in_memory\n")

    with pytest.raises(SettingsError, match="no lock store shared between processes"):
        lock_store_from_endpoints(endpoints, Settings(environment="production"))
    lock_store_from_endpoints(endpoints, Settings())
    assert "tolerated in development" in caplog.text


def test_a_database_without_the_locks_table_is_refused_with_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"python -m bot\.storage upgrade"):
        SQLLockStore(database_url=f"sqlite:///{tmp_path / 'empty.db'}")
