"""ErasingSQLTrackerStore: Rasa's SQL tracker store that erases a conversation on request.

Runs the store the way Rasa's MessageProcessor does (retrieve, update in memory, save once per
turn) on SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from sqlalchemy.engine import Engine

from bot.settings import DEVELOPMENT_SENDER_HASH_KEY, Settings, SettingsError
from bot.storage import (
    ERASE_SLOT,
    NewReferral,
    count_events,
    record_referral,
    referrals_for_sender,
    transaction,
)
from bot.storage.pseudonyms import keyed_hash
from bot.storage.tracker_store import ErasingSQLTrackerStore
from bot.storage.turns import Failure, TurnOutcome, watch_turn

from .test_repository import CONSENTED

DOMAIN = Domain.from_yaml(
    f"""
version: "3.1"
intents: [greet, forget_me, affirm]
slots:
  {ERASE_SLOT}:
    type: bool
    influence_conversation: false
    mappings: [{{type: custom}}]
  forget_me_pending:
    type: bool
    influence_conversation: false
    mappings: [{{type: custom}}]
actions: [action_forget_me]
"""
)


PRODUCTION_KEY = "k" * 16 + "Q" * 16


class Broker:
    """An event broker that remembers what was published."""

    def __init__(self) -> None:
        self.published: list[dict[str, Any]] = []

    def publish(self, event: dict[str, Any]) -> None:
        self.published.append(event)


def store_kwargs(database_url: str) -> dict[str, Any]:
    """The keyword arguments Rasa passes for this database's endpoints.yml entry."""
    url = sa.engine.make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return {"dialect": "sqlite", "db": url.database}
    return {
        "dialect": "postgresql",
        "host": url.host,
        "port": url.port,
        "db": url.database,
        "username": url.username,
    }


@pytest.fixture
def broker() -> Broker:
    return Broker()


@pytest.fixture
def store(engine: Engine, database_url: str, broker: Broker) -> Iterator[ErasingSQLTrackerStore]:
    """The store as Rasa builds it, with DATABASE_URL naming the same database."""
    settings = Settings(database_url=database_url)
    store = ErasingSQLTrackerStore(
        domain=DOMAIN, event_broker=broker, settings=settings, **store_kwargs(database_url)
    )
    yield store
    store.engine.dispose()


def turn(store: SQLTrackerStore, sender: str, *events: Event) -> None:
    """One turn as the MessageProcessor runs it: retrieve or create, update, save once."""

    async def run() -> None:
        tracker = await store.get_or_create_tracker(sender, append_action_listen=False)
        for event in events:
            tracker.update(event, DOMAIN)
        await store.save(tracker)

    asyncio.run(run())


def greeting() -> list[Event]:
    return [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
        UserUttered("hello, my dad is 68 and has cancer", {"name": "greet", "confidence": 1.0}),
        ActionExecuted("utter_greet"),
        BotUttered("Hello"),
        ActionExecuted("action_listen"),
    ]


def asking() -> list[Event]:
    return [
        UserUttered("forget me", {"name": "forget_me", "confidence": 1.0}),
        ActionExecuted("action_forget_me"),
        SlotSet("forget_me_pending", True),
        BotUttered("Erase everything from this conversation?"),
        ActionExecuted("action_listen"),
    ]


def confirming() -> list[Event]:
    return [
        UserUttered("yes", {"name": "affirm", "confidence": 1.0}),
        ActionExecuted("action_forget_me"),
        SlotSet("forget_me_pending", False),
        SlotSet(ERASE_SLOT, True),
        BotUttered("Everything from this conversation is erased."),
        ActionExecuted("action_listen"),
    ]


def events_of(engine: Engine, sender: str) -> int:
    with transaction(engine) as session:
        return count_events(session, sender)


def refer(engine: Engine, sender: str) -> None:
    with transaction(engine) as session:
        record_referral(
            session,
            NewReferral(
                sender_id=sender,
                channel="rest",
                summary="Age: 68",
                facts={"age": 68},
                assessment=None,
                consented_at=CONSENTED,
            ),
        )


