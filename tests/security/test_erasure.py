"""Erasure that holds, attacked for real: after "forget me", a staff erasure or a retention purge,
the family's words are nowhere the project writes, and "erased" is said only once it is true.

Runs `rasa run` and `rasa run actions` on a throwaway SQLite file with the stores `make run` uses
(the erasing tracker store, the database lock store). The family talks over the REST webhook; the
staff console's conversation index copies what they said into the staff tables, as it does on
every page. After each erasure path, every column of every table is searched for the family's
words, and so are the raw bytes of the database file and its write-ahead log.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from bot.devtools import stack
from bot.devtools.stack import sqlite_config
from bot.settings import Settings
from bot.staff import create_app
from bot.staff.accounts import create_user
from bot.staff.database import console_engine
from bot.staff.indexer import sync
from bot.staff.retention import purge
from bot.staff.review import add_note
from bot.storage import transaction
from bot.storage.lock_store import lock_store_from_endpoints
from bot.storage.schema import StaffRole, conversation_locks, utc_now
from tests.e2e.servers import MODEL, free_port
from tests.staff.conftest import PASSWORD, Staff

pytestmark = pytest.mark.e2e

ERASED = "has been erased"
NOT_ERASED = "I could not erase our conversation just now. Nothing was deleted."


@dataclass(frozen=True)
class Deployment:
    """The running assistant, its database file and its endpoints file."""

    url: str
    database: Path
    endpoints: Path
    logs: Path

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.database}"


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    """Rasa and the action server as `make run` starts them, on a throwaway SQLite file."""
    logs = tmp_path_factory.mktemp("erasure")
    action_port = free_port()
    endpoints, env = sqlite_config(logs, action_port)
    try:
        with stack.rasa_stack(logs, endpoints, action_port, env, model=MODEL) as servers:
            yield Deployment(servers.url, logs / "rasa.db", endpoints, logs)
    except stack.StackError as error:
        pytest.fail(str(error), pytrace=False)


class Family:
    """One family on the REST webhook, with words no one else uses."""

    def __init__(self, deployment: Deployment) -> None:
        self.url = f"{deployment.url}/webhooks/rest/webhook"
        self.sender = f"family-{uuid.uuid4().hex}"
        self.secret = f"Quillon{uuid.uuid4().hex[:10]}"

    def say(self, text: str) -> str:
        response = httpx.post(self.url, json={"sender": self.sender, "message": text}, timeout=120)
        response.raise_for_status()
        return "\n".join(str(reply.get("text", "")) for reply in response.json())

    def confide(self) -> None:
        """Tell the assistant something private, with this family's own word in it."""
        self.say("hello")
        self.say(f"my dad {self.secret} has stage 4 cancer at FMC Butner")


def index(deployment: Deployment) -> None:
    """What the staff console does on every page: copy new events into its tables."""
    engine = console_engine(deployment.database_url)
    try:
        caught_up = False
        while not caught_up:
            with transaction(engine) as session:
                caught_up = sync(session).caught_up
    finally:
        engine.dispose()


def copies(deployment: Deployment, words: str) -> list[str]:
    """Every place `words` is found: table.column in the database, and raw database files."""
    found: list[str] = []
    engine = sa.create_engine(deployment.database_url)
    try:
        inspector = sa.inspect(engine)
        with engine.connect() as connection:
            for table in inspector.get_table_names():
                for column in inspector.get_columns(table):
                    hits = connection.execute(
                        sa.text(
                            f'SELECT COUNT(*) FROM "{table}" '
                            f'WHERE CAST("{column["name"]}" AS TEXT) LIKE :words'
                        ),
                        {"words": f"%{words}%"},
                    ).scalar_one()
                    if hits:
                        found.append(f"{table}.{column['name']}")
    finally:
        engine.dispose()
    for suffix in ("", "-wal", "-journal"):
        path = Path(f"{deployment.database}{suffix}")
        if path.exists() and words.encode() in path.read_bytes():
            found.append(path.name)
    return found


def staff_console(deployment: Deployment) -> Staff:
    """An admin signed in to the staff console on the deployment's database and endpoints."""
    settings = Settings(
        database_url=deployment.database_url, endpoints_file=str(deployment.endpoints)
    )
    engine = console_engine(deployment.database_url)
    username = f"admin{uuid.uuid4().hex[:8]}"
    with transaction(engine) as session:
        create_user(session, username, PASSWORD, StaffRole.ADMIN)
    engine.dispose()
    app = create_app(settings)
    admin = Staff(app.test_client())
    assert admin.sign_in(username).status_code == 302
    return admin


