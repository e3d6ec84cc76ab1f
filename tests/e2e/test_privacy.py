"""Forget me, for real: the conversation and its referral leave the database, and stay gone.

Runs the trained model on `rasa run` + `rasa run actions` twice: on SQLite with endpoints that use
bot.storage.tracker_store.ErasingSQLTrackerStore, and on PostgreSQL with
deploy/endpoints.production.yml (Redis locks, RabbitMQ events). Both databases are migrated with
`bot.storage` first, as `make run` does, and DATABASE_URL names the tracker store's database.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from bot.devtools.postgres import temporary_database
from bot.devtools.stack import production_config, sqlite_config

from .broker import Listener, listening
from .servers import Conversation, free_port, rasa_stack, stored_events

pytestmark = pytest.mark.e2e

ASSISTANT_ENV = {
    "ORGANISATION_NAME": "Family Justice Project",
    "CLEARINGHOUSE_QUESTIONNAIRE_URL": "https://clearinghouse.test/questionnaire",
}


@dataclass(frozen=True)
class Deployment:
    """A running assistant and the database it keeps conversations and referrals in."""

    url: str
    database_url: str
    # The deployment's event broker, as this module's own queue on it sees it (None: no broker).
    broker: Listener | None

    def rows(self, sender: str) -> dict[str, int]:
        """How many rows each table holds for one conversation."""
        engine = sa.create_engine(self.database_url)
        try:
            with engine.connect() as connection:
                return {
                    table: connection.execute(
                        sa.text(f"SELECT COUNT(*) FROM {table} WHERE sender_id = :sender"),
                        {"sender": sender},
                    ).scalar_one()
                    for table in ("events", "referrals")
                }
        finally:
            engine.dispose()

    def stored_text(self, sender: str) -> str:
        """Everything stored for one conversation, as one string."""
        engine = sa.create_engine(self.database_url)
        try:
            with engine.connect() as connection:
                return " ".join(
                    connection.execute(
                        sa.text("SELECT data FROM events WHERE sender_id = :sender"),
                        {"sender": sender},
                    ).scalars()
                )
        finally:
            engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def deployment(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Deployment]:
    """The assistant on SQLite (development endpoints), then on the production endpoints."""
    logs = tmp_path_factory.mktemp(f"privacy-{request.param}")
    action_port = free_port()
    if request.param == "sqlite":
        endpoints, env = sqlite_config(logs, action_port)
        with rasa_stack(logs, endpoints, action_port, {**ASSISTANT_ENV, **env}) as url:
            yield Deployment(url, env["DATABASE_URL"], broker=None)
        return
    with temporary_database("cr_privacy") as name:
        endpoints, env = production_config(action_port, name)
        env = {**env, **ASSISTANT_ENV, "ENVIRONMENT": "production"}
        with rasa_stack(logs, endpoints, action_port, env) as url, listening() as broker:
            yield Deployment(url, env["DATABASE_URL"], broker=broker)


def test_forget_me_erases_the_conversation_and_its_referral_and_the_next_message_starts_fresh(
    deployment: Deployment,
) -> None:
    family, neighbour = Conversation(deployment.url), Conversation(deployment.url)
    neighbour.say("hello")
    family.say("hello")
    assert "May I share this" in family.say("we want help from the clearinghouse")
    recorded = family.say("yes")
    assert "I've passed your request to the staff at Family Justice Project" in recorded
    assert "https://clearinghouse.test/questionnaire" in recorded
    assert deployment.rows(family.sender)["referrals"] == 1

    assert "Do you want me to erase everything" in family.say("borra mis datos")
    if deployment.broker:
        deployment.broker.events(family.sender)
    assert "has been erased" in family.say("yes")

    assert deployment.rows(family.sender) == {"events": 0, "referrals": 0}
    assert deployment.rows(neighbour.sender)["events"] > 0
    if deployment.broker:
        streamed, everything = deployment.broker.contents(family.sender)
        assert [e["event"] for e in streamed] == ["conversation_erased"]
        assert b"borra mis datos" not in everything

    assert "not legal advice" in family.say("hi")
    events = stored_events(deployment.database_url, family.sender)
    assert events[0]["event"] == "action"
    assert events[0]["name"] == "action_session_start"
    assert [e["text"] for e in events if e["event"] == "user"] == ["hi"]
    stored = deployment.stored_text(family.sender)
    assert "we want help from the clearinghouse" not in stored
    assert "borra mis datos" not in stored
    assert deployment.rows(family.sender)["referrals"] == 0


def test_no_keeps_the_conversation(deployment: Deployment) -> None:
    family = Conversation(deployment.url)
    family.say("hello")

    family.say("delete my conversation")
    kept = family.say("no")

    assert "I haven't erased anything" in kept
    assert "delete my conversation" in deployment.stored_text(family.sender)


def test_a_yes_long_after_the_question_erases_nothing(deployment: Deployment) -> None:
    family = Conversation(deployment.url)
    family.say("forget me")
    family.say("what is compassionate release?")

    family.say("yes")

    assert "forget me" in deployment.stored_text(family.sender)


def test_start_over_keeps_the_conversation_stored_and_says_so(deployment: Deployment) -> None:
    family = Conversation(deployment.url)
    family.say("hello")

    reply = family.say("start over")

    assert "let's start over" in reply
    assert "forget me" in reply
    stored = deployment.stored_text(family.sender)
    assert '"event": "restart"' in stored
    assert "hello" in stored


def test_forget_me_in_the_middle_of_the_questions_erases_everything(
    deployment: Deployment,
) -> None:
    family = Conversation(deployment.url)
    family.say("could my dad qualify for compassionate release?")
    family.say("federal")

    asked = family.say("forget everything i told you")
    assert "Do you want me to erase everything" in asked
    assert "has been erased" in family.say("yes")

    assert deployment.rows(family.sender) == {"events": 0, "referrals": 0}
    assert "not legal advice" in family.say("hello")
    events = stored_events(deployment.database_url, family.sender)
    assert [e["text"] for e in events if e["event"] == "user"] == ["hello"]
    assert "could my dad" not in deployment.stored_text(family.sender)


def test_no_in_the_middle_of_the_questions_offers_to_carry_on(deployment: Deployment) -> None:
    family = Conversation(deployment.url)
    family.say("could my dad qualify for compassionate release?")

    family.say("delete my data")
    kept = family.say("no")

    assert "I haven't erased anything" in kept
    assert "carry on with the questions" in kept
