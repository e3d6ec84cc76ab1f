"""A per-client rate limit on the family webhooks (REST and the widget): token buckets.

Each client address and each conversation (sender id) has a bucket of
`Settings.rate_limit_per_address` / `rate_limit_per_sender` messages that refills evenly over a
minute. A message takes one token from both; when either is empty the webhook answers 429 with a
friendly JSON error and `Retry-After`, and nothing reaches the assistant.

The client address is the socket's peer, or, when `PROXY_COUNT` (default 0) trusted reverse
proxies stand in front, the address the outermost of them saw in `X-Forwarded-For` (as
werkzeug's ProxyFix reads it for the staff console). With PROXY_COUNT=0 the header is ignored,
so a client cannot pick its own address.

Why not a library: `limits` and Flask-Limiter need packaging>=21, which Rasa 3.6 forbids.
Why in-process: each Rasa replica keeps its own buckets, so behind a load balancer a client gets
up to (replicas x limit) per minute. That is acceptable here: the limit is there to keep one
client from monopolising a process (which the fair gate also prevents), not to meter usage
exactly, and it costs no network call per message. A deployment that wants one shared count
puts the limit in the reverse proxy as well (docs/security.md).
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from sanic.request import Request
from sanic.response import HTTPResponse

from bot.settings import Settings, get_settings
from bot.wording import say

from .errors import json_error
from .gate import client_key

# Buckets kept per limiter; the least recently used go first (a full bucket is a fresh one).
MAX_KEYS = 50_000
SECONDS_PER_MINUTE = 60.0


@dataclass
class _Bucket:
    tokens: float
    updated: float


class TokenBucket:
    """Buckets of `per_minute` tokens per key, refilled evenly over a minute."""

    def __init__(
        self,
        per_minute: int,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = MAX_KEYS,
    ) -> None:
        self._capacity = float(per_minute)
        self._rate = per_minute / SECONDS_PER_MINUTE
        self._clock = clock
        self._max_keys = max_keys
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    def wait(self, key: str) -> float:
        """Seconds until `key` has a token (0.0: it has one now); takes nothing."""
        tokens = self._refilled(key).tokens
        return 0.0 if tokens >= 1.0 else (1.0 - tokens) / self._rate

    def take(self, key: str) -> None:
        """Take one token from `key` (call after `wait` said 0.0)."""
        self._refilled(key).tokens -= 1.0

    def _refilled(self, key: str) -> _Bucket:
        now = self._clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(self._capacity, now)
            if len(self._buckets) > self._max_keys:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(key)
            bucket.tokens = min(self._capacity, bucket.tokens + (now - bucket.updated) * self._rate)
            bucket.updated = now
        return bucket


class WebhookLimits:
    """The two limits a family message must pass: its address's and its conversation's."""

    def __init__(self, settings: Settings, clock: Callable[[], float] = time.monotonic) -> None:
        self.addresses = TokenBucket(settings.rate_limit_per_address, clock)
        self.senders = TokenBucket(settings.rate_limit_per_sender, clock)

    def check(self, address: str, sender: str) -> float:
        """Seconds to wait before this message may pass (0.0: it passes and is counted)."""
        wait = max(self.addresses.wait(address), self.senders.wait(sender))
        if wait == 0.0:
            self.addresses.take(address)
            self.senders.take(sender)
        return wait


_limits: WeakKeyDictionary[asyncio.AbstractEventLoop, WebhookLimits] = WeakKeyDictionary()


def limits() -> WebhookLimits:
    """The running event loop's limits (REST and the widget share them)."""
    loop = asyncio.get_running_loop()
    if loop not in _limits:
        _limits[loop] = WebhookLimits(get_settings())
    return _limits[loop]


def client_address(request: Request, proxy_count: int) -> str:
    """The client's address: the socket's, or the trusted proxies' X-Forwarded-For entry."""
    peer = str(request.ip or "unknown")
    if proxy_count <= 0:
        return peer
    forwarded = [
        part.strip()
        for header in request.headers.getall("x-forwarded-for", [])
        for part in header.split(",")
        if part.strip()
    ]
    return forwarded[-proxy_count] if len(forwarded) >= proxy_count else peer


def too_many(wait: float) -> HTTPResponse:
    """429 with the friendly text and when to try again."""
    return json_error(
        429, say("channels.too_many"), headers={"Retry-After": str(max(1, math.ceil(wait)))}
    )


def rate_limited(request: Request, sender: str) -> HTTPResponse | None:
    """The 429 to send for this message, or None; also tells the gate who the client is."""
    address = client_address(request, get_settings().proxy_count)
    client_key.set(f"address:{address}")
    wait = limits().check(address, sender)
    return too_many(wait) if wait > 0.0 else None
