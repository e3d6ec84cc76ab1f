"""Engines and transactions, SQLAlchemy 2.0 style on 1.4 (`future=True`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session


def create_engine(database_url: str) -> Engine:
    """A new engine for `database_url` that checks pooled connections before use."""
    return sa.create_engine(database_url, future=True, pool_pre_ping=True)


@lru_cache(maxsize=4)
def engine_for(database_url: str) -> Engine:
    """The process's shared engine for `database_url`, created on first use."""
    return create_engine(database_url)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session in one transaction: committed on success, rolled back on any error."""
    with Session(engine, future=True) as session, session.begin():
        yield session
