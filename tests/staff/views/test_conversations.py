"""The conversation list and transcript pages, and staff's review actions, over HTTP."""

from __future__ import annotations

import json
import logging
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.staff import review
from bot.staff.audit import recent
from bot.storage import count_events, referrals_for_sender, transaction
from bot.storage.pseudonyms import sender_hash
from bot.storage.schema import rasa_events, staff_tags

from ..conftest import NOW, Staff
from ..seed import Plan, seed

SECRET = "my father has stage 4 pancreatic cancer"


def message_id(engine: Engine, sender_id: str, text: str) -> int:
    with engine.connect() as connection:
        for event_id, data in connection.execute(
            sa.select(rasa_events.c.id, rasa_events.c.data).where(
                rasa_events.c.sender_id == sender_id, rasa_events.c.type_name == "user"
            )
        ):
            if json.loads(data)["text"] == text:
                return int(event_id)
    raise AssertionError(f"no message {text!r}")


def rows_of_list(html: str) -> list[str]:
    return re.findall(r"/conversations/view/([^\"]+)\"", html)


def test_the_list_shows_every_channels_conversations_newest_first(
    reviewer: Staff, families: dict[str, int | None]
) -> None:
    page = reviewer.get("/conversations/")
    html = page.get_data(as_text=True)

    assert page.status_code == 200
    assert rows_of_list(html) == [
        "family-questions",
        "family-deadline",
        "family-screening_referral",
        "family-state",
        "family-fallback",
    ]
    assert "telegram" in html
    assert "Federal: court motion (3582)" in html
    assert "my son is in a state prison in ohio" not in html  # openings only: "hi there"


def test_filters_from_the_query_string(reviewer: Staff, families: dict[str, int | None]) -> None:
    html = reviewer.get("/conversations/?fallback=yes&below=0.7&channel=rest").get_data(
        as_text=True
    )

    assert rows_of_list(html) == ["family-screening_referral", "family-fallback"]
    assert 'value="0.7"' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [("below=2", "between 0 and 1"), ("after=garbage", "page link is broken")],
)
def test_a_bad_filter_is_explained_and_the_list_still_shows(
    reviewer: Staff, families: dict[str, int | None], query: str, message: str
) -> None:
    page = reviewer.get(f"/conversations/?{query}")

    assert page.status_code == 400
    assert message in page.get_data(as_text=True)
    assert len(rows_of_list(page.get_data(as_text=True))) == 5


def test_new_conversations_appear_without_any_command(
    database_url: str, reviewer: Staff, families: dict[str, int | None]
) -> None:
    reviewer.get("/conversations/")
    seed(database_url, [Plan("state", "family-new", NOW + timedelta(minutes=1), "telegram")])

    assert rows_of_list(reviewer.get("/conversations/").get_data(as_text=True))[0] == "family-new"


def test_more_than_a_page_links_to_older_and_back(
    database_url: str, reviewer: Staff, engine: Engine
) -> None:
    seed(
        database_url,
        [Plan("state", f"family-{n:02d}", NOW - timedelta(minutes=n)) for n in range(51)],
    )

    first = reviewer.get("/conversations/?channel=rest").get_data(as_text=True)
    older = re.search(r'href="(/conversations/\?after=[^"]+)" rel="next"', first)
    assert older is not None
    second = reviewer.get(older.group(1).replace("&amp;", "&")).get_data(as_text=True)
    newer = re.search(r'href="(/conversations/\?before=[^"]+)" rel="prev"', second)
    assert newer is not None

    assert len(rows_of_list(first)) == 50
    assert rows_of_list(second) == ["family-50"]
    assert "channel=rest" in older.group(1)
    assert rows_of_list(
        reviewer.get(newer.group(1).replace("&amp;", "&")).get_data(as_text=True)
    ) == rows_of_list(first)


