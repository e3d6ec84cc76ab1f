"""The widget and REST webhooks limit how fast one client address and one conversation may send."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator

import httpx
import pytest
from rasa.core.channels.channel import register
from sanic import Sanic

from bot.channels.ratelimit import TokenBucket, WebhookLimits
from bot.channels.rest import RestInput
from bot.channels.webchat import WebchatInput
from bot.settings import Settings, get_settings
from bot.wording import say

from .webchat.test_channel import OWN, WEBHOOK, EchoAgent, make_app, post, served

REST_WEBHOOK = "/webhooks/rest/webhook"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_allows_its_size_at_once_then_refills_evenly_over_a_minute() -> None:
    clock = Clock()
    bucket = TokenBucket(3, clock)

    for _ in range(3):
        assert bucket.wait("a") == 0.0
        bucket.take("a")
    assert bucket.wait("a") == pytest.approx(20.0)
    assert bucket.wait("b") == 0.0

    clock.now += 20
    assert bucket.wait("a") == 0.0
    bucket.take("a")
    assert bucket.wait("a") == pytest.approx(20.0)
    clock.now += 600
    assert bucket.wait("a") == 0.0


def test_a_bucket_forgets_the_least_recently_used_keys_beyond_its_size() -> None:
    bucket = TokenBucket(1, Clock(), max_keys=2)
    for key in ("a", "b", "c"):
        bucket.take(key)

    assert bucket.wait("a") == 0.0  # forgotten: a fresh, full bucket
    assert bucket.wait("c") > 0.0


def test_an_address_and_a_conversation_are_limited_separately() -> None:
    clock = Clock()
    limits = WebhookLimits(Settings(rate_limit_per_address=4, rate_limit_per_sender=2), clock)

    assert limits.check("10.0.0.1", "family-1") == 0.0
    assert limits.check("10.0.0.1", "family-1") == 0.0
    # The conversation is spent, from any address; the address still has room for others.
    assert limits.check("10.0.0.1", "family-1") == pytest.approx(30.0)
    assert limits.check("10.0.0.2", "family-1") > 0.0
    assert limits.check("10.0.0.1", "family-2") == 0.0
    # Now the address is spent (four messages), whatever conversation it names.
    assert limits.check("10.0.0.1", "family-3") == 0.0
    assert limits.check("10.0.0.1", "family-4") > 0.0
    assert limits.check("10.0.0.9", "family-4") == 0.0


def test_a_refused_message_takes_no_token() -> None:
    limits = WebhookLimits(Settings(rate_limit_per_address=2, rate_limit_per_sender=1), Clock())

    assert limits.check("10.0.0.1", "family-1") == 0.0
    assert limits.check("10.0.0.1", "family-1") > 0.0  # the conversation's limit, not counted
    assert limits.check("10.0.0.1", "family-2") == 0.0


@pytest.fixture
def strict_limits(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[None]:
    proxies = getattr(request, "param", 0)
    monkeypatch.setenv("RATE_LIMIT_PER_ADDRESS", "5")
    monkeypatch.setenv("RATE_LIMIT_PER_SENDER", "3")
    monkeypatch.setenv("PROXY_COUNT", str(proxies))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(autouse=True)
def many_sanic_apps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sanic 21.12 can start a second app in one process only in its test mode."""
    monkeypatch.setattr(Sanic, "test_mode", True)


def _widget_posts(
    bodies: list[tuple[str, dict[str, str]]],
) -> tuple[list[httpx.Response], EchoAgent]:
    agent = EchoAgent()
    app = make_app(WebchatInput(Settings(webchat_allowed_origins=(OWN,))), agent)

    async def main() -> list[httpx.Response]:
        async with served(app) as client:
            answers = []
            for sender, headers in bodies:
                answers.append(
                    await client.post(
                        WEBHOOK,
                        json={"sender": sender, "message": "hello"},
                        headers={"Origin": OWN, **headers},
                    )
                )
            return answers

    return asyncio.run(main()), agent


def test_the_widget_answers_429_with_retry_after_and_the_bot_never_sees_the_extra_message(
    strict_limits: None,
) -> None:
    family, neighbour = str(uuid.uuid4()), str(uuid.uuid4())

    answers, agent = _widget_posts([(family, {})] * 4 + [(neighbour, {})])

    assert [a.status_code for a in answers] == [200, 200, 200, 429, 200]
    refused = answers[3]
    assert refused.json() == {"error": say("channels.too_many")}
    assert int(refused.headers["retry-after"]) == 20
    assert refused.headers["access-control-allow-origin"] == OWN  # the widget can read it
    assert [m.sender_id for m in agent.received] == [family] * 3 + [neighbour]


def test_without_trusted_proxies_a_forged_x_forwarded_for_does_not_escape_the_address_limit(
    strict_limits: None,
) -> None:
    bodies = [(str(uuid.uuid4()), {"X-Forwarded-For": f"203.0.113.{n}"}) for n in range(6)]

    answers, _ = _widget_posts(bodies)

    assert [a.status_code for a in answers] == [200] * 5 + [429]


@pytest.mark.parametrize("strict_limits", [1], indirect=True)
def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit(
    strict_limits: None,
) -> None:
    one = [(str(uuid.uuid4()), {"X-Forwarded-For": "198.51.100.7"}) for _ in range(6)]
    other = [(str(uuid.uuid4()), {"X-Forwarded-For": "6.6.6.6, 198.51.100.8"})]

    answers, _ = _widget_posts(one + other)

    # The proxy's own entry (the last one) counts, not what the client wrote before it.
    assert [a.status_code for a in answers] == [200] * 5 + [429, 200]


def test_the_rest_webhook_answers_429_too(strict_limits: None) -> None:
    agent = EchoAgent()
    app = Sanic(f"rest-test-{uuid.uuid4().hex}", configure_logging=False)
    register([RestInput()], app, "/webhooks/")
    app.ctx.agent = agent

    async def main() -> list[httpx.Response]:
        async with served(app) as client:
            return [
                await client.post(REST_WEBHOOK, json={"sender": "fam-1", "message": "hi"})
                for _ in range(4)
            ]

    answers = asyncio.run(main())

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[3].json() == {"error": say("channels.too_many")}
    assert answers[3].headers["retry-after"] == "20"
    assert len(agent.received) == 3


def test_the_origin_check_still_comes_first(strict_limits: None) -> None:
    agent = EchoAgent()
    app = make_app(WebchatInput(Settings(webchat_allowed_origins=(OWN,))), agent)

    async def main() -> list[int]:
        async with served(app) as client:
            body = {"sender": str(uuid.uuid4()), "message": "hi"}
            return [(await post(client, body, "https://evil.test")).status_code for _ in range(9)]

    assert asyncio.run(main()) == [403] * 9
