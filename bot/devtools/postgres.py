"""A throwaway PostgreSQL database on the local server, for tests and benchmarks."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa

PG_HOST = os.environ.get("TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("TEST_PG_PORT", "5432"))
PG_USER = os.environ.get("TEST_PG_USER", "postgres")
# Set (as `make test` does, after starting the services) to fail rather than skip PostgreSQL.
PG_REQUIRED = os.environ.get("TEST_PG_REQUIRED", "") not in ("", "0")


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


@lru_cache(maxsize=1)
def postgres_is_up() -> bool:
    """Whether the local PostgreSQL server answers (always True when TEST_PG_REQUIRED is set,
    so that a missing server fails the tests instead of skipping them)."""
    if PG_REQUIRED:
        return True
    engine = sa.create_engine(
        url("postgres"),
        connect_args={"connect_timeout": 2},
        pool_pre_ping=True,
        hide_parameters=True,
    )
    try:
        with engine.connect():
            return True
    except sa.exc.OperationalError:
        return False
    finally:
        engine.dispose()


def database_kinds() -> tuple[str, ...]:
    """The kinds of database to test on here: SQLite always, PostgreSQL when its server is up."""
    return DATABASE_KINDS if postgres_is_up() else ("sqlite",)


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
