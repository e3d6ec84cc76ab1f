"""Engines and transactions, SQLAlchemy 2.0 style on 1.4 (`future=True`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

# How long a SQLite writer waits for another process's write (the assistant, the staff console
# and the action server share the file) before giving up with "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 10_000


# Every engine the project creates takes these: a pooled connection is checked before use (so a
# database restart costs a reconnect, not a family's turn), and statement parameters (events'
# JSON with the family's words, notes) never appear in an error's text.
ENGINE_OPTIONS: dict[str, Any] = {"pool_pre_ping": True, "hide_parameters": True}


def tuned_engine(database_url: str) -> Engine:
    """A new engine for `database_url` with ENGINE_OPTIONS (SQLite tuned, see `tune_sqlite`)."""
    engine: Engine = sa.create_engine(database_url, future=True, **ENGINE_OPTIONS)
    tune_sqlite(engine)
    return engine


def tune_sqlite(engine: Engine) -> None:
    """For a SQLite file: write-ahead log (readers never block the writer), a busy timeout,
    and `secure_delete`, so that a deleted row's bytes are overwritten with zeros (an erased
    conversation leaves no copy in the file: bot.storage.erasure).

    Does nothing for other databases. Durability is unchanged (`synchronous` stays FULL).
    """
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return
    sa.event.listen(engine, "connect", _on_sqlite_connect)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA secure_delete = ON")
    finally:
        cursor.close()


@lru_cache(maxsize=4)
def engine_for(database_url: str) -> Engine:
    """The process's shared engine for `database_url`, created on first use."""
    return tuned_engine(database_url)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session in one transaction: committed on success, rolled back on any error."""
    with Session(engine, future=True) as session, session.begin():
        yield session
