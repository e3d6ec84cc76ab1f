"""Erasing a conversation (forget me, an admin, retention) also removes every staff row about it."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.staff.audit import recent, record
from bot.staff.indexer import sync
from bot.staff.review import add_note, add_tag, flag_message, mark_reviewed
from bot.storage import Erasure, erase_conversation, transaction
from bot.storage.pseudonyms import sender_hash
from bot.storage.schema import CONVERSATION_STAFF_TABLES, rasa_events


def staff_rows(engine: Engine, sender_id: str) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table.name: connection.execute(
                sa.select(sa.func.count()).select_from(table).where(table.c.sender_id == sender_id)
            ).scalar_one()
            for table in CONVERSATION_STAFF_TABLES
        }


def test_erasure_removes_the_index_tags_notes_flags_and_review(
    engine: Engine, families: dict[str, int | None]
) -> None:
    sender = "family-screening_referral"
    with transaction(engine) as session:
        sync(session)
        message = session.execute(
            sa.select(sa.func.min(rasa_events.c.id)).where(
                rasa_events.c.sender_id == sender, rasa_events.c.type_name == "user"
            )
        ).scalar_one()
        add_tag(session, sender, "urgent", "ada")
        add_note(session, sender, "Called.", "ada")
        add_note(session, sender, "On the referral.", "ada", referral_id=families[sender])
        flag_message(session, sender, message, "ada", corrected_intent="greet", reason=None)
        mark_reviewed(session, sender, "ada")
        record(session, "ada", "view_conversation", sender)
    before = staff_rows(engine, sender)
    assert all(count > 0 for count in before.values()), before

    with transaction(engine) as session:
        erased = erase_conversation(session, sender)

    assert erased == Erasure(events=erased.events, referrals=1, staff_rows=sum(before.values()))
    assert erased.events > 100
    assert set(staff_rows(engine, sender).values()) == {0}
    assert all(count > 0 for count in staff_rows(engine, "family-state").values() if count)
    with transaction(engine) as session:
        # The audit log keeps the record that staff viewed it.
        assert [e.target for e in recent(session, target=sender)] == [sender_hash(sender)]
