"""PostgreSQL restarts in the middle of a family's conversation: nothing is lost or started over.

The production endpoints (deploy/endpoints.production.yml: PostgreSQL tracker store, Redis locks,
RabbitMQ events) on a temporary database. A family starts the screening; PostgreSQL is restarted
for real (`pg_ctlcluster`, which drops every connection the servers hold in their pools); the
family's next answer is understood as the answer to the question they were asked, and every
turn's events are in the database, in order, in one session. Without connections checked before
use (bot/storage/db.py ENGINE_OPTIONS, applied to the tracker store in
bot/storage/tracker_store.py) the first query after the restart fails on a dead connection.

Restarting PostgreSQL disrupts anything else using it at that moment; the test waits until the
server accepts connections again before it goes on.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from bot.devtools.postgres import temporary_database
from bot.devtools.postgres import url as postgres_url
from tests.e2e.servers import Conversation, production_servers, stored_events

# It restarts the PostgreSQL every other test uses: `make test` runs it alone, after the rest.
pytestmark = [pytest.mark.e2e, pytest.mark.exclusive]

CLUSTER = ("15", "main")
READY_TIMEOUT_SECONDS = 60.0
JURISDICTION_QUESTION = "court sentenced your loved one"
OFFENSE_ERA_QUESTION = "Did the offense happen on or after"


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test, dropped at the end."""
    with temporary_database("cr_restart") as name:
        yield name


@pytest.fixture(scope="module")
def production_url(tmp_path_factory: pytest.TempPathFactory, database: str) -> Iterator[str]:
    """Rasa and the action server on the production endpoints, on the temporary database."""
    with production_servers(tmp_path_factory.mktemp("restart"), database) as url:
        yield url


def restart_postgresql() -> None:
    """Restart the local PostgreSQL server; return once it accepts connections again."""
    subprocess.run(["pg_ctlcluster", *CLUSTER, "restart"], check=True, timeout=120)
    engine = sa.create_engine(postgres_url("postgres"), poolclass=sa.pool.NullPool)
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    try:
        while True:
            try:
                with engine.connect() as connection:
                    connection.execute(sa.text("SELECT 1"))
                return
            except sa.exc.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
    finally:
        engine.dispose()


def test_after_a_postgresql_restart_the_family_goes_on_where_they_were(
    production_url: str, database: str
) -> None:
    family = Conversation(production_url)
    assert "not legal advice" in family.say("hello")
    assert JURISDICTION_QUESTION in family.say("check if my dad qualifies")
    assert OFFENSE_ERA_QUESTION in family.say("federal")
    before = stored_events(postgres_url(database), family.sender)

    restart_postgresql()
    reply = family.say("2010")

    # A real reply, to the question they were asked: the next question, not the first again.
    assert JURISDICTION_QUESTION not in reply
    assert OFFENSE_ERA_QUESTION not in reply
    assert "?" in reply
    events = stored_events(postgres_url(database), family.sender)
    assert events[: len(before)] == before
    assert [event["text"] for event in events if event["event"] == "user"] == [
        "hello",
        "check if my dad qualifies",
        "federal",
        "2010",
    ]
    started = [event for event in events if event.get("name") == "action_session_start"]
    assert len(started) == 1
    assert [event["timestamp"] for event in events] == sorted(
        event["timestamp"] for event in events
    )
