"""A throwaway PostgreSQL database on the local server, for tests and benchmarks."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

PG_HOST = os.environ.get("TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("TEST_PG_PORT", "5432"))
PG_USER = os.environ.get("TEST_PG_USER", "postgres")


def url(database: str) -> str:
    """The SQLAlchemy URL of `database` on the local server (trust authentication)."""
    return f"postgresql://{PG_USER}@{PG_HOST}:{PG_PORT}/{database}"


@contextmanager
def temporary_database(prefix: str = "cr_tmp") -> Iterator[str]:
    """Create a uniquely named database; drop it (closing its connections) on exit."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(
        url("postgres"), isolation_level="AUTOCOMMIT", pool_pre_ping=True, hide_parameters=True
    )
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield name
    finally:
        with admin.connect() as connection:
            connection.execute(
                sa.text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"
                ),
                {"name": name},
            )
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


DATABASE_KINDS = ("sqlite", "postgresql")


@contextmanager
def throwaway_database_url(kind: str, directory: Path, prefix: str) -> Iterator[str]:
    """The URL of an empty database of `kind`: a SQLite file in `directory`, or a temporary
    PostgreSQL database named after `prefix` (dropped on exit)."""
    if kind == "sqlite":
        yield f"sqlite:///{directory / 'rasa.db'}"
        return
    if kind != "postgresql":
        raise ValueError(f"kind must be one of {DATABASE_KINDS}, not {kind!r}")
    with temporary_database(prefix) as name:
        yield url(name)