def test_the_transcript_shows_what_the_assistant_understood_and_did(
    reviewer: Staff, engine: Engine, families: dict[str, int | None]
) -> None:
    page = reviewer.get("/conversations/view/family-screening_referral")
    html = page.get_data(as_text=True)

    assert page.status_code == 200
    assert "could my dad qualify?" in html
    assert "<code>check_eligibility</code>" in html
    assert "<code>RELATIONSHIP</code> = “dad”" in html
    assert "Slots at this point" in html
    assert "<code>action_record_referral</code>" in html
    assert "The engine's assessment <span" in html
    assert "Unusually long sentence" in html
    assert f"Referral #{families['family-screening_referral']}" in html
    assert "Time served so far: 16 years (192 months)" in html
    with transaction(engine) as session:
        (entry,) = recent(session, action="view_conversation")
    assert (entry.actor, entry.target) == ("rita", sender_hash("family-screening_referral"))


def test_family_text_and_ids_are_escaped_everywhere(
    database_url: str, reviewer: Staff, engine: Engine
) -> None:
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    sender = "<b>family</b>"
    seed(database_url, [Plan("questions", sender, NOW, texts=(("hi", attack),))])
    reviewer.get("/conversations/")
    reviewer.post("/conversations/note", {"sender_id": sender, "body": attack})

    for url in ("/conversations/", "/conversations/view/%3Cb%3Efamily%3C/b%3E"):
        html = reviewer.get(url).get_data(as_text=True)
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "<b>family</b>" not in html
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_tags_notes_and_the_review_mark(
    reviewer: Staff, engine: Engine, families: dict[str, int | None]
) -> None:
    sender = {"sender_id": "family-state"}
    reviewer.get("/conversations/view/family-state")

    assert reviewer.post("/conversations/tag", {**sender, "tag": "State case"}).status_code == 302
    reviewer.post("/conversations/tag", {**sender, "tag": "Ohio"})
    reviewer.post("/conversations/untag", {**sender, "tag": "ohio"})
    refused = reviewer.post("/conversations/tag", {**sender, "tag": "<b>"}, follow_redirects=True)
    reviewer.post("/conversations/note", {**sender, "body": "Pointed them to FAMM."})
    reviewer.post("/conversations/review", {**sender, "reviewed": "yes"})

    assert "A tag is 1 to 64" in refused.get_data(as_text=True)
    html = reviewer.get("/conversations/view/family-state").get_data(as_text=True)
    assert '<span class="tag">state case</span>' in html
    assert "ohio</span>" not in html
    assert "Pointed them to FAMM." in html
    assert "Reviewed by rita" in html
    listing = reviewer.get("/conversations/?review=reviewed&tag=state+case").get_data(as_text=True)
    assert rows_of_list(listing) == ["family-state"]
    reviewer.post("/conversations/review", {**sender, "reviewed": "no"})
    assert (
        rows_of_list(reviewer.get("/conversations/?review=reviewed").get_data(as_text=True)) == []
    )
    with transaction(engine) as session:
        actions = [e.action for e in recent(session, actor="rita")]
    assert actions.count("tag") == 3
    assert "note" in actions
    assert actions.count("review") == 2


def test_flagging_a_misunderstood_message_with_its_correct_intent(
    reviewer: Staff, engine: Engine, families: dict[str, int | None]
) -> None:
    event = message_id(engine, "family-fallback", "ugh frobnicate the quux")
    form = {"sender_id": "family-fallback", "event_id": str(event)}
    reviewer.get("/conversations/view/family-fallback")

    bad = reviewer.post(
        "/conversations/flag", {**form, "corrected_intent": "made_up"}, follow_redirects=True
    )
    other = reviewer.post(
        "/conversations/flag",
        {"sender_id": "family-state", "event_id": str(event), "corrected_intent": "greet"},
        follow_redirects=True,
    )
    done = reviewer.post(
        "/conversations/flag", {**form, "corrected_intent": "out_of_scope", "reason": "nonsense"}
    )

    assert "Choose the corrected intent from the list" in bad.get_data(as_text=True)
    assert "Only a family message of this conversation" in other.get_data(as_text=True)
    assert done.headers["Location"].endswith(f"#event-{event}")
    html = reviewer.get("/conversations/view/family-fallback").get_data(as_text=True)
    assert "should be <code>out_of_scope</code> — nonsense" in html
    assert rows_of_list(reviewer.get("/conversations/?flagged=yes").get_data(as_text=True)) == [
        "family-fallback"
    ]
    reviewer.post("/conversations/unflag", form)
    assert "Flagged</strong>" not in reviewer.get("/conversations/view/family-fallback").get_data(
        as_text=True
    )


