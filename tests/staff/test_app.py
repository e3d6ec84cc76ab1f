"""The app as a whole: security headers, friendly errors, a database that is not migrated."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.settings import Settings
from bot.staff import create_app
from bot.staff.accounts import create_user
from bot.staff.database import ENGINE_KEY, SchemaError
from bot.storage import transaction
from bot.storage.schema import StaffRole

from .conftest import PASSWORD, Staff


def test_pages_are_not_cached_framed_or_given_other_scripts(reviewer: Staff) -> None:
    page = reviewer.get("/conversations/")

    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]


def test_the_home_page_is_the_conversation_list(reviewer: Staff, staff: Staff) -> None:
    assert reviewer.get("/").headers["Location"] == "/conversations/"
    assert staff.get("/").headers["Location"].startswith("/login")


def test_the_stylesheet_is_public_for_the_sign_in_page(staff: Staff) -> None:
    assert staff.get("/static/console.css").status_code == 200


def test_errors_are_friendly_pages(reviewer: Staff) -> None:
    missing = reviewer.get("/nothing-here")
    wrong_method = reviewer.client.put("/conversations/")

    assert missing.status_code == 404
    assert "There is nothing here" in missing.get_data(as_text=True)
    assert wrong_method.status_code == 405


def test_the_console_refuses_to_start_on_a_database_that_is_not_migrated(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match=r"python -m bot\.storage upgrade"):
        create_app(Settings(database_url=f"sqlite:///{tmp_path / 'empty.db'}"))


def test_in_production_sign_in_works_over_https_with_a_secure_cookie(
    database_url: str, engine: Engine
) -> None:
    with transaction(engine) as session:
        create_user(session, "ada", PASSWORD, StaffRole.ADMIN)
    settings = Settings(
        database_url=database_url,
        environment="production",
        staff_secret_key="s" * 40,
        sender_hash_key="h" * 40,
    )
    app = create_app(settings)
    staff = Staff(app.test_client())
    staff.client.environ_base["wsgi.url_scheme"] = "https"

    page = staff.get("/login", base_url="https://console.test")
    signed_in = staff.post(
        "/login",
        {"username": "ada", "password": PASSWORD},
        base_url="https://console.test",
        headers={"Referer": "https://console.test/login"},
    )
    cross_site = staff.post(
        "/login",
        {"username": "ada", "password": PASSWORD},
        base_url="https://console.test",
        headers={"Referer": "https://evil.test/"},
    )

    assert page.headers["Referrer-Policy"] == "same-origin"
    assert signed_in.status_code == 302
    assert "Secure" in signed_in.headers["Set-Cookie"]
    assert cross_site.status_code == 400
    app.extensions[ENGINE_KEY].dispose()
