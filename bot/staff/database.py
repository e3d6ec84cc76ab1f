"""The console's database engine, and one Session per request."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, g
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.storage import transaction
from bot.storage.db import ENGINE_OPTIONS
from bot.storage.migrate import current_revision, head_revision

from .indexer import SyncReport, try_sync

ENGINE_KEY = "staff_engine"
# At most this many new events are indexed while a page waits; `python -m bot.staff sync`
# catches up on a large backlog.
REQUEST_SYNC_EVENTS = 5000


class SchemaError(RuntimeError):
    """The staff tables are missing or older than the code."""


def console_engine(database_url: str) -> Engine:
    """The console's engine: it never puts statement parameters (family text, notes) in errors."""
    engine: Engine = sa.create_engine(database_url, future=True, **ENGINE_OPTIONS)
    return engine


def check_schema(database_url: str) -> None:
    """Raise `SchemaError` unless the database is at the newest migration."""
    current, head = current_revision(database_url), head_revision()
    if current != head:
        raise SchemaError(
            f"The staff tables are at revision {current}, the code needs {head}: run "
            "`python -m bot.storage upgrade` first."
        )


def engine() -> Engine:
    """The application's engine."""
    found: Engine = current_app.extensions[ENGINE_KEY]
    return found


def db() -> Session:
    """This request's session (closed, and rolled back if not committed, at the end)."""
    if "staff_session" not in g:
        g.staff_session = Session(engine(), future=True)
    session: Session = g.staff_session
    return session


def close_session(_error: BaseException | None = None) -> None:
    """End this request's session."""
    session = g.pop("staff_session", None)
    if session is not None:
        session.close()


def refresh_index() -> SyncReport | None:
    """Index the events added since the last request (None if another thread is at it)."""
    with transaction(engine()) as session:
        return try_sync(session, max_events=REQUEST_SYNC_EVENTS)