def test_only_admins_erase_and_only_after_typing_the_word(
    reviewer: Staff, admin: Staff, engine: Engine, families: dict[str, int | None]
) -> None:
    sender = "family-screening_referral"
    reviewer.get(f"/conversations/view/{sender}")
    assert (
        reviewer.post("/conversations/erase", {"sender_id": sender, "confirm": "erase"}).status_code
        == 403
    )
    admin.get(f"/conversations/view/{sender}")
    not_confirmed = admin.post(
        "/conversations/erase", {"sender_id": sender, "confirm": "yes"}, follow_redirects=True
    )
    with transaction(engine) as session:
        assert count_events(session, sender) > 0

    erased = admin.post("/conversations/erase", {"sender_id": sender, "confirm": " Erase "})

    assert "Type “erase” to confirm" in not_confirmed.get_data(as_text=True)
    assert erased.headers["Location"] == "/conversations/"
    with transaction(engine) as session:
        assert count_events(session, sender) == 0
        assert referrals_for_sender(session, sender) == []
        (entry,) = recent(session, action="erase")
    assert (entry.actor, entry.target) == ("ada", sender_hash(sender))
    assert entry.detail is not None
    assert "1 referrals" in entry.detail
    assert admin.get(f"/conversations/view/{sender}").status_code == 404
    assert sender not in rows_of_list(admin.get("/conversations/").get_data(as_text=True))


def test_admins_download_a_conversation_for_the_familys_request(
    reviewer: Staff, admin: Staff, engine: Engine, families: dict[str, int | None]
) -> None:
    assert reviewer.get("/conversations/export/family-state").status_code == 403

    response = admin.get("/conversations/export/family-state")

    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_json()
    assert body["sender_id"] == "family-state"
    assert next(e["text"] for e in body["events"] if e["event"] == "user") == "hi there"
    assert admin.get("/conversations/export/nobody").status_code == 404
    with transaction(engine) as session:
        assert [e.target for e in recent(session, action="export_conversation")] == [
            sender_hash("family-state")
        ]


def test_an_unknown_conversation_is_a_friendly_404(reviewer: Staff, engine: Engine) -> None:
    page = reviewer.get("/conversations/view/nobody-at-all")

    assert page.status_code == 404
    assert "There is nothing here. It may have been erased." in page.get_data(as_text=True)


def test_family_words_never_reach_the_application_log(
    database_url: str,
    reviewer: Staff,
    engine: Engine,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seed(database_url, [Plan("questions", "family-private", NOW, texts=(("hi", SECRET),))])
    caplog.set_level(logging.DEBUG)

    reviewer.get("/conversations/?text=pancreatic")
    reviewer.get("/conversations/view/family-private")
    reviewer.post("/conversations/note", {"sender_id": "family-private", "body": SECRET})

    def failing_note(session: Session, *args: object, **kwargs: object) -> int:
        # A database error whose message quotes the row (PostgreSQL: "Failing row contains").
        session.execute(sa.insert(staff_tags).values(sender_id=SECRET, tag=None, created_by="x"))
        return 0

    monkeypatch.setattr(review, "add_note", failing_note)
    failed = reviewer.post("/conversations/note", {"sender_id": "family-private", "body": SECRET})

    assert failed.status_code == 500
    assert "Something went wrong on our side" in failed.get_data(as_text=True)
    assert "Unexpected IntegrityError on POST conversations.note" in caplog.text
    assert "pancreatic" not in caplog.text
