"""Start and stop the real Rasa and action servers for end-to-end tests.

A thin pytest wrapper over `bot.devtools.stack`; set E2E_MODEL to test another trained model.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from bot.devtools import stack
from bot.devtools.stack import ROOT, free_port

__all__ = [
    "MODEL",
    "ROOT",
    "Conversation",
    "free_port",
    "production_servers",
    "rasa_stack",
    "stored_events",
]

MODEL = Path(os.environ.get("E2E_MODEL", stack.MODEL))
REPLY_TIMEOUT_SECONDS = 60.0


@contextmanager
def rasa_stack(
    logs: Path, endpoints: Path, action_port: int, env: Mapping[str, str] | None = None
) -> Iterator[str]:
    """Run `rasa run actions` on `action_port` and `rasa run` with `endpoints`; yield Rasa's URL."""
    try:
        with stack.rasa_stack(logs, endpoints, action_port, env, model=MODEL) as running:
            yield running.url
    except stack.StackError as error:
        pytest.fail(str(error), pytrace=False)


@contextmanager
def production_servers(logs: Path, database: str) -> Iterator[str]:
    """Rasa and the action server on deploy/endpoints.production.yml, with the variables a
    deployment would set, on the PostgreSQL `database`; yield Rasa's URL."""
    action_port = free_port()
    endpoints, env = stack.production_config(action_port, database)
    with rasa_stack(logs, endpoints, action_port, env) as url:
        yield url


def stored_events(database_url: str, sender: str) -> list[dict[str, Any]]:
    """A conversation's events as the tracker store keeps them, oldest first (every session).

    Read from the database, as staff tools do: Rasa's HTTP API is off on every server we run.
    """
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT data FROM events WHERE sender_id = :sender ORDER BY id"),
                {"sender": sender},
            )
            return [json.loads(data) for (data,) in rows]
    finally:
        engine.dispose()


class Conversation:
    """One family's conversation over the REST channel."""

    def __init__(self, rasa_url: str) -> None:
        self._url = f"{rasa_url}/webhooks/rest/webhook"
        self.sender = f"e2e-{uuid.uuid4().hex}"

    def say(self, text: str) -> str:
        """Sends `text` and returns the assistant's replies joined into one text."""
        response = httpx.post(
            self._url,
            json={"sender": self.sender, "message": text},
            timeout=REPLY_TIMEOUT_SECONDS,
        )
        response.raise_for_status()
        replies = response.json()
        assert replies, f"no reply to {text!r}"
        return "\n".join(str(reply.get("text", "")) for reply in replies)
