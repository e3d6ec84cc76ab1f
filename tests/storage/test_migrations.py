"""The staff tables come from Alembic migrations; Rasa's `events` table is never touched."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy.engine import Engine

from bot.devtools.postgres import database_kinds, temporary_database
from bot.devtools.postgres import url as postgres_url
from bot.settings import DEVELOPMENT_SENDER_HASH_KEY
from bot.storage import rasa_events
from bot.storage.migrate import (
    current_revision,
    downgrade,
    head_revision,
    include_object,
    upgrade,
)
from bot.storage.pseudonyms import keyed_hash
from bot.storage.schema import metadata

ROOT = Path(__file__).resolve().parents[2]
HEAD = "0003_erasure_that_holds"


def test_the_database_is_at_the_newest_revision(database_url: str) -> None:
    assert head_revision() == HEAD
    assert current_revision(database_url) == HEAD


def test_upgrading_again_changes_nothing(database_url: str) -> None:
    upgrade(database_url)

    assert current_revision(database_url) == head_revision()


def test_the_migrations_build_exactly_the_tables_the_code_describes(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "include_object": include_object},
        )
        differences = compare_metadata(context, metadata)

    assert differences == []


def test_the_staff_tables_have_their_indexes_and_status_check(engine: Engine) -> None:
    inspector = sa.inspect(engine)

    assert {index["name"] for index in inspector.get_indexes("referrals")} == {
        "ix_referrals_sender_id",
        "ix_referrals_status_created_at",
    }
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO referrals (sender_id, status, summary, facts, consented_at) "
                "VALUES ('x', 'lost', '', '{}', CURRENT_TIMESTAMP)"
            )
        )


def test_our_description_of_rasas_events_table_matches_rasas_model() -> None:
    rasa_columns = {c.name: type(c.type) for c in SQLTrackerStore.SQLEvent.__table__.columns}
    ours = {c.name: type(c.type) for c in rasa_events.columns}

    assert ours == rasa_columns
    assert rasa_events.name == SQLTrackerStore.SQLEvent.__tablename__
    assert "events" not in metadata.tables


@pytest.mark.parametrize("backend", database_kinds())
def test_migrations_never_create_alter_or_drop_rasas_events_table(
    backend: str, tmp_path: Path
) -> None:
    def run(url: str) -> None:
        engine = sa.create_engine(url)
        SQLTrackerStore.Base.metadata.create_all(engine)
        with engine.begin() as connection:
            connection.execute(
                sa.text("INSERT INTO events (sender_id, type_name) VALUES ('family', 'user')")
            )
        upgrade(url)
        downgrade(url, "base")
        upgrade(url)
        with engine.connect() as connection:
            kept = connection.execute(sa.text("SELECT sender_id FROM events")).scalars().all()
        assert kept == ["family"]
        assert set(sa.inspect(engine).get_table_names()) == {
            "alembic_version",
            "events",
            *metadata.tables,
        }
        engine.dispose()

    if backend == "sqlite":
        run(f"sqlite:///{tmp_path / 'rasa.db'}")
    else:
        with temporary_database("cr_migrate") as name:
            run(postgres_url(name))


def test_the_upgrade_command_reads_database_url_from_the_environment(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'rasa.db'}"
    env = {"DATABASE_URL": url, "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}

    upgraded = subprocess.run(
        [sys.executable, "-m", "bot.storage", "upgrade"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    current = subprocess.run(
        [sys.executable, "-m", "bot.storage", "current"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert upgraded.returncode == 0, upgraded.stderr
    assert "Running upgrade  -> 0001_referrals" in upgraded.stderr
    assert current.stdout.splitlines() == [f"current: {HEAD}", f"head: {HEAD}"]


def test_the_default_database_is_rasa_db_in_the_working_directory(tmp_path: Path) -> None:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}

    upgraded = subprocess.run(
        [sys.executable, "-m", "bot.storage", "upgrade"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert upgraded.returncode == 0, upgraded.stderr
    assert current_revision(f"sqlite:///{tmp_path / 'rasa.db'}") == HEAD


def test_bad_settings_stop_the_command_with_the_variables_name(tmp_path: Path) -> None:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "DATABASE_URL": "rasa.db"}

    result = subprocess.run(
        [sys.executable, "-m", "bot.storage", "upgrade"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 2
    assert result.stderr.startswith("bot.storage: DATABASE_URL is not a database URL")


def test_the_command_runs_in_process_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.storage.__main__ import main

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'rasa.db'}")

    assert main(["current"]) == 0
    assert capsys.readouterr().out.splitlines() == ["current: None", f"head: {HEAD}"]
    assert main(["upgrade"]) == 0
    assert main(["downgrade", "base"]) == 0
    assert main(["upgrade", "0001_referrals"]) == 0
    assert main(["current"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "current: 0001_referrals"


def test_an_autogenerated_revision_of_an_up_to_date_database_is_empty(tmp_path: Path) -> None:
    from alembic.command import revision

    from bot.storage.migrate import MIGRATIONS, alembic_config

    url = f"sqlite:///{tmp_path / 'rasa.db'}"
    upgrade(url)
    config = alembic_config(url)
    config.set_main_option("path_separator", "os")
    config.set_main_option(
        "version_locations", os.pathsep.join([str(MIGRATIONS / "versions"), str(tmp_path)])
    )

    script = revision(config, message="nothing", autogenerate=True, version_path=str(tmp_path))

    assert script is not None
    assert not isinstance(script, list)
    body = Path(script.path).read_text()
    assert "op." not in body


@pytest.mark.parametrize("backend", database_kinds())
def test_the_upgrade_replaces_conversation_ids_in_the_audit_log_by_their_keyed_hash(
    backend: str, tmp_path: Path
) -> None:
    def run(url: str) -> None:
        upgrade(url, "0002_staff_console")
        engine = sa.create_engine(url)
        lines = [
            ("view_conversation", "telegram-4242"),
            ("erase", "c0ffee00-1111-2222-3333-444455556666"),
            ("purge", keyed_hash("already", DEVELOPMENT_SENDER_HASH_KEY)),
            ("update_user", "maria"),
            ("view_referral", "7"),
            ("sign_in", None),
        ]
        with engine.begin() as connection:
            for action, target in lines:
                connection.execute(
                    sa.text(
                        "INSERT INTO staff_audit (at, actor, action, target) "
                        "VALUES (CURRENT_TIMESTAMP, 'admin', :action, :target)"
                    ),
                    {"action": action, "target": target},
                )

        upgrade(url)

        with engine.connect() as connection:
            targets = connection.execute(
                sa.text("SELECT target FROM staff_audit ORDER BY id")
            ).scalars()
            assert list(targets) == [
                keyed_hash("telegram-4242", DEVELOPMENT_SENDER_HASH_KEY),
                keyed_hash("c0ffee00-1111-2222-3333-444455556666", DEVELOPMENT_SENDER_HASH_KEY),
                keyed_hash("already", DEVELOPMENT_SENDER_HASH_KEY),
                "maria",
                "7",
                None,
            ]
        assert "conversation_locks" in sa.inspect(engine).get_table_names()
        engine.dispose()

    if backend == "sqlite":
        run(f"sqlite:///{tmp_path / 'rasa.db'}")
    else:
        with temporary_database("cr_migrate") as name:
            run(postgres_url(name))
