"""Every database engine the project creates hides statement parameters from errors and, on
PostgreSQL, checks a pooled connection before use (bot.storage.db.ENGINE_OPTIONS).

Two halves: the source holds no call to SQLAlchemy's `create_engine` outside the known factories,
and each factory, run for real on SQLite and PostgreSQL, makes engines with both options (every
engine that connects while it runs is caught by a listener on SQLAlchemy's Engine class).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.devtools.postgres import (
    database_kinds,
    postgres_is_up,
    temporary_database,
    throwaway_database_url,
)
from bot.devtools.postgres import url as postgres_url
from bot.settings import Settings
from bot.staff.database import console_engine
from bot.storage.db import ENGINE_OPTIONS, engine_for, tuned_engine
from bot.storage.migrate import upgrade
from bot.storage.tracker_store import ErasingSQLTrackerStore
from tests.storage.test_tracker_store import DOMAIN, store_kwargs

ROOT = Path(__file__).resolve().parents[2]
# (file, function) of every call to SQLAlchemy's create_engine in bot/ and actions/.
FACTORIES = {
    ("bot/storage/db.py", "tuned_engine"),
    ("bot/staff/database.py", "console_engine"),
    ("bot/storage/tracker_store.py", "_replace_engine"),
    ("bot/devtools/postgres.py", "temporary_database"),
    ("bot/devtools/postgres.py", "postgres_is_up"),
}


def sqlalchemy_engine_calls(path: Path) -> set[tuple[str, str]]:
    """(file, enclosing function) of each `sa.create_engine(...)` / `sqlalchemy.create_engine`."""
    tree = ast.parse(path.read_text())
    found: set[tuple[str, str]] = set()
    relative = str(path.relative_to(ROOT))
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "create_engine"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in {"sa", "sqlalchemy"}
            ):
                found.add((relative, function.name))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            assert "create_engine" not in {alias.name for alias in node.names}, relative
    return found


def test_sqlalchemys_create_engine_is_called_only_in_the_known_factories() -> None:
    sources = [*ROOT.joinpath("bot").rglob("*.py"), *ROOT.joinpath("actions").rglob("*.py")]
    calls = set().union(*(sqlalchemy_engine_calls(path) for path in sources))
    assert calls == FACTORIES


@pytest.fixture
def connected() -> Iterator[list[Engine]]:
    """Every engine that opens a connection while the test runs."""
    engines: list[Engine] = []

    def record(connection: sa.engine.Connection, _branch: bool = False) -> None:
        engines.append(connection.engine)

    sa.event.listen(Engine, "engine_connect", record)
    try:
        yield engines
    finally:
        sa.event.remove(Engine, "engine_connect", record)


def assert_safe(engines: list[Engine]) -> None:
    assert engines, "no engine connected"
    for engine in engines:
        assert engine.hide_parameters, f"{engine.url!r} would quote statement parameters"
        if engine.dialect.name == "postgresql":
            assert engine.pool._pre_ping, f"{engine.url!r} hands out connections unchecked"


@pytest.mark.parametrize("kind", database_kinds())
def test_the_projects_engines_hide_parameters_and_check_connections(
    kind: str, tmp_path: Path, connected: list[Engine]
) -> None:
    with throwaway_database_url(kind, tmp_path, "cr_engines") as database_url:
        upgrade(database_url)  # the migrations' engine
        for engine in (tuned_engine(database_url), console_engine(database_url)):
            with engine.connect() as connection:
                connection.execute(sa.text("SELECT 1"))
            engine.dispose()
        with engine_for(database_url).connect() as connection:
            connection.execute(sa.text("SELECT 1"))
        engine_for(database_url).dispose()
    assert {engine.dialect.name for engine in connected} == {kind}
    assert_safe(connected)
    assert ENGINE_OPTIONS == {"pool_pre_ping": True, "hide_parameters": True}


@pytest.mark.parametrize("kind", database_kinds())
def test_the_tracker_store_replaces_rasas_engine_with_a_safe_one(kind: str, tmp_path: Path) -> None:
    # Rasa's SQLTrackerStore creates its own engine (and its tables with it, no parameters in
    # those statements); ours swaps it, in __init__, before any event is read or written.
    with throwaway_database_url(kind, tmp_path, "cr_engines") as database_url:
        upgrade(database_url)
        store = ErasingSQLTrackerStore(
            domain=DOMAIN,
            settings=Settings(database_url=database_url),
            **store_kwargs(database_url),
        )
        try:
            with store.session_scope() as session:
                session.execute(sa.text("SELECT 1"))
            assert store.engine.dialect.name == kind
            assert store.sessionmaker.kw["bind"] is store.engine
            assert_safe([store.engine])
        finally:
            store.engine.dispose()


@pytest.mark.skipif(not postgres_is_up(), reason="needs PostgreSQL on the local server")
def test_the_temporary_databases_admin_engine_is_safe_too(connected: list[Engine]) -> None:
    with temporary_database("cr_engines") as name:
        assert postgres_url(name)
    assert_safe(connected)
