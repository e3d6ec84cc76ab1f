"""Staff console tests run on SQLite (a temporary file) and on the real PostgreSQL on loopback.

Each database is migrated with our Alembic migrations and holds Rasa's own `events` table,
created by Rasa's SQLTrackerStore as in production. Every row is deleted after each test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.engine import Engine
from werkzeug.test import TestResponse

from bot.devtools.postgres import database_kinds, throwaway_database_url
from bot.settings import Settings
from bot.staff import create_app
from bot.staff.accounts import create_user
from bot.staff.database import ENGINE_KEY, console_engine
from bot.storage import transaction
from bot.storage.migrate import upgrade
from bot.storage.schema import StaffRole, metadata, rasa_events

from .seed import SCRIPTS, Plan, seed, store_for

PASSWORD = "a long staff passphrase"
NOW = datetime.now(timezone.utc).replace(microsecond=0)
_CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


@pytest.fixture(scope="session", params=database_kinds())
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A migrated database holding Rasa's `events` table: SQLite file, then PostgreSQL if it is up."""
    directory = tmp_path_factory.mktemp("staff")
    with throwaway_database_url(request.param, directory, "cr_staff") as url:
        _prepare(url)
        yield url


def _prepare(url: str) -> None:
    store_for(url).engine.dispose()
    upgrade(url)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on the test database; every row is deleted afterwards."""
    engine = console_engine(database_url)
    try:
        yield engine
    finally:
        with engine.begin() as connection:
            for table in reversed(metadata.sorted_tables):
                connection.execute(sa.delete(table))
            connection.execute(sa.delete(rasa_events))
        engine.dispose()


@pytest.fixture
def families(database_url: str, engine: Engine) -> dict[str, int | None]:
    """The five recorded conversations, an hour apart, newest first; two came by Telegram.

    Sender ids are "family-<script>"; returns each one's referral id.
    """
    return seed(
        database_url,
        [
            Plan(
                script,
                f"family-{script}",
                NOW - timedelta(hours=n),
                "telegram" if n % 2 else "rest",
            )
            for n, script in enumerate(SCRIPTS)
        ],
    )


@pytest.fixture
def app(database_url: str, engine: Engine) -> Iterator[Flask]:
    """The console on the test database, with an admin (ada) and a reviewer (rita)."""
    with transaction(engine) as session:
        create_user(session, "ada", PASSWORD, StaffRole.ADMIN)
        create_user(session, "rita", PASSWORD, StaffRole.REVIEWER)
    app = create_app(Settings(database_url=database_url))
    yield app
    app.extensions[ENGINE_KEY].dispose()


@dataclass
class Staff:
    """A browser-like client: remembers the last page's CSRF token."""

    client: FlaskClient
    token: str | None = None

    def get(self, url: str, **kwargs: Any) -> TestResponse:
        response = self.client.get(url, **kwargs)
        found = _CSRF.search(response.get_data(as_text=True))
        if found:
            self.token = found.group(1)
        return response

    def post(self, url: str, data: dict[str, str] | None = None, **kwargs: Any) -> TestResponse:
        if self.token is None:
            self.get("/login")
        return self.client.post(
            url, data={"csrf_token": self.token or "", **(data or {})}, **kwargs
        )

    def sign_in(self, username: str, password: str = PASSWORD) -> TestResponse:
        self.get("/login")
        response = self.post("/login", {"username": username, "password": password})
        self.get("/conversations/")
        return response


@pytest.fixture
def staff(app: Flask) -> Staff:
    """A client not signed in yet."""
    return Staff(app.test_client())


@pytest.fixture
def admin(app: Flask) -> Staff:
    """ada, signed in."""
    signed_in = Staff(app.test_client())
    response = signed_in.sign_in("ada")
    assert response.status_code == 302
    return signed_in


@pytest.fixture
def reviewer(app: Flask) -> Staff:
    """rita, signed in."""
    signed_in = Staff(app.test_client())
    response = signed_in.sign_in("rita")
    assert response.status_code == 302
    return signed_in
