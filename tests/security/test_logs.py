"""No family text in any log: the real servers, in every case that used to leak, at DEBUG.

One Rasa server and one action server, started as the Procfile starts them (through bot.server,
so with the log safeguard of bot/logs.py) on a throwaway SQLite store, with a pika event broker
that reaches RabbitMQ through a relay the test can cut, and with DEBUG logging for Rasa and the
libraries (the most they can write). A family's distinctive words are sent in each case where Rasa
or a library used to write them into a log: text starting with "/", the action server killed
mid-conversation, the SQLite database locked so the turn's save fails, the broker's connection
cut so publishing fails. After each case neither server's log holds any of the words, and the
assistant still answers.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import aio_pika
import httpx
import pytest

from bot.devtools import stack
from bot.devtools.stack import sqlite_config
from bot.wording import say
from tests.e2e.servers import MODEL, Conversation, free_port, stored_events

from .relay import Relay

pytestmark = pytest.mark.e2e

FAMILY = "my mother Rosalind has stage 4 pancreatic cancer at FMC Carswell"
# A question that needs a custom action (action_court_deadline), in the family's words.
DEADLINE_QUESTION = (
    "the warden at FMC Carswell received the request from my mother Rosalind on 3/3/2026, "
    "she has stage 4 pancreatic cancer, when can we file in court"
)
RABBITMQ = ("127.0.0.1", 5672)
RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672/"
DEBUG_EVERYWHERE = {
    "LOG_LEVEL": "DEBUG",
    "LOG_LEVEL_LIBRARIES": "DEBUG",
    "PYTHONUNBUFFERED": "1",
}


def family_words(*texts: str) -> set[str]:
    """Each whole text and each of its words of five letters or more."""
    words = set(texts)
    for text in texts:
        words.update(word for word in re.findall(r"[A-Za-z]+", text) if len(word) >= 5)
    return words


# Words the assistant's own replies or code never log; "court" and "request" are ours too.
WORDS = family_words(FAMILY, DEADLINE_QUESTION) - {"court", "request", "warden", "received"}


@dataclass
class Servers:
    """The running stack, where its logs are, and the broker relay."""

    stack: stack.Stack
    logs: Path
    database_url: str
    relay: Relay

    def log_text(self) -> str:
        """Every log either server (and any restarted action server) wrote so far."""
        return "\n".join(
            path.read_text(errors="replace") for path in sorted(self.logs.glob("*.log"))
        )


def assert_no_family_words(servers: Servers) -> None:
    """Neither server's log holds the family's words, in any case."""
    log = servers.log_text().lower()
    leaked = sorted(word for word in WORDS if word.lower() in log)
    assert not leaked, f"family words in the servers' logs: {leaked}"


def assert_still_answers(servers: Servers) -> None:
    """A new family is greeted: the assistant kept working."""
    assert "not legal advice" in Conversation(servers.stack.url).say("hello")


@pytest.fixture(scope="module")
def queue() -> Iterator[str]:
    """A RabbitMQ queue of this run's own, deleted at the end."""
    name = f"cr_logs_test_{uuid.uuid4().hex[:12]}"
    yield name

    async def delete() -> None:
        connection = await aio_pika.connect(RABBITMQ_URL)
        async with connection:
            channel = await connection.channel()
            await channel.queue_delete(name)

    asyncio.run(delete())


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory, queue: str) -> Iterator[Servers]:
    """Rasa and the action server at DEBUG, SQLite store, pika broker behind a relay."""
    tmp = tmp_path_factory.mktemp("logs")
    logs = tmp / "logs"
    logs.mkdir()
    action_port = free_port()
    endpoints, env = sqlite_config(tmp, action_port)
    with Relay(RABBITMQ) as relay:
        endpoints.write_text(
            endpoints.read_text()
            + "event_broker:\n  type: pika\n  url: 127.0.0.1\n"
            + f"  port: {relay.port}\n  username: guest\n  password: guest\n"
            + f"  queues:\n    - {queue}\n"
        )
        try:
            # A broker makes the endpoints look like a deployment: say this one is not.
            env = {**env, **DEBUG_EVERYWHERE, "ENVIRONMENT": "development"}
            with stack.rasa_stack(logs, endpoints, action_port, env, model=MODEL) as running:
                yield Servers(running, logs, env["DATABASE_URL"], relay)
        except stack.StackError as error:
            pytest.fail(str(error), pytrace=False)


