"""Limits, against the real servers: a hung action server, a client sending too fast.

Rasa runs as the Procfile starts it (bot.server, the REST and widget channels), with its action
endpoint pointed at a switch on loopback: while "hanging" it takes each action call and never
answers (a hung action server); otherwise it passes calls to the real action server.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from bot.devtools.stack import sqlite_config
from bot.wording import say
from tests.e2e.servers import Conversation, free_port, rasa_stack, stored_events

pytestmark = pytest.mark.e2e

TURN_TIMEOUT = 8
ACTION_TIMEOUT = 3
PER_SENDER = 4
LIMITS_ENV = {
    "TURN_TIMEOUT_SECONDS": str(TURN_TIMEOUT),
    "ACTION_TIMEOUT_SECONDS": str(ACTION_TIMEOUT),
    "RATE_LIMIT_PER_SENDER": str(PER_SENDER),
}
DEADLINE_QUESTION = "the warden received his request on 3/3/2026, when can we file in court"
WIDGET_ORIGIN = "http://localhost:5005"  # the default allowed origin


class ActionSwitch:
    """An HTTP server on loopback: hangs on every call, or forwards it to the action server."""

    def __init__(self, action_url: str) -> None:
        self.hanging = threading.Event()
        self._release = threading.Event()
        switch = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if switch.hanging.is_set():
                    switch._release.wait(120)  # never answers while the test runs
                    return
                answer = httpx.post(
                    action_url,
                    content=body,
                    headers={"Content-Type": "application/json"},
                    timeout=60,
                )
                self.send_response(answer.status_code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            def log_message(self, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> ActionSwitch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._release.set()
        self.server.shutdown()
        self.server.server_close()


@dataclass(frozen=True)
class Deployment:
    url: str
    database_url: str
    switch: ActionSwitch


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    logs: Path = tmp_path_factory.mktemp("limits")
    action_port = free_port()
    with ActionSwitch(f"http://127.0.0.1:{action_port}/webhook") as switch:
        endpoints, env = sqlite_config(logs, switch.port)  # Rasa calls the switch
        with rasa_stack(logs, endpoints, action_port, {**env, **LIMITS_ENV}) as url:
            yield Deployment(url, env["DATABASE_URL"], switch)


def _user_texts(deployment: Deployment, sender: str) -> list[str]:
    events = stored_events(deployment.database_url, sender)
    return [e.get("text", "") for e in events if e["event"] == "user"]


def test_a_hung_action_server_gets_the_timeout_answer_in_time_and_blocks_nobody(
    deployment: Deployment,
) -> None:
    family, neighbour = Conversation(deployment.url), Conversation(deployment.url)
    assert "not legal advice" in family.say("hello")
    deployment.switch.hanging.set()
    try:
        with ThreadPoolExecutor(2) as pool:
            started = time.monotonic()
            stuck = pool.submit(family.say, DEADLINE_QUESTION)
            time.sleep(0.5)  # the family's turn is waiting for the action server
            greeted = pool.submit(neighbour.say, "hello")
            assert "not legal advice" in greeted.result(timeout=30)
            neighbour_took = time.monotonic() - started
            answer = stuck.result(timeout=30)
            family_took = time.monotonic() - started
    finally:
        deployment.switch.hanging.clear()

    assert answer == say("channels.turn_timeout")
    assert ACTION_TIMEOUT <= family_took < TURN_TIMEOUT
    assert neighbour_took < ACTION_TIMEOUT + 1  # another family was not held up by the hang

    # The same conversation goes on (its lock was released), and nothing of the stopped turn
    # was stored: the question appears once, from the turn that worked.
    assert "Friday, April 3, 2026" in family.say(DEADLINE_QUESTION)
    assert _user_texts(deployment, family.sender) == ["hello", DEADLINE_QUESTION]


def test_a_conversation_sending_too_fast_gets_429_on_rest_and_on_the_widget(
    deployment: Deployment,
) -> None:
    rest = Conversation(deployment.url)
    answers = [
        httpx.post(
            f"{deployment.url}/webhooks/rest/webhook",
            json={"sender": rest.sender, "message": "hello"},
            timeout=60,
        )
        for _ in range(PER_SENDER + 1)
    ]
    widget_sender = str(uuid.uuid4())
    widget = [
        httpx.post(
            f"{deployment.url}/webhooks/webchat/webhook",
            json={"sender": widget_sender, "message": "hello"},
            headers={"Origin": WIDGET_ORIGIN},
            timeout=60,
        )
        for _ in range(PER_SENDER + 1)
    ]

    for sent in (answers, widget):
        assert [a.status_code for a in sent] == [200] * PER_SENDER + [429]
        refused = sent[-1]
        assert refused.json() == {"error": say("channels.too_many")}
        assert 1 <= int(refused.headers["retry-after"]) <= 60 // PER_SENDER
    assert len(_user_texts(deployment, rest.sender)) == PER_SENDER
    assert len(_user_texts(deployment, widget_sender)) == PER_SENDER