def test_forget_me_leaves_no_copy_in_any_table_nor_in_the_database_files(
    deployment: Deployment,
) -> None:
    family = Family(deployment)
    family.confide()
    index(deployment)
    engine = console_engine(deployment.database_url)
    with transaction(engine) as session:
        add_note(session, family.sender, f"Called back about {family.secret}.", "ada")
    engine.dispose()
    assert "staff_conversation_text.body" in copies(deployment, family.secret)
    assert "staff_notes.body" in copies(deployment, family.secret)

    assert "Do you want me to erase everything" in family.say("forget me")
    assert ERASED in family.say("yes")

    assert copies(deployment, family.secret) == []
    assert copies(deployment, "stage 4 cancer at FMC Butner") == []


def test_a_staff_erasure_leaves_no_copy(deployment: Deployment) -> None:
    family = Family(deployment)
    family.confide()
    index(deployment)
    admin = staff_console(deployment)
    assert copies(deployment, family.secret) != []

    erased = admin.post("/conversations/erase", {"sender_id": family.sender, "confirm": "erase"})

    assert erased.status_code == 302
    assert copies(deployment, family.secret) == []


def test_a_retention_purge_leaves_no_copy(deployment: Deployment) -> None:
    family = Family(deployment)
    family.confide()
    index(deployment)
    assert copies(deployment, family.secret) != []
    engine = console_engine(deployment.database_url)
    settings = Settings(database_url=deployment.database_url)

    try:
        report = purge(
            engine,
            older_than_days=1,
            now=utc_now() + timedelta(days=2),
            actor="test",
            lock_store=lock_store_from_endpoints(deployment.endpoints, settings),
        )
    finally:
        engine.dispose()

    assert report.conversations >= 1
    assert copies(deployment, family.secret) == []


def refusing_deletes(deployment: Deployment, table: str) -> sa.engine.Engine:
    engine = sa.create_engine(deployment.database_url)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            f"CREATE TRIGGER refuse_erasure BEFORE DELETE ON {table} "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    return engine


def test_a_failed_erasure_says_so_deletes_nothing_and_a_retry_erases(
    deployment: Deployment,
) -> None:
    family = Family(deployment)
    family.confide()
    index(deployment)
    before = copies(deployment, family.secret)
    assert "Do you want me to erase everything" in family.say("forget me")

    # The staff tables are erased after the events, in the same transaction.
    engine = refusing_deletes(deployment, "staff_conversation_text")
    try:
        failed = family.say("yes")
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP TRIGGER refuse_erasure")
        engine.dispose()

    assert NOT_ERASED in failed
    assert ERASED not in failed
    assert set(before) <= set(copies(deployment, family.secret)) | {"rasa.db", "rasa.db-wal"}
    assert "events.data" in copies(deployment, family.secret)
    rasa_log = (deployment.logs / "rasa.log").read_text(errors="replace")
    assert "Could not erase conversation h:" in rasa_log
    assert family.secret not in rasa_log
    assert family.sender not in rasa_log

    assert ERASED in family.say("yes")
    assert copies(deployment, family.secret) == []


def test_a_staff_erasure_racing_a_turn_leaves_nothing_of_the_conversation(
    deployment: Deployment,
) -> None:
    family = Family(deployment)
    family.confide()
    index(deployment)
    admin = staff_console(deployment)
    engine = sa.create_engine(deployment.database_url)
    replies: list[str] = []
    turn = threading.Thread(
        target=lambda: replies.append(
            family.say("the warden received his request on 3/3/2026, when can we file in court")
        )
    )

    turn.start()
    deadline = time.monotonic() + 30
    with engine.connect() as connection:
        while time.monotonic() < deadline:
            held = connection.execute(
                sa.select(sa.func.count())
                .select_from(conversation_locks)
                .where(conversation_locks.c.conversation_id == family.sender)
            ).scalar_one()
            if held:
                break
            time.sleep(0.005)
    assert held, "the turn never took the conversation's lock"
    erased = admin.post("/conversations/erase", {"sender_id": family.sender, "confirm": "erase"})
    turn.join(timeout=120)
    engine.dispose()

    assert erased.status_code == 302
    assert replies
    assert copies(deployment, family.secret) == []
    assert copies(deployment, "when can we file in court") == []