def test_turns_are_saved_like_rasas_sql_store(
    store: ErasingSQLTrackerStore, engine: Engine
) -> None:
    turn(store, "family", *greeting())
    turn(store, "family", *asking())

    assert events_of(engine, "family") == len(greeting()) + len(asking())
    tracker = asyncio.run(store.retrieve("family"))
    assert tracker is not None
    assert tracker.get_slot("forget_me_pending") is True


def _rows(engine: Engine, sender: str) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                sa.text(
                    "SELECT type_name, timestamp, intent_name, action_name, data FROM events "
                    "WHERE sender_id = :sender ORDER BY id"
                ),
                {"sender": sender},
            )
        ]


def test_the_rows_written_are_exactly_rasas(
    store: ErasingSQLTrackerStore, engine: Engine, database_url: str
) -> None:
    plain = SQLTrackerStore(domain=DOMAIN, **store_kwargs(database_url))
    turns = [greeting(), asking()]

    for events in turns:
        turn(store, "ours", *events)
        turn(plain, "rasas", *events)

    assert len(_rows(engine, "ours")) == len(greeting()) + len(asking())
    assert _rows(engine, "ours") == _rows(engine, "rasas")
    plain.engine.dispose()


def test_the_event_broker_hears_each_new_event_once_without_its_words(
    store: ErasingSQLTrackerStore, broker: Broker
) -> None:
    first, second = greeting(), asking()
    turn(store, "family", *first)
    turn(store, "family", *second)

    hashed = keyed_hash("family", DEVELOPMENT_SENDER_HASH_KEY)
    assert [e["event"] for e in broker.published] == [e.type_name for e in (*first, *second)]
    assert {e["sender"] for e in broker.published} == {hashed}
    assert {"event": "user", "intent": "greet"}.items() <= broker.published[3].items()
    slot = next(e for e in broker.published if e["event"] == "slot")
    assert slot.keys() == {"sender", "event", "timestamp", "name"}
    assert slot["name"] == "forget_me_pending"
    published = str(broker.published)
    for words in ("my dad", "cancer", "forget me", "Erase everything", "Hello", "True", "family"):
        assert words not in published


def test_a_turn_is_published_only_after_it_was_saved(
    store: ErasingSQLTrackerStore, broker: Broker, engine: Engine
) -> None:
    counted: list[int] = []
    broker.publish = lambda event: counted.append(events_of(engine, "family"))  # type: ignore[method-assign]

    turn(store, "family", *greeting())

    assert counted == [len(greeting())] * len(greeting())


