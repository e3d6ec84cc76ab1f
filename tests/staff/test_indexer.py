"""The conversation index follows `events` incrementally, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import json
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.staff import indexer
from bot.staff.indexer import rebuild, reindex, sync
from bot.staff.review import add_tag, tags_of
from bot.storage import transaction
from bot.storage.schema import (
    rasa_events,
    staff_conversation_terms,
    staff_conversation_text,
    staff_conversations,
)

from .conftest import NOW
from .seed import Plan, continue_conversation, recorded


def summaries(engine: Engine) -> dict[str, dict[str, object]]:
    with engine.connect() as connection:
        rows = connection.execute(sa.select(staff_conversations)).mappings()
        return {row["sender_id"]: dict(row) for row in rows}


def max_event_id(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.max(rasa_events.c.id))).scalar_one())


def insert_user_event(engine: Engine, sender_id: str, event_id: int) -> None:
    """A family message row exactly as Rasa stores it, with a chosen id."""
    row = next(r for r in recorded()["conversations"]["questions"] if r["type_name"] == "user")
    data = copy.deepcopy(row["data"])
    data["timestamp"] = NOW.timestamp()
    with engine.begin() as connection:
        connection.execute(
            sa.insert(rasa_events).values(
                id=event_id,
                sender_id=sender_id,
                type_name="user",
                timestamp=data["timestamp"],
                intent_name=row["intent_name"],
                action_name=None,
                data=json.dumps(data),
            )
        )


def test_a_sync_indexes_every_conversation_once(
    engine: Engine, families: dict[str, int | None]
) -> None:
    with transaction(engine) as session:
        first = sync(session)
    with transaction(engine) as session:
        again = sync(session)

    assert first.conversations == 5
    assert first.events == sum(len(rows) for rows in recorded()["conversations"].values())
    assert first.watermark == max_event_id(engine)
    assert first.caught_up
    assert (again.events, again.conversations, again.watermark) == (0, 0, first.watermark)
    assert set(summaries(engine)) == set(families)


def test_new_events_update_only_their_conversation(
    database_url: str, engine: Engine, families: dict[str, int | None]
) -> None:
    with transaction(engine) as session:
        sync(session)
    before = summaries(engine)

    continue_conversation(
        database_url,
        Plan("questions", "family-questions", NOW),
        Plan("deadline", "family-questions", NOW + timedelta(minutes=5)),
    )
    with transaction(engine) as session:
        report = sync(session)

    after = summaries(engine)
    assert report.conversations == 1
    assert after["family-questions"]["user_message_count"] == 5 + 3
    assert after["family-questions"]["last_intent"] == "goodbye"
    assert after["family-questions"]["last_at"] > before["family-questions"]["last_at"]
    assert {k: v for k, v in after.items() if k != "family-questions"} == {
        k: v for k, v in before.items() if k != "family-questions"
    }


def test_small_batches_end_where_one_big_sync_ends(
    engine: Engine, families: dict[str, int | None]
) -> None:
    rounds = 0
    while True:
        rounds += 1
        with transaction(engine) as session:
            if sync(session, max_events=40).caught_up:
                break
    batched = summaries(engine)
    with transaction(engine) as session:
        rebuild(session)
        sync(session)

    assert rounds > 5
    assert batched == summaries(engine)


def test_an_event_committed_late_below_the_watermark_is_still_indexed(
    engine: Engine, families: dict[str, int | None]
) -> None:
    top = max_event_id(engine)
    insert_user_event(engine, "family-ahead", top + 50)
    with transaction(engine) as session:
        assert sync(session).watermark == top + 50

    # A turn that got its id earlier but committed after the sync above.
    insert_user_event(engine, "family-late", top + 10)
    with transaction(engine) as session:
        report = sync(session)

    assert report.events == 0
    assert "family-late" in summaries(engine)


def test_a_sync_with_nothing_new_reads_no_conversations_events(
    engine: Engine, families: dict[str, int | None]
) -> None:
    with transaction(engine) as session:
        sync(session)
    statements: list[str] = []
    sa.event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))

    with transaction(engine) as session:
        report = sync(session)

    assert report.conversations == 0
    scans = [s for s in statements if "FROM events" in s and "sender_id IN" in s]
    assert scans == []


def test_a_conversation_erased_while_it_was_being_indexed_leaves_nothing(
    engine: Engine, families: dict[str, int | None]
) -> None:
    with transaction(engine) as session:
        sync(session)
    with engine.begin() as connection:
        connection.execute(
            sa.delete(rasa_events).where(rasa_events.c.sender_id == "family-fallback")
        )

    with transaction(engine) as session:
        reindex(session, {"family-fallback", "family-state"})

    assert "family-fallback" not in summaries(engine)
    assert "family-state" in summaries(engine)
    with engine.connect() as connection:
        for table in (staff_conversation_terms, staff_conversation_text):
            left = connection.execute(
                sa.select(sa.func.count())
                .select_from(table)
                .where(table.c.sender_id == "family-fallback")
            ).scalar_one()
            assert left == 0


def test_a_rebuild_keeps_the_staffs_work(engine: Engine, families: dict[str, int | None]) -> None:
    with transaction(engine) as session:
        sync(session)
        add_tag(session, "family-state", "state case", "ada")
    with transaction(engine) as session:
        rebuild(session)
    assert summaries(engine) == {}

    with transaction(engine) as session:
        sync(session)
        assert tags_of(session, "family-state") == ["state case"]
    assert set(summaries(engine)) == set(families)


def test_try_sync_gives_way_to_a_sync_already_running(engine: Engine) -> None:
    with indexer._running, transaction(engine) as session:
        assert indexer.try_sync(session) is None
    with transaction(engine) as session:
        assert indexer.try_sync(session) is not None
