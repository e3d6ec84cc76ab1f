"""Which Telegram updates were answered already, so that one Telegram sends again is skipped.

An update is *claimed* before it is handled and marked *seen* only after it was handled: an
update whose handling failed or never finished (the server was killed mid-turn) is released, so
Telegram's (or the poller's) next delivery of it is answered instead of skipped.

With `REDIS_URL` set, the claims and seen marks live in Redis and every Rasa replica shares
them: a claim is `SET key handling NX EX <claim seconds>`, so of two replicas given the same
update only one answers it, and a claim whose server died expires on its own. Seen marks expire
after a day (Telegram keeps an update for at most 24 hours). Without Redis, each process keeps
the most recent ids in memory, which is enough for one server.
"""

from __future__ import annotations

import enum
from collections import OrderedDict
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from redis.asyncio import Redis  # type: ignore[import-untyped]

SEEN_UPDATES_KEPT = 10_000
SEEN_SECONDS = 24 * 60 * 60
KEY_PREFIX = "cr_assistant:telegram:update"


class Claim(enum.Enum):
    """What a claim on an update found."""

    MINE = "mine"  # nobody had it: handle it now
    SEEN = "seen"  # answered already: acknowledge and skip
    BUSY = "busy"  # another server (or request) is answering it right now


class SeenIds(Protocol):
    """Claims on update ids, and which were answered."""

    async def claim(self, update_id: int) -> Claim:
        """Claim `update_id` for handling."""

    async def done(self, update_id: int) -> None:
        """`update_id` was handled: skip it from now on."""

    async def release(self, update_id: int) -> None:
        """Handling `update_id` failed: let the next delivery of it through."""


class RecentIds:
    """In one process: the last `capacity` ids claimed or seen."""

    def __init__(self, capacity: int = SEEN_UPDATES_KEPT) -> None:
        self._capacity = capacity
        self._ids: OrderedDict[int, Claim] = OrderedDict()

    async def claim(self, update_id: int) -> Claim:
        """MINE the first time, then BUSY until `done` (SEEN after) or `release`."""
        state = self._ids.get(update_id)
        if state is not None:
            return Claim.SEEN if state is Claim.SEEN else Claim.BUSY
        self._ids[update_id] = Claim.BUSY
        if len(self._ids) > self._capacity:
            self._ids.popitem(last=False)
        return Claim.MINE

    async def done(self, update_id: int) -> None:
        """Remember `update_id` as answered."""
        self._ids[update_id] = Claim.SEEN

    async def release(self, update_id: int) -> None:
        """Forget the claim on `update_id`."""
        self._ids.pop(update_id, None)


class RedisSeenIds:
    """Shared by every replica, in Redis (redis-py's asyncio client, installed with Rasa)."""

    def __init__(self, url: str, prefix: str = KEY_PREFIX, claim_seconds: int = 120) -> None:
        self._url = url
        self._prefix = prefix
        self._claim_seconds = claim_seconds
        self._client: Redis | None = None

    def _redis(self) -> Redis:
        # Made on first use, inside the event loop that uses it.
        if self._client is None:
            import redis.asyncio  # type: ignore[import-untyped]

            self._client = redis.asyncio.from_url(self._url)
        return self._client

    def _key(self, update_id: int) -> str:
        return f"{self._prefix}:{update_id}"

    async def claim(self, update_id: int) -> Claim:
        """SET NX: MINE if nobody had it; otherwise SEEN or BUSY, as the key says."""
        redis = self._redis()
        key = self._key(update_id)
        if await redis.set(key, "handling", nx=True, ex=self._claim_seconds):
            return Claim.MINE
        value = await redis.get(key)
        if value is None:  # expired between the two calls: try once more
            claimed = await redis.set(key, "handling", nx=True, ex=self._claim_seconds)
            return Claim.MINE if claimed else Claim.BUSY
        return Claim.SEEN if value == b"seen" else Claim.BUSY

    async def done(self, update_id: int) -> None:
        """Mark `update_id` answered, for a day."""
        await self._redis().set(self._key(update_id), "seen", ex=SEEN_SECONDS)

    async def release(self, update_id: int) -> None:
        """Drop our claim (only a claim: a seen mark stays)."""
        redis = self._redis()
        key = self._key(update_id)
        if await redis.get(key) == b"handling":
            await redis.delete(key)

    async def close(self) -> None:
        """Close the connection pool."""
        if self._client is not None:
            await self._client.close()
            self._client = None


def seen_ids(redis_url: str | None, bot_id: str, claim_seconds: int) -> SeenIds:
    """Redis-backed ids when a Redis URL is configured, in-process ones otherwise."""
    if redis_url is None:
        return RecentIds()
    return RedisSeenIds(redis_url, f"{KEY_PREFIX}:{bot_id}", claim_seconds)
