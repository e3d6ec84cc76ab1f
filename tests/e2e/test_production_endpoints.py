"""The multi-server configuration, for real: PostgreSQL tracker store, Redis locks, RabbitMQ events.

Starts Rasa with deploy/endpoints.production.yml against the services on this machine's loopback
(PostgreSQL with trust auth, Redis, RabbitMQ as guest) and checks that a conversation lands in
PostgreSQL's `events` table and on the RabbitMQ queue, where it is published without its words
(event types, intents, action and slot names, a keyed hash of the sender: nothing to erase). The
test creates its own database and drops it afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from bot.devtools.postgres import temporary_database
from bot.devtools.postgres import url as postgres_url

from .broker import listening
from .servers import Conversation, production_servers

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run, dropped at the end."""
    with temporary_database("cr_e2e") as name:
        yield name


@pytest.fixture(scope="module")
def production_url(tmp_path_factory: pytest.TempPathFactory, database: str) -> Iterator[str]:
    """Rasa on deploy/endpoints.production.yml, with the variables a deployment would set."""
    with production_servers(tmp_path_factory.mktemp("production"), database) as url:
        yield url


def test_a_conversation_is_stored_in_postgresql_and_streamed_to_rabbitmq(
    production_url: str, database: str
) -> None:
    family = Conversation(production_url)
    with listening() as broker:
        assert "not legal advice" in family.say("hello")
        reply = family.say("the warden received his request on 3/3/2026, when can we file in court")
        assert "Friday, April 3, 2026" in reply

        engine = sa.create_engine(postgres_url(database))
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT type_name, data FROM events WHERE sender_id = :sender ORDER BY id"),
                {"sender": family.sender},
            ).all()
        engine.dispose()
        kinds = [row.type_name for row in rows]
        assert kinds.count("user") == 2
        assert "action_court_deadline" in {json.loads(row.data).get("name") for row in rows}

        streamed, everything = broker.contents(family.sender)
    assert [event["event"] for event in streamed].count("user") == 2
    # Only the shape of the turn: what analytics need, never the family's words or the id.
    assert {event["intent"] for event in streamed if event["event"] == "user"} >= {"greet"}
    assert "action_court_deadline" in {event.get("name") for event in streamed}
    for event in streamed:
        assert set(event) <= {"sender", "event", "timestamp", "intent", "name"}
    for words in (b"warden received", b"3/3/2026", b"April 3, 2026", family.sender.encode()):
        assert words not in everything
