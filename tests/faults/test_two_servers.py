"""Two Rasa servers behind the proxy, one conversation's messages at once: the lock store holds.

The production endpoints (deploy/endpoints.production.yml: PostgreSQL tracker store, Redis lock
store, RabbitMQ events) on a temporary database; two Rasa servers and one action server; nginx
with deploy/nginx/cr-assistant.conf sending requests round robin to both. A family's widget sends
several messages of ONE conversation at the same moment. Every message must be answered with
its own turn, and the stored turns must never interleave: one server's turn must not start
before the other's has finished, which only the Redis lock store, shared by both processes,
guarantees (each server's own in-process lock knows nothing of the other's).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from bot.devtools import stack
from bot.devtools.postgres import temporary_database
from bot.devtools.postgres import url as postgres_url
from bot.devtools.proxy import Proxy, ProxyError, run_proxy
from tests.e2e.servers import MODEL, free_port, stored_events

pytestmark = pytest.mark.e2e

WIDGET_SITE = "https://www.family-justice.example"
# One conversation's messages, sent at once; distinct texts, so each reply can be matched to
# the turn stored for its message.
MESSAGES = [
    "hello",
    "what is compassionate release?",
    "who can ask for it?",
    "how long does it take?",
    "what does the warden do?",
    "thank you",
]
REPLY_TIMEOUT_SECONDS = 120.0


@dataclass(frozen=True)
class TwoServers:
    """The proxy in front of two Rasa servers, and the database both keep conversations in."""

    proxy: Proxy
    rasa_urls: tuple[str, str]
    database_url: str


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TwoServers]:
    """One action server, two Rasa servers on the production endpoints, nginx in front."""
    logs = tmp_path_factory.mktemp("two-servers")
    action_port = free_port()
    try:
        with temporary_database("cr_faults") as database:
            endpoints, env = stack.production_config(action_port, database)
            env = {**env, "WEBCHAT_ALLOWED_ORIGINS": WIDGET_SITE, "PROXY_COUNT": "1"}
            with (
                stack.rasa_stack(logs, endpoints, action_port, env, model=MODEL) as first,
                stack.rasa_server(logs, "rasa-second", endpoints, env, model=MODEL) as second,
                run_proxy(logs / "nginx", [first.url, second]) as proxy,
            ):
                yield TwoServers(proxy, (first.url, second), postgres_url(database))
    except (stack.StackError, ProxyError) as error:
        pytest.fail(str(error), pytrace=False)


def send_at_once(proxy: Proxy, sender: str, texts: list[str]) -> dict[str, httpx.Response]:
    """POST every text of `sender` through the proxy at the same moment; the answers by text."""
    start = threading.Barrier(len(texts))
    answers: dict[str, httpx.Response] = {}

    def send(text: str) -> None:
        with httpx.Client(verify=str(proxy.certificate), timeout=REPLY_TIMEOUT_SECONDS) as client:
            start.wait()
            answers[text] = client.post(
                f"{proxy.https_url}/webhooks/webchat/webhook",
                json={"sender": sender, "message": text},
                headers={"Origin": WIDGET_SITE},
            )

    threads = [threading.Thread(target=send, args=(text,)) for text in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def turns(events: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The stored events cut into turns, each starting at a user message."""
    cut: list[list[dict[str, Any]]] = []
    for event in events:
        if event["event"] == "user":
            cut.append([])
        if cut:
            cut[-1].append(event)
    return cut


def is_listen(event: dict[str, Any]) -> bool:
    return event["event"] == "action" and event.get("name") == "action_listen"


def upstreams_used(proxy: Proxy) -> set[str]:
    """The Rasa servers (host:port) the proxy sent widget messages to, from its access log."""
    lines = [line.split() for line in proxy.access_log.read_text().splitlines()]
    return {
        f"http://{fields[6]}"
        for fields in lines
        if fields[1] == "POST" and fields[2] == "/webhooks/webchat/webhook"
    }


def test_one_conversations_messages_at_once_on_two_servers_are_answered_turn_by_turn(
    two_servers: TwoServers,
) -> None:
    sender = str(uuid.uuid4())

    answers = send_at_once(two_servers.proxy, sender, MESSAGES)

    assert {text: answer.status_code for text, answer in answers.items()} == dict.fromkeys(
        MESSAGES, 200
    )
    stored = turns(stored_events(two_servers.database_url, sender))
    assert sorted(turn[0]["text"] for turn in stored) == sorted(MESSAGES)
    for turn in stored:
        # Its own actions and replies, then listening, before the next message was taken up.
        assert is_listen(turn[-1]), [event["event"] for event in turn]
        assert not any(is_listen(event) for event in turn[1:-1])
        replied = [event["text"] for event in turn if event["event"] == "bot"]
        answered = [message.get("text") for message in answers[turn[0]["text"]].json()["messages"]]
        assert replied
        assert replied == answered
    assert upstreams_used(two_servers.proxy) == set(two_servers.rasa_urls)
