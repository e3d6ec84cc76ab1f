"""Two Rasa servers on one SQLite file take turns on a conversation through the database locks.

`make run`'s lock store (bot.storage.lock_store.SQLLockStore) lives in the database, so it works
across processes with no outside server. Two full stacks (Rasa and its action server) share one
file; one conversation's messages are sent to both at once. With per-process locks both servers
would read the same conversation and append over each other; with the shared lock every turn
runs after the previous one ended: each family message is followed by its whole turn, none is
lost, and none is stored twice.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.devtools.stack import sqlite_config

from .servers import free_port, rasa_stack, stored_events

pytestmark = pytest.mark.e2e

MESSAGES = 6


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """Two Rasa stacks on one SQLite file: their URLs and the database URL."""
    first_dir = tmp_path_factory.mktemp("first")
    second_dir = tmp_path_factory.mktemp("second")
    first_port, second_port = free_port(), free_port()
    first_endpoints, env = sqlite_config(first_dir, first_port)
    second_endpoints = second_dir / "endpoints.yml"
    second_endpoints.write_text(
        first_endpoints.read_text().replace(f":{first_port}/", f":{second_port}/")
    )
    with (
        rasa_stack(first_dir, first_endpoints, first_port, env) as first,
        rasa_stack(second_dir, second_endpoints, second_port, env) as second,
    ):
        yield first, second, env["DATABASE_URL"]


def say(url: str, sender: str, text: str) -> None:
    response = httpx.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=180
    )
    response.raise_for_status()
    assert response.json(), f"no reply to {text!r}"


def test_concurrent_messages_of_one_conversation_on_two_servers_take_turns(
    two_servers: tuple[str, str, str], tmp_path: Path
) -> None:
    first, second, database_url = two_servers
    sender = f"e2e-{uuid.uuid4().hex}"
    say(first, sender, "hello")
    texts = [f"what is compassionate release? ({n})" for n in range(MESSAGES)]
    threads = [
        threading.Thread(target=say, args=(first if n % 2 else second, sender, text))
        for n, text in enumerate(texts)
    ]

    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    events = stored_events(database_url, sender)
    users = [e["text"] for e in events if e["event"] == "user"]
    assert users[0] == "hello"
    assert sorted(users[1:]) == sorted(texts)
    # Each turn is whole: after a family message, the assistant acts and listens again
    # before the next family message is read.
    turns: list[list[str]] = []
    for event in events:
        if event["event"] == "user":
            turns.append([])
        elif turns and event["event"] == "action":
            turns[-1].append(event["name"])
    assert len(turns) == MESSAGES + 1
    for actions in turns:
        assert actions, "a family message with no turn of its own"
        assert actions[-1] == "action_listen"
        assert actions.count("action_listen") == 1
    stamped = [(e["event"], e["timestamp"], e.get("name"), e.get("text")) for e in events]
    assert len(stamped) == len(set(stamped)), "an event was stored twice"
