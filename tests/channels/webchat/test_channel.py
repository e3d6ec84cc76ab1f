"""The website chat widget's channel: the webhook, its preflight and the widget's files.

The routes run on a Sanic app set up the way `rasa run --cors ...` sets up its own (sanic-cors
installed, channels registered under /webhooks/), reached through httpx.ASGITransport. Rasa's
agent is replaced by a small echo bot that keeps real Rasa trackers in Rasa's in-memory store;
tests/browser/ runs the widget against the real Rasa server.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
import yaml
from rasa.core.channels.channel import UserMessage, register
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore, SQLTrackerStore
from rasa.server import configure_cors
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import class_from_module_path
from sanic import Sanic

from bot.channels.text import MAX_BODY_BYTES
from bot.channels.webchat import WebchatInput
from bot.channels.webchat.assets import (
    ASSETS,
    JAVASCRIPT,
    MISSING_VENDOR,
    STATIC,
    Asset,
    AssetCache,
)
from bot.channels.webchat.erasure import conversation_exists
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[3]
OWN = "http://localhost:5005"  # the assistant's own origin, as in the Procfile's --cors
SITE = "https://www.family-help.org"  # an organisation's website, allowed
OTHER = "https://evil.example.net"  # not allowed
SENDER = "0b6f2f8e-3c1a-4d5e-9f00-123456789abc"
WEBHOOK = "/webhooks/webchat/webhook"
ERASE = "erase now, please"  # the echo bot's stand-in for a confirmed "forget me"


# --- the channel on a Sanic app ---------------------------------------------------------------


class EchoAgent:
    """Stands in for Rasa's agent: echoes with two buttons, and keeps real Rasa trackers."""

    def __init__(self, fail: bool = False) -> None:
        self.tracker_store = InMemoryTrackerStore(Domain.empty())
        self.received: list[UserMessage] = []
        self._fail = fail

    async def handle_message(self, message: UserMessage) -> None:
        """Echo the text; ERASE deletes the conversation, as the erasing tracker store does."""
        self.received.append(message)
        if self._fail:
            raise RuntimeError(f"could not handle {message.text}")
        if message.text == ERASE:
            self.tracker_store.store.pop(message.sender_id, None)
            await message.output_channel.send_text_message(message.sender_id, "Erased.")
            return
        tracker = DialogueStateTracker(message.sender_id, [])
        tracker.update(UserUttered(message.text))
        await self.tracker_store.save(tracker)
        await message.output_channel.send_text_message(
            message.sender_id, f"You said: {message.text}\n\nSecond part."
        )
        await message.output_channel.send_text_with_buttons(
            message.sender_id,
            "Pick one",
            [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}],
        )