def test_the_servers_log_at_debug_through_the_safeguard(servers: Servers) -> None:
    Conversation(servers.stack.url).say("hello")
    log = servers.log_text()
    # Rasa's own DEBUG lines are there, reduced to what cannot be family text.
    assert "processor.message.parse [details withheld]" in log
    assert_no_family_words(servers)


def test_slash_text_leaves_no_family_words_in_the_logs(servers: Servers) -> None:
    family = Conversation(servers.stack.url)
    family.say("/" + FAMILY.replace(" ", "_"))
    family.say('/inform{"illness": "' + FAMILY + '"}')
    family.say("/" + FAMILY)

    assert_no_family_words(servers)
    assert_still_answers(servers)


def test_a_locked_database_leaves_no_family_words_in_the_logs(servers: Servers) -> None:
    family = Conversation(servers.stack.url)
    family.say("hello")
    database = servers.database_url.removeprefix("sqlite:///")
    holder = sqlite3.connect(database, timeout=1, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # the write lock, held past the busy timeout
        refused = httpx.post(
            f"{servers.stack.url}/webhooks/rest/webhook",
            json={"sender": family.sender, "message": FAMILY},
            timeout=60,
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    # The conversation's lock (in the same file) could not be taken: the turn never ran, the
    # family got a plain error, and the log says what failed where, without the words.
    assert refused.status_code == 500
    assert refused.json() == {"error": say("channels.failed")}
    assert "rest: a message failed with rasa.core.lock_store.LockError at " in servers.log_text()
    stored = stored_events(servers.database_url, family.sender)
    assert FAMILY not in [event.get("text") for event in stored]
    assert_no_family_words(servers)
    assert_still_answers(servers)


def test_a_failed_broker_publish_leaves_no_family_words_in_the_logs(servers: Servers) -> None:
    family = Conversation(servers.stack.url)
    family.say("hello")
    servers.relay.cut()
    try:
        family.say(FAMILY)
        family.say(DEADLINE_QUESTION)
    finally:
        servers.relay.mend()

    assert "pika.events.publish.failed [details withheld]" in servers.log_text()
    assert_no_family_words(servers)
    assert_still_answers(servers)


def test_the_action_server_down_mid_turn_leaves_no_family_words_in_the_logs(
    servers: Servers,
) -> None:
    family = Conversation(servers.stack.url)
    family.say("hello")
    servers.stack.actions.kill()
    try:
        # The turn ends unsaved and the family is asked to send it again: an answer, not a 500.
        answered = httpx.post(
            f"{servers.stack.url}/webhooks/rest/webhook",
            json={"sender": family.sender, "message": DEADLINE_QUESTION},
            timeout=60,
        )
        assert answered.status_code == 200
        assert answered.json()[0]["text"] == say("channels.turn_failed")
        assert "Failed to run custom action '<withheld>'" in servers.log_text()
        assert_no_family_words(servers)
    finally:
        servers.stack.actions.restart()
    assert "2026" in family.say(DEADLINE_QUESTION)
    assert_no_family_words(servers)
    assert_still_answers(servers)


def test_the_logs_still_say_what_failed_where(servers: Servers) -> None:
    log = servers.log_text()
    # Operators can diagnose: the failing places and exception types are named.
    assert "Couldn't connect to the server at '<withheld>'. Is the server running?" in log
    assert re.search(r"\[while handling aiohttp\.client_exceptions\.\w+", log)
    assert "rest: a message failed with rasa.core.lock_store.LockError at " in log
