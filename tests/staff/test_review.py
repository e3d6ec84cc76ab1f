"""Tags, notes, review marks and flags on a conversation."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.staff.review import (
    ReviewError,
    add_note,
    add_tag,
    clean_tag,
    clear_review,
    corrections,
    flag_message,
    flags_of,
    known_tags,
    mark_reviewed,
    notes_of,
    remove_tag,
    review_of,
    tags_of,
    unflag,
)
from bot.storage import transaction
from bot.storage.schema import rasa_events


def message_ids(engine: Engine, sender_id: str) -> dict[str, int]:
    from bot.staff.events import read_data

    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(rasa_events.c.id, rasa_events.c.data).where(
                rasa_events.c.sender_id == sender_id, rasa_events.c.type_name == "user"
            )
        )
        return {read_data(data)["text"]: event_id for event_id, data in rows}


def test_tags_are_normalised_kept_once_and_removable(
    engine: Engine, families: dict[str, int | None]
) -> None:
    with transaction(engine) as session:
        assert add_tag(session, "family-state", "  State   Case ", "ada")
        assert not add_tag(session, "family-state", "state case", "rita")
        add_tag(session, "family-state", "ohio", "ada")
        add_tag(session, "family-deadline", "follow-up", "ada")
        assert tags_of(session, "family-state") == ["ohio", "state case"]
        remove_tag(session, "family-state", "ohio")
        assert tags_of(session, "family-state") == ["state case"]
        assert known_tags(session) == ["follow-up", "state case"]
    with pytest.raises(ReviewError):
        clean_tag("<script>")


def test_notes_keep_their_author_and_order(engine: Engine, families: dict[str, int | None]) -> None:
    referral_id = families["family-screening_referral"]
    with transaction(engine) as session:
        add_note(session, "family-screening_referral", "Called the daughter.", "rita")
        add_note(
            session,
            "family-screening_referral",
            "  Sent the form. ",
            "ada",
            referral_id=referral_id,
        )
        notes = notes_of(session, "family-screening_referral")
        on_referral = notes_of(session, referral_id=referral_id)

    assert [(n.author, n.body) for n in notes] == [
        ("rita", "Called the daughter."),
        ("ada", "Sent the form."),
    ]
    assert [n.body for n in on_referral] == ["Sent the form."]
    with pytest.raises(ReviewError, match="Write something"), transaction(engine) as session:
        add_note(session, "family-state", "   ", "ada")
    with pytest.raises(ReviewError, match="at most 5000"), transaction(engine) as session:
        add_note(session, "family-state", "x" * 5001, "ada")


def test_reviewed_and_not(engine: Engine, families: dict[str, int | None]) -> None:
    with transaction(engine) as session:
        mark_reviewed(session, "family-state", "ada")
        mark_reviewed(session, "family-state", "rita")
        review = review_of(session, "family-state")
        assert review is not None
        assert review.reviewed_by == "rita"
        clear_review(session, "family-state")
        assert review_of(session, "family-state") is None


def test_a_flag_with_a_corrected_intent_becomes_a_training_example(
    engine: Engine, families: dict[str, int | None]
) -> None:
    ids = message_ids(engine, "family-fallback")
    with transaction(engine) as session:
        flag_message(
            session,
            "family-fallback",
            ids["ugh frobnicate the quux"],
            "rita",
            corrected_intent="out_of_scope",
            reason="not an FAQ",
        )
        flag_message(
            session, "family-fallback", ids["hello"], "rita", corrected_intent=None, reason=""
        )
        # Flagging the same message again replaces the flag.
        flag_message(
            session,
            "family-fallback",
            ids["ugh frobnicate the quux"],
            "ada",
            corrected_intent="out_of_scope",
            reason=None,
        )
        flags = flags_of(session, "family-fallback")
        examples = corrections(session)

    assert set(flags) == {ids["ugh frobnicate the quux"], ids["hello"]}
    assert flags[ids["ugh frobnicate the quux"]].created_by == "ada"
    assert examples == [("out_of_scope", "ugh frobnicate the quux")]
    with transaction(engine) as session:
        unflag(session, "family-fallback", ids["hello"])
        assert set(flags_of(session, "family-fallback")) == {ids["ugh frobnicate the quux"]}


def test_only_a_family_message_of_the_conversation_can_be_flagged(
    engine: Engine, families: dict[str, int | None]
) -> None:
    other = message_ids(engine, "family-state")["hi there"]
    with engine.connect() as connection:
        bot_event = connection.execute(
            sa.select(sa.func.min(rasa_events.c.id)).where(rasa_events.c.type_name == "bot")
        ).scalar_one()
    for event_id in (other, bot_event, 999_999_999):
        with pytest.raises(ReviewError, match="Only a family message"), transaction(engine) as s:
            flag_message(s, "family-fallback", event_id, "ada", corrected_intent=None, reason=None)
