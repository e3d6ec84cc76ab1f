"""Every storage test runs on SQLite (a temporary file) and on the real PostgreSQL on loopback.

PostgreSQL gets one uniquely named database for the test session (dropped at the end); both
databases are migrated with our Alembic migrations and hold Rasa's own `events` table, created
by Rasa's SQLTrackerStore model as in production. Rows are deleted after each test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy.engine import Engine

from bot.devtools.postgres import database_kinds, throwaway_database_url
from bot.storage import rasa_events, referrals, tuned_engine
from bot.storage.migrate import upgrade


@pytest.fixture(scope="session", params=database_kinds())
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A migrated database holding Rasa's `events` table: SQLite file, then PostgreSQL if it is up."""
    directory = tmp_path_factory.mktemp("storage")
    with throwaway_database_url(request.param, directory, "cr_storage") as url:
        _prepare(url)
        yield url


def _prepare(url: str) -> None:
    upgrade(url)
    engine = sa.create_engine(url)
    SQLTrackerStore.Base.metadata.create_all(engine)
    engine.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on the test database; every row is deleted afterwards."""
    engine = tuned_engine(database_url)
    try:
        yield engine
    finally:
        with engine.begin() as connection:
            connection.execute(sa.delete(referrals))
            connection.execute(sa.delete(rasa_events))
        engine.dispose()
