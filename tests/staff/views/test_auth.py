"""Signing in and out: hashed passwords, CSRF, rate limits, sessions that expire and end."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy.engine import Engine

from bot.staff.accounts import set_active, set_password
from bot.staff.audit import recent
from bot.staff.config import SESSION_COOKIE_NAME
from bot.staff.security import SIGNED_IN_AT
from bot.storage import transaction

from ..conftest import PASSWORD, Staff


def test_every_page_and_endpoint_sends_strangers_to_sign_in(app: Flask, staff: Staff) -> None:
    staff.get("/login")
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ("auth.login", "static"):
            continue
        url = rule.build(
            {arg: "1" if arg == "referral_id" else "x" for arg in rule.arguments},
            append_unknown=False,
        )[1]
        for method in ("GET", "POST") if rule.methods else ():
            if method not in (rule.methods or ()):
                continue
            response = staff.get(url) if method == "GET" else staff.post(url, {"sender_id": "x"})
            assert response.status_code == 302, (method, url)
            assert response.headers["Location"].startswith("/login"), (method, url)
            checked += 1
    assert checked >= 20


def test_signing_in_opens_the_console_with_a_safe_session_cookie(staff: Staff) -> None:
    staff.get("/login")
    response = staff.post("/login?next=/referrals/", {"username": "Ada", "password": PASSWORD})

    assert response.status_code == 302
    assert response.headers["Location"] == "/referrals/"
    cookie = response.headers["Set-Cookie"]
    assert "cr_staff_session=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Expires=" in cookie
    assert staff.get("/conversations/").status_code == 200


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil"])
def test_after_sign_in_only_pages_of_the_console_are_followed(staff: Staff, target: str) -> None:
    staff.get("/login")
    response = staff.post(f"/login?next={target}", {"username": "ada", "password": PASSWORD})

    assert response.headers["Location"] == "/conversations/"


def test_a_wrong_password_is_refused_and_logged_without_what_was_typed(
    staff: Staff, engine: Engine
) -> None:
    staff.get("/login")
    response = staff.post("/login", {"username": "ada", "password": "not-the-password-123"})

    assert response.status_code == 401
    assert "do not match an active account" in response.get_data(as_text=True)
    assert staff.get("/conversations/").status_code == 302
    with transaction(engine) as session:
        (entry,) = recent(session, action="sign_in_failed")
    assert entry.actor is None
    assert entry.detail is None


def test_a_form_without_its_token_is_refused(staff: Staff) -> None:
    response = staff.client.post("/login", data={"username": "ada", "password": PASSWORD})

    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)
    staff.token = "forged"
    assert staff.post("/login", {"username": "ada", "password": PASSWORD}).status_code == 400


def test_five_failures_block_the_username_even_with_the_right_password(staff: Staff) -> None:
    staff.get("/login")
    for _ in range(5):
        assert (
            staff.post("/login", {"username": "ada", "password": "wrong password!"}).status_code
            == 401
        )

    blocked = staff.post("/login", {"username": "ada", "password": PASSWORD})

    assert blocked.status_code == 429
    assert "Too many failed sign-ins. Try again in 15 minutes." in blocked.get_data(as_text=True)
    assert staff.post("/login", {"username": "rita", "password": PASSWORD}).status_code == 302


def test_twenty_failures_from_one_address_block_it(staff: Staff) -> None:
    staff.get("/login")
    for n in range(20):
        staff.post("/login", {"username": f"guess{n}", "password": "wrong password!"})

    blocked = staff.post("/login", {"username": "rita", "password": PASSWORD})

    assert blocked.status_code == 429
    other = staff.client.post  # a different client address
    staff.get("/login")
    response = other(
        "/login",
        data={"csrf_token": staff.token, "username": "rita", "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "192.0.2.44"},
    )
    assert response.status_code == 302


def test_a_session_expires_after_the_idle_lifetime(app: Flask, staff: Staff) -> None:
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(seconds=1)
    staff.sign_in("rita")
    assert staff.get("/conversations/").status_code == 200

    time.sleep(2.1)

    assert staff.get("/conversations/").status_code == 302


def test_a_new_password_or_deactivation_ends_existing_sessions(
    staff: Staff, reviewer: Staff, admin: Staff, engine: Engine
) -> None:
    with transaction(engine) as session:
        set_password(session, "rita", "a brand new passphrase")
    assert reviewer.get("/conversations/").status_code == 302

    with transaction(engine) as session:
        set_active(session, "ada", False)
    assert admin.get("/conversations/").status_code == 302
    staff.get("/login")
    assert staff.post("/login", {"username": "ada", "password": PASSWORD}).status_code == 401


def test_signing_out(reviewer: Staff) -> None:
    response = reviewer.post("/logout")

    assert response.headers["Location"] == "/login"
    assert reviewer.get("/conversations/").status_code == 302


def test_signing_out_ends_the_session_on_the_server_so_a_copied_cookie_no_longer_works(
    app: Flask, reviewer: Staff
) -> None:
    copied = app.test_client()
    cookie = reviewer.client.get_cookie(SESSION_COOKIE_NAME)
    assert cookie is not None
    copied.set_cookie(SESSION_COOKIE_NAME, cookie.value)
    assert copied.get("/conversations/").status_code == 200

    reviewer.post("/logout")

    assert copied.get("/conversations/").status_code == 302


def test_a_session_ends_at_its_absolute_lifetime_however_active(
    app: Flask, reviewer: Staff
) -> None:
    assert reviewer.get("/conversations/").status_code == 200
    lifetime = app.config["STAFF_SESSION_MAX_AGE"].total_seconds()
    with reviewer.client.session_transaction() as session:
        session[SIGNED_IN_AT] = time.time() - lifetime + 60
    assert reviewer.get("/conversations/").status_code == 200

    with reviewer.client.session_transaction() as session:
        session[SIGNED_IN_AT] = time.time() - lifetime - 1

    assert reviewer.get("/conversations/").status_code == 302
    assert reviewer.get("/conversations/").status_code == 302


def test_a_session_that_does_not_say_when_it_signed_in_is_not_trusted(reviewer: Staff) -> None:
    with reviewer.client.session_transaction() as session:
        del session[SIGNED_IN_AT]

    assert reviewer.get("/conversations/").status_code == 302


def test_changing_ones_own_password(reviewer: Staff, staff: Staff) -> None:
    reviewer.get("/account/password")
    wrong = reviewer.post(
        "/account/password",
        {
            "current": "not it at all",
            "new": "a brand new passphrase",
            "confirm": "a brand new passphrase",
        },
    )
    differ = reviewer.post(
        "/account/password",
        {"current": PASSWORD, "new": "a brand new passphrase", "confirm": "something else"},
    )
    done = reviewer.post(
        "/account/password",
        {"current": PASSWORD, "new": "a brand new passphrase", "confirm": "a brand new passphrase"},
    )

    assert wrong.status_code == 400
    assert "not your current password" in wrong.get_data(as_text=True)
    assert differ.status_code == 400
    assert "The two new passwords differ" in differ.get_data(as_text=True)
    assert done.status_code == 302
    assert reviewer.get("/conversations/").status_code == 200
    staff.get("/login")
    assert staff.post("/login", {"username": "rita", "password": PASSWORD}).status_code == 401
    assert (
        staff.post("/login", {"username": "rita", "password": "a brand new passphrase"}).status_code
        == 302
    )