def test_a_sqlite_file_is_kept_in_write_ahead_log_mode_with_a_busy_timeout(
    store: ErasingSQLTrackerStore, database_url: str
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite only")
    turn(store, "family", *greeting())

    with store.engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(sa.text("PRAGMA busy_timeout")).scalar() == 10_000
        assert connection.execute(sa.text("PRAGMA secure_delete")).scalar() == 1


def test_a_confirmed_erasure_deletes_the_conversation_and_its_referral_instead_of_saving(
    store: ErasingSQLTrackerStore, engine: Engine
) -> None:
    turn(store, "family", *greeting())
    refer(engine, "family")
    turn(store, "family", *asking())
    turn(store, "other", *greeting())
    refer(engine, "other")

    turn(store, "family", *confirming())

    assert events_of(engine, "family") == 0
    with transaction(engine) as session:
        assert referrals_for_sender(session, "family") == []
        assert len(referrals_for_sender(session, "other")) == 1
    assert events_of(engine, "other") == len(greeting())
    assert asyncio.run(store.retrieve("family")) is None


def test_after_erasure_the_next_message_starts_a_new_empty_conversation(
    store: ErasingSQLTrackerStore, engine: Engine
) -> None:
    turn(store, "family", *greeting(), *asking())
    turn(store, "family", *confirming())

    again = greeting()
    turn(store, "family", *again)

    tracker = asyncio.run(store.retrieve_full_tracker("family"))
    assert tracker is not None
    assert [e.as_dict() for e in tracker.events] == [e.as_dict() for e in again]
    assert tracker.get_slot("forget_me_pending") is None
    assert events_of(engine, "family") == len(greeting())


def test_asking_without_confirming_erases_nothing(
    store: ErasingSQLTrackerStore, engine: Engine
) -> None:
    turn(store, "family", *greeting(), *asking())
    turn(
        store,
        "family",
        UserUttered("no", {"name": "deny", "confidence": 1.0}),
        ActionExecuted("action_forget_me"),
        SlotSet("forget_me_pending", False),
        ActionExecuted("action_listen"),
    )

    assert events_of(engine, "family") == len(greeting()) + len(asking()) + 4


def test_an_erasure_already_stored_does_not_erase_again(
    store: ErasingSQLTrackerStore, engine: Engine, database_url: str
) -> None:
    plain = SQLTrackerStore(domain=DOMAIN, **store_kwargs(database_url))
    turn(plain, "family", *greeting(), *confirming())

    turn(store, "family", ActionExecuted("action_listen"))

    assert events_of(engine, "family") == len(greeting()) + len(confirming()) + 1
    plain.engine.dispose()


def test_the_event_broker_hears_only_that_the_conversation_was_erased(
    store: ErasingSQLTrackerStore, broker: Broker
) -> None:
    turn(store, "family", *greeting(), *asking())
    broker.published.clear()

    turn(store, "family", *confirming())

    assert [(e["sender"], e["event"]) for e in broker.published] == [
        (keyed_hash("family", DEVELOPMENT_SENDER_HASH_KEY), "conversation_erased")
    ]
    assert "yes" not in str(broker.published)


@contextmanager
def refusing(engine: Engine, operation: str, table: str) -> Iterator[None]:
    """A trigger that makes every `operation` (INSERT, DELETE) on `table` fail."""
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql(
                f"CREATE TRIGGER refuse BEFORE {operation} ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        else:
            connection.exec_driver_sql(
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'refused'; END $$"
            )
            connection.exec_driver_sql(
                f"CREATE TRIGGER refuse BEFORE {operation} ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION refuse()"
            )
    try:
        yield
    finally:
        with engine.begin() as connection:
            if engine.dialect.name == "sqlite":
                connection.exec_driver_sql("DROP TRIGGER IF EXISTS refuse")
            else:
                connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS refuse ON {table}")
                connection.exec_driver_sql("DROP FUNCTION IF EXISTS refuse()")


def watched_turn(store: SQLTrackerStore, sender: str, *events: Event) -> TurnOutcome:
    """`turn`, as a channel watching whether it was saved runs it."""
    outcome: list[TurnOutcome] = []

    async def run() -> None:
        outcome.append(watch_turn())
        tracker = await store.get_or_create_tracker(sender, append_action_listen=False)
        for event in events:
            tracker.update(event, DOMAIN)
        await store.save(tracker)

    asyncio.run(run())
    return outcome[0]


def test_a_failed_erasure_deletes_nothing_and_is_reported_then_a_retry_erases(
    store: ErasingSQLTrackerStore,
    engine: Engine,
    broker: Broker,
    caplog: pytest.LogCaptureFixture,
) -> None:
    turn(store, "family", *greeting())
    refer(engine, "family")
    turn(store, "family", *asking())
    before = events_of(engine, "family")
    broker.published.clear()

    # Referrals are deleted after the events: the events' deletion must be rolled back.
    with refusing(engine, "DELETE", "referrals"):
        failed = watched_turn(store, "family", *confirming())

    assert failed.failure is Failure.ERASURE
    assert events_of(engine, "family") == before
    with transaction(engine) as session:
        assert len(referrals_for_sender(session, "family")) == 1
    assert broker.published == []
    assert "Could not erase conversation h:" in caplog.text
    for words in ("family", "refused", "yes", "my dad"):
        assert words not in caplog.text

    retried = watched_turn(store, "family", *confirming())

    assert retried.failure is None
    assert events_of(engine, "family") == 0
    with transaction(engine) as session:
        assert referrals_for_sender(session, "family") == []


def test_a_failed_save_writes_nothing_and_is_reported_without_its_words(
    store: ErasingSQLTrackerStore, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    turn(store, "family", *greeting())

    with refusing(engine, "INSERT", "events"):
        outcome = watched_turn(store, "family", *asking())

    assert outcome.failure is Failure.SAVE
    assert events_of(engine, "family") == len(greeting())
    assert "Could not save conversation h:" in caplog.text
    assert "forget me" not in caplog.text
    assert "family" not in caplog.text


def test_deleting_rows_from_an_action_would_not_erase_with_rasas_own_store(
    database_url: str, engine: Engine
) -> None:
    """Why erasure lives in the tracker store: Rasa's save() writes the deleted history back."""
    plain = SQLTrackerStore(domain=DOMAIN, **store_kwargs(database_url))

    async def a_turn_whose_action_deletes_the_rows() -> None:
        tracker = await plain.get_or_create_tracker("family", append_action_listen=False)
        for event in asking():
            tracker.update(event, DOMAIN)
        with engine.begin() as connection:
            connection.execute(sa.text("DELETE FROM events WHERE sender_id = 'family'"))
        await plain.save(tracker)

    turn(plain, "family", *greeting())
    asyncio.run(a_turn_whose_action_deletes_the_rows())

    with engine.connect() as connection:
        texts = connection.execute(
            sa.text("SELECT data FROM events WHERE sender_id = 'family' AND type_name = 'user'")
        ).scalars()
        stored = " ".join(texts)
    assert "my dad is 68 and has cancer" in stored
    assert "forget me" in stored
    plain.engine.dispose()


def test_referrals_in_another_database_are_refused_in_production(
    database_url: str, engine: Engine, tmp_path: object
) -> None:
    elsewhere = Settings(
        database_url=f"sqlite:///{tmp_path}/elsewhere.db",
        environment="production",
        sender_hash_key=PRODUCTION_KEY,
    )

    with pytest.raises(SettingsError, match="DATABASE_URL must name the tracker store's database"):
        ErasingSQLTrackerStore(domain=DOMAIN, settings=elsewhere, **store_kwargs(database_url))


def test_production_refuses_to_start_without_a_sender_hash_key(
    database_url: str, engine: Engine
) -> None:
    production = Settings(database_url=database_url, environment="production")

    with pytest.raises(SettingsError, match="SENDER_HASH_KEY must be set"):
        ErasingSQLTrackerStore(domain=DOMAIN, settings=production, **store_kwargs(database_url))


def test_referrals_in_another_database_are_only_warned_about_in_development(
    database_url: str, engine: Engine, tmp_path: object, caplog: pytest.LogCaptureFixture
) -> None:
    elsewhere = Settings(database_url=f"sqlite:///{tmp_path}/elsewhere.db")

    store = ErasingSQLTrackerStore(domain=DOMAIN, settings=elsewhere, **store_kwargs(database_url))

    assert "DATABASE_URL must name the tracker store's database" in caplog.text
    store.engine.dispose()


def test_a_relative_sqlite_path_names_the_same_file_as_database_url(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.chdir(tmp_path)
    production = Settings(
        database_url=f"sqlite:///{tmp_path}/rasa.db",
        environment="production",
        sender_hash_key=PRODUCTION_KEY,
    )

    store = ErasingSQLTrackerStore(
        domain=DOMAIN, settings=production, dialect="sqlite", db="rasa.db"
    )

    assert "DATABASE_URL" not in caplog.text
    store.engine.dispose()


def test_rasa_loads_the_store_by_module_path_from_endpoints(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rasa.core.tracker_store import TrackerStore
    from rasa.utils.endpoints import read_endpoint_config

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///rasa.db")
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        "tracker_store:\n"
        "  type: bot.storage.tracker_store.ErasingSQLTrackerStore\n"
        "  dialect: sqlite\n"
        "  db: rasa.db\n"
    )

    store = TrackerStore.create(read_endpoint_config(str(endpoints), "tracker_store"), DOMAIN)

    assert isinstance(store, ErasingSQLTrackerStore)
    assert store.engine.url.database == "rasa.db"
    store.engine.dispose()


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("postgresql://u@db/cr", "postgresql://u:pw@db:5432/cr", True),
        ("postgresql://u@db/cr", "postgresql+psycopg2://other@db/cr", True),
        ("postgresql://u@db/cr", "postgresql://u@db/other", False),
        ("postgresql://u@db/cr", "postgresql://u@db:6543/cr", False),
        ("sqlite:///rasa.db", "postgresql://u@db/rasa.db", False),
    ],
)
def test_the_same_database_whatever_the_driver_user_or_default_port(
    first: str, second: str, same: bool
) -> None:
    from bot.storage.tracker_store import _same_database

    assert _same_database(sa.engine.make_url(first), sa.engine.make_url(second)) is same
