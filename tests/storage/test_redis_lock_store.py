"""The Redis lock store several Rasa servers share: one conversation's turns never overlap.

Against the real Redis on loopback, with one store (one connection) per thread, as each Rasa
server has its own, and a key prefix of this test run's own.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
import uuid

import pytest
import redis
from rasa.core.lock_store import LockStore
from rasa.utils.endpoints import EndpointConfig

from bot.storage.redis_lock_store import AtomicRedisLockStore

SERVERS = 8
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def redis_is_up() -> bool:
    try:
        return bool(redis.StrictRedis(REDIS_HOST, REDIS_PORT, socket_timeout=1).ping())
    except redis.RedisError:
        return False


pytestmark = pytest.mark.skipif(not redis_is_up(), reason="needs Redis on 127.0.0.1:6379")


def stores(prefix: str, count: int = SERVERS) -> list[AtomicRedisLockStore]:
    """`count` stores on the same Redis, as `count` Rasa servers would make them."""
    config = EndpointConfig(url=REDIS_HOST, port=REDIS_PORT, db=1, key_prefix=prefix, type="redis")
    return [AtomicRedisLockStore(config) for _ in range(count)]


def at_once(work: list[threading.Thread]) -> None:
    for thread in work:
        thread.start()
    for thread in work:
        thread.join()


@pytest.fixture
def prefix() -> str:
    """A key prefix of this test's own (letters and digits, as Rasa requires)."""
    return f"test{uuid.uuid4().hex}"


def test_servers_asking_for_a_ticket_at_the_same_moment_each_get_a_different_one(
    prefix: str,
) -> None:
    conversation = str(uuid.uuid4())
    start = threading.Barrier(SERVERS)
    tickets: list[int] = []

    def ask(store: LockStore) -> None:
        start.wait()
        tickets.append(store.issue_ticket(conversation))

    at_once([threading.Thread(target=ask, args=(store,)) for store in stores(prefix)])

    assert sorted(tickets) == list(range(SERVERS))


def test_turns_of_one_conversation_on_several_servers_never_overlap(prefix: str) -> None:
    conversation = str(uuid.uuid4())
    start = threading.Barrier(SERVERS)
    turns: list[tuple[float, float]] = []

    async def turn(store: LockStore) -> None:
        async with store.lock(conversation, wait_time_in_seconds=0.01):
            began = time.monotonic()
            await asyncio.sleep(0.05)
            turns.append((began, time.monotonic()))

    def serve(store: LockStore) -> None:
        start.wait()
        asyncio.run(turn(store))

    at_once([threading.Thread(target=serve, args=(store,)) for store in stores(prefix)])

    assert len(turns) == SERVERS
    ordered = sorted(turns)
    assert all(ended <= began for (_, ended), (began, _) in itertools.pairwise(ordered))


def test_the_lock_is_gone_once_the_last_turn_is_done(prefix: str) -> None:
    conversation = str(uuid.uuid4())
    [store] = stores(prefix, 1)

    async def one_turn() -> None:
        async with store.lock(conversation, wait_time_in_seconds=0.01):
            assert store.get_lock(conversation) is not None

    asyncio.run(one_turn())

    assert store.get_lock(conversation) is None
    assert store.key_prefix.startswith(prefix)
