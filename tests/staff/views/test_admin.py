"""Admins only: accounts, the audit log, NLU training data from corrected messages."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from sqlalchemy.engine import Engine

from bot.staff.accounts import find_user
from bot.storage import transaction
from bot.storage.pseudonyms import sender_hash
from bot.storage.schema import StaffRole, rasa_events

from ..conftest import PASSWORD, Staff


@pytest.mark.parametrize("url", ["/admin/users", "/admin/audit", "/admin/export/nlu.yml"])
def test_reviewers_cannot_reach_admin_pages(reviewer: Staff, url: str) -> None:
    page = reviewer.get(url)

    assert page.status_code == 403
    assert "Your account cannot do this" in page.get_data(as_text=True)


def test_reviewers_cannot_change_accounts(reviewer: Staff, engine: Engine) -> None:
    reviewer.post("/admin/users/rita", {"change": "role", "role": "admin"})

    with transaction(engine) as session:
        rita = find_user(session, "rita")
    assert rita is not None
    assert rita.role is StaffRole.REVIEWER


def test_an_admin_creates_an_account_that_can_sign_in(admin: Staff, staff: Staff) -> None:
    admin.get("/admin/users")
    weak = admin.post(
        "/admin/users", {"username": "maria", "role": "reviewer", "password": "short"}
    )
    taken = admin.post(
        "/admin/users", {"username": "rita", "role": "reviewer", "password": PASSWORD}
    )
    made = admin.post("/admin/users", {"username": "Maria", "role": "admin", "password": PASSWORD})

    assert weak.status_code == 400
    assert "at least 12" in weak.get_data(as_text=True)
    assert "already an account called rita" in taken.get_data(as_text=True)
    assert made.status_code == 302
    assert ">maria</th>" in admin.get("/admin/users").get_data(as_text=True)
    assert staff.sign_in("maria").status_code == 302


def test_roles_deactivation_and_the_last_admin(
    admin: Staff, reviewer: Staff, engine: Engine
) -> None:
    admin.get("/admin/users")
    admin.post("/admin/users/rita", {"change": "role", "role": "admin"})
    admin.post("/admin/users/rita", {"change": "deactivate"})
    assert reviewer.get("/conversations/").status_code == 302
    admin.post("/admin/users/rita", {"change": "activate"})
    admin.post("/admin/users/rita", {"change": "role", "role": "reviewer"})
    last = admin.post(
        "/admin/users/ada", {"change": "role", "role": "reviewer"}, follow_redirects=True
    )
    admin.get("/admin/users")
    alone = admin.post("/admin/users/ada", {"change": "deactivate"}, follow_redirects=True)

    assert "Keep at least one active admin" in last.get_data(as_text=True)
    assert "Keep at least one active admin" in alone.get_data(as_text=True)
    with transaction(engine) as session:
        rita, ada = find_user(session, "rita"), find_user(session, "ada")
    assert rita is not None
    assert ada is not None
    assert (rita.role, rita.active) == (StaffRole.REVIEWER, True)
    assert (ada.role, ada.active) == (StaffRole.ADMIN, True)
    assert admin.post("/admin/users/nobody", {"change": "activate"}).status_code == 404
    assert admin.post("/admin/users/rita", {"change": "explode"}).status_code == 400


def test_an_admin_sets_a_new_password(admin: Staff, staff: Staff) -> None:
    admin.get("/admin/users")
    short = admin.post(
        "/admin/users/rita", {"change": "password", "password": "short"}, follow_redirects=True
    )
    admin.post("/admin/users/rita", {"change": "password", "password": "a fresh passphrase here"})

    assert "at least 12" in short.get_data(as_text=True)
    assert staff.sign_in("rita", "a fresh passphrase here").status_code == 302


def test_the_audit_log_lists_who_did_what_never_message_text(
    admin: Staff, reviewer: Staff, families: dict[str, int | None]
) -> None:
    reviewer.get("/conversations/view/family-state")
    reviewer.post("/conversations/note", {"sender_id": "family-state", "body": "private words"})

    html = admin.get("/admin/audit").get_data(as_text=True)
    only_notes = admin.get("/admin/audit?action=note").get_data(as_text=True)
    of_the_conversation = admin.get("/admin/audit?target=family-state").get_data(as_text=True)

    assert "<td>view_conversation</td>" in html
    # A conversation is named by its keyed hash; staff find its lines by its id.
    assert f"<code>{sender_hash('family-state')}</code>" in html
    assert "family-state" not in html
    assert "<td>rita</td><td>note</td>" in of_the_conversation
    assert "<td>view_conversation</td>" in of_the_conversation
    assert "private words" not in html
    assert "<td>view_conversation</td>" not in only_notes
    assert "<td>rita</td><td>note</td>" in only_notes


def test_corrected_messages_download_as_training_data_rasa_reads(
    admin: Staff, engine: Engine, families: dict[str, int | None]
) -> None:
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(rasa_events.c.id, rasa_events.c.data).where(
                rasa_events.c.sender_id == "family-fallback", rasa_events.c.type_name == "user"
            )
        ).all()
    event = next(i for i, data in rows if json.loads(data)["text"] == "ugh frobnicate the quux")
    admin.get("/conversations/view/family-fallback")
    admin.post(
        "/conversations/flag",
        {
            "sender_id": "family-fallback",
            "event_id": str(event),
            "corrected_intent": "out_of_scope",
        },
    )

    download = admin.get("/admin/export/nlu.yml")

    assert download.status_code == 200
    assert "attachment" in download.headers["Content-Disposition"]
    (example,) = RasaYAMLReader().reads(download.get_data(as_text=True)).training_examples
    assert (example.get("intent"), example.get("text")) == (
        "out_of_scope",
        "ugh frobnicate the quux",
    )
    assert "export_nlu" in admin.get("/admin/audit").get_data(as_text=True)