@pytest.fixture(autouse=True)
def many_sanic_apps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sanic 21.12 can start a second app in one process only in its test mode."""
    monkeypatch.setattr(Sanic, "test_mode", True)


def make_app(channel: WebchatInput, agent: EchoAgent) -> Sanic:
    """A Sanic app wired as `rasa run --cors http://localhost:5005` wires its own."""
    app = Sanic(f"webchat-test-{uuid.uuid4().hex}", configure_logging=False)
    configure_cors(app, OWN)
    register([channel], app, "/webhooks/")
    app.ctx.agent = agent
    return app


@asynccontextmanager
async def served(app: Sanic) -> AsyncIterator[httpx.AsyncClient]:
    """`app` behind httpx, after its startup listeners ran (sanic-cors installs itself there)."""
    inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    await inbox.put({"type": "lifespan.startup"})
    scope = {"type": "lifespan", "asgi": {"version": "3.0"}}
    lifespan = asyncio.create_task(app(scope, inbox.get, outbox.put))
    assert (await outbox.get())["type"] == "lifespan.startup.complete"
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=OWN) as client:
            yield client
    finally:
        await inbox.put({"type": "lifespan.shutdown"})
        await outbox.get()
        # Sanic 21.12 then handles the finished lifespan scope as a request and fails.
        with contextlib.suppress(AttributeError):
            await lifespan


Scenario = Callable[[httpx.AsyncClient, EchoAgent], Awaitable[None]]


def run(
    scenario: Scenario,
    *,
    settings: Settings | None = None,
    assets: AssetCache | None = None,
    agent: EchoAgent | None = None,
) -> EchoAgent:
    """Run `scenario` against a fresh app; return the agent to inspect what reached it."""
    settings = settings or Settings(webchat_allowed_origins=(OWN, SITE))
    agent = agent or EchoAgent()
    app = make_app(WebchatInput(settings, assets), agent)

    async def main() -> None:
        async with served(app) as client:
            await scenario(client, agent)

    asyncio.run(main())
    return agent


def post(
    client: httpx.AsyncClient, body: Any, origin: str | None = OWN
) -> Awaitable[httpx.Response]:
    """POST `body` (JSON, or raw bytes) to the webhook from a page on `origin`."""
    headers = {"Origin": origin} if origin else {}
    if isinstance(body, bytes):
        return client.post(WEBHOOK, content=body, headers=headers)
    return client.post(WEBHOOK, json=body, headers=headers)


def allow_origin(answer: httpx.Response) -> list[str]:
    """Every Access-Control-Allow-Origin header sent (browsers refuse more than one)."""
    return answer.headers.get_list("access-control-allow-origin")


@pytest.mark.parametrize("origin", [OWN, SITE], ids=["own origin (also in --cors)", "org site"])
def test_allowed_page_gets_the_replies_with_one_cors_header(origin: str) -> None:
    async def scenario(client: httpx.AsyncClient, agent: EchoAgent) -> None:
        answer = await post(client, {"sender": SENDER, "message": "hello"}, origin)
        assert answer.status_code == 200
        assert answer.json() == {
            "messages": [
                {"text": "You said: hello"},
                {"text": "Second part."},
                {
                    "text": "Pick one",
                    "buttons": [
                        {"title": "Yes", "payload": "/affirm"},
                        {"title": "No", "payload": "/deny"},
                    ],
                },
            ],
            "conversation_erased": False,
        }
        assert allow_origin(answer) == [origin]
        assert "access-control-allow-credentials" not in answer.headers
        assert answer.headers["vary"] == "Origin"

    agent = run(scenario)
    assert [m.text for m in agent.received] == ["hello"]


@pytest.mark.parametrize(
    "origin", [OTHER, None, "null", "http://localhost:5006"], ids=["other", "none", "null", "port"]
)
def test_other_pages_are_refused_before_the_bot_sees_anything(origin: str | None) -> None:
    async def scenario(client: httpx.AsyncClient, agent: EchoAgent) -> None:
        answer = await post(client, {"sender": SENDER, "message": "hello"}, origin)
        assert answer.status_code == 403
        assert "not allowed to use the chat" in answer.json()["error"]
        assert allow_origin(answer) == []

    assert run(scenario).received == []


def test_preflight_from_an_allowed_site() -> None:
    async def scenario(client: httpx.AsyncClient, agent: EchoAgent) -> None:
        answer = await client.options(
            WEBHOOK,
            headers={
                "Origin": SITE,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        assert answer.status_code == 204
        assert allow_origin(answer) == [SITE]
        assert answer.headers["access-control-allow-methods"] == "POST"
        assert answer.headers["access-control-allow-headers"].lower() == "content-type"
        assert int(answer.headers["access-control-max-age"]) > 0
        assert "access-control-allow-credentials" not in answer.headers

    run(scenario)


@pytest.mark.parametrize(
    ("origin", "method", "status"),
    [
        pytest.param(OTHER, "POST", 403, id="other site"),
        pytest.param(None, "POST", 403, id="no origin"),
        pytest.param(OWN, "DELETE", 405, id="another method"),
    ],
)
def test_preflight_refusals(origin: str | None, method: str, status: int) -> None:
    async def scenario(client: httpx.AsyncClient, agent: EchoAgent) -> None:
        headers = {"Access-Control-Request-Method": method}
        if origin:
            headers["Origin"] = origin
        answer = await client.options(WEBHOOK, headers=headers)
        assert answer.status_code == status
        assert allow_origin(answer) == []
        assert "access-control-allow-methods" not in answer.headers
        assert answer.json()["error"]

    run(scenario)


def test_cors_of_rasas_other_routes_is_left_to_sanic_cors() -> None:
    async def scenario(client: httpx.AsyncClient, agent: EchoAgent) -> None:
        own = await client.get("/webhooks/webchat/", headers={"Origin": OWN})
        assert allow_origin(own) == [OWN]
        other_route = await client.get("/", headers={"Origin": SITE})
        assert allow_origin(other_route) == []  # SITE is not in --cors

    run(scenario)


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        pytest.param(b"not json", 400, "must be JSON", id="not JSON"),
        pytest.param({"message": "hi"}, 400, '"sender"', id="no sender"),
        pytest.param({"sender": "family-1", "message": "hi"}, 400, "UUID", id="guessable sender"),
        pytest.param({"sender": SENDER.upper(), "message": "hi"}, 400, "UUID", id="not canonical"),
        pytest.param({"sender": SENDER, "message": 7}, 400, '"message"', id="message not text"),
        pytest.param(
            {"sender": SENDER, "message": "x" * MAX_BODY_BYTES}, 413, "too long", id="too big"
        ),
    ],
)
def test_bad_bodies_get_a_json_error(body: Any, status: int, fragment: str) -> None:
    async def scenario(client: httpx.AsyncClient, agent: EchoAgent) -> None:
        answer = await post(client, body)
        assert answer.status_code == status
        assert fragment in answer.json()["error"]
        assert allow_origin(answer) == [OWN]  # the page can read the error

    assert run(scenario).received == []


def test_message_reaches_rasa_cleaned_on_this_channel_without_client_metadata() -> None:
    async def scenario(client: httpx.AsyncClient, agent: EchoAgent) -> None:
        body = {
            "sender": SENDER,
            "message": " hi\u0000 there ",
            "metadata": {"role": "staff"},
            "input_channel": "telegram",
        }
        assert (await post(client, body)).status_code == 200

    (message,) = run(scenario).received
    assert (message.text, message.sender_id) == ("hi  there", SENDER)
    assert message.input_channel == "webchat"
    assert message.metadata is None


def test_erased_conversation_is_reported_to_the_widget() -> None:
    async def scenario(client: httpx.AsyncClient, agent: EchoAgent) -> None:
        kept = await post(client, {"sender": SENDER, "message": "hello"})
        assert kept.json()["conversation_erased"] is False
        erased = await post(client, {"sender": SENDER, "message": ERASE})
        assert erased.json() == {"messages": [{"text": "Erased."}], "conversation_erased": True}

    run(scenario)


@pytest.mark.parametrize("wrapped", [False, True], ids=["SQL store", "inside Rasa's wrapper"])
def test_erasure_check_on_the_sql_store(tmp_path: Path, wrapped: bool) -> None:
    async def scenario() -> None:
        sql = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "rasa.db"))
        store = FailSafeTrackerStore(sql) if wrapped else sql
        tracker = DialogueStateTracker(SENDER, [])
        tracker.update(UserUttered("hello"))
        await store.save(tracker)
        assert await conversation_exists(store, SENDER)
        assert not await conversation_exists(store, str(uuid.uuid4()))
        with sql.session_scope() as session:
            session.execute(sa.delete(sql.SQLEvent).where(sql.SQLEvent.sender_id == SENDER))
            session.commit()
        assert not await conversation_exists(store, SENDER)

    asyncio.run(scenario())


def test_failure_is_a_json_500_and_the_log_never_holds_the_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def scenario(client: httpx.AsyncClient, agent: EchoAgent) -> None:
        answer = await post(client, {"sender": SENDER, "message": "my dad has cancer"})
        assert answer.status_code == 500
        assert "try again" in answer.json()["error"].lower()

    with caplog.at_level(logging.DEBUG):
        run(scenario, agent=EchoAgent(fail=True))
    assert SENDER in caplog.text
    assert "cancer" not in caplog.text


# --- the widget's files -----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ASSETS))
def test_each_file_is_served_as_is_with_type_and_caching(name: str) -> None:
    asset = ASSETS[name]

    async def scenario(client: httpx.AsyncClient, agent: EchoAgent) -> None:
        answer = await client.get(f"/webhooks/webchat/{name}", headers={"Origin": SITE})
        assert answer.status_code == 200
        assert answer.content == asset.path.read_bytes()
        assert answer.headers["content-type"] == asset.content_type
        assert answer.headers["cache-control"] == f"public, max-age={asset.max_age}"
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert allow_origin(answer) == [SITE]  # the libraries are imported as modules
        again = await client.get(
            f"/webhooks/webchat/{name}", headers={"If-None-Match": answer.headers["etag"]}
        )
        assert again.status_code == 304
        assert again.content == b""

    run(scenario)


@pytest.mark.parametrize(
    "path",
    [
        "vendor/purify.min.js",
        "vendor/marked.umd.js",
        "vendor/../../../package.json",
        "vendor/%2e%2e/%2e%2e/%2e%2e/package.json",
        "webchat.py",
        "widget.js.map",
    ],
)
def test_only_the_named_files_are_served(path: str) -> None:
    async def scenario(client: httpx.AsyncClient, agent: EchoAgent) -> None:
        answer = await client.get(f"/webhooks/webchat/{path}")
        assert answer.status_code in (404, 405)
        assert b"DOMPurify" not in answer.content
        assert b'"name"' not in answer.content

    run(scenario)


def test_missing_libraries_say_to_run_make_assets(tmp_path: Path) -> None:
    assets = AssetCache(
        {"vendor/marked.esm.js": Asset(tmp_path / "marked.esm.js", JAVASCRIPT, 60, vendor=True)}
    )

    async def scenario(client: httpx.AsyncClient, agent: EchoAgent) -> None:
        answer = await client.get("/webhooks/webchat/vendor/marked.esm.js")
        assert answer.status_code == 500
        assert answer.text == MISSING_VENDOR
        assert "make assets" in answer.text
        (tmp_path / "marked.esm.js").write_text("export const marked = 1;")
        again = await client.get("/webhooks/webchat/vendor/marked.esm.js")
        assert (again.status_code, again.text) == (200, "export const marked = 1;")

    run(scenario, assets=assets)


def test_demo_page_embeds_the_widget_with_one_script_tag() -> None:
    settings = Settings(organisation_name="<Family & Friends>", webchat_allowed_origins=(OWN,))

    async def scenario(client: httpx.AsyncClient, agent: EchoAgent) -> None:
        answer = await client.get("/webhooks/webchat/demo")
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "text/html; charset=utf-8"
        page = answer.text
        assert re.findall(r"<script\b[^>]*>", page) == [
            '<script src="widget.js" data-open="true" defer>'
        ]
        assert "&lt;Family &amp; Friends&gt;" in page
        assert "<Family" not in page
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self'" in policy
        assert "unsafe" not in policy
        assert answer.headers["referrer-policy"] == "no-referrer"

    run(scenario, settings=settings)


def test_widget_stores_nothing_beyond_the_tab_and_never_injects_raw_html() -> None:
    widget = (STATIC / "widget.js").read_text()
    for forbidden in ("localStorage", "document.cookie", "innerHTML", "outerHTML", "eval("):
        assert forbidden not in widget, forbidden
    assert "sessionStorage" in widget
    assert 'rel", "noopener noreferrer"' in widget


def test_credentials_register_the_channel() -> None:
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text())
    assert "bot.channels.webchat.WebchatInput" in credentials
    channel = class_from_module_path("bot.channels.webchat.WebchatInput")
    assert channel is WebchatInput
    assert channel.name() == "webchat"
    assert isinstance(channel.from_credentials(None), WebchatInput)
