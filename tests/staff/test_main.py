"""`python -m bot.staff`: accounts, the index, and retention from the command line."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.staff.__main__ import main
from bot.staff.accounts import authenticate
from bot.staff.audit import recent
from bot.storage import count_events, transaction

from .conftest import NOW
from .seed import Plan, recorded, seed

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("RETENTION_DAYS", raising=False)
    return database_url


def stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def test_the_first_admin_is_created_from_the_command_line(
    database_url: str, engine: Engine
) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.staff",
            "create-user",
            "ada",
            "--role",
            "admin",
            "--password-stdin",
        ],
        input="the first admin passphrase\n",
        env={**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout == "Created admin account ada.\n"
    with transaction(engine) as session:
        account = authenticate(session, "ada", "the first admin passphrase")
        assert account is not None
        assert account.is_admin
        assert [e.actor for e in recent(session, action="create_user")] == ["command line"]


def test_a_password_is_asked_twice_when_typed(
    env: str, engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["one long passphrase", "another long passphrase"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))

    assert main(["create-user", "rita"]) == 2
    assert "The two passwords differ" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (
            ["create-user", "rita", "--role", "owner", "--password-stdin"],
            "long enough passphrase",
            "role must be reviewer or admin",
        ),
        (["create-user", "rita", "--password-stdin"], "short", "at least 12"),
        (
            ["set-password", "nobody", "--password-stdin"],
            "long enough passphrase",
            "no account called nobody",
        ),
    ],
)
def test_bad_accounts_exit_2_with_a_reason(
    env: str,
    engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    password: str,
    message: str,
) -> None:
    stdin(monkeypatch, password + "\n")

    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_a_new_password(env: str, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, "the first long passphrase\n")
    main(["create-user", "rita", "--password-stdin"])
    stdin(monkeypatch, "the second long passphrase\n")

    assert main(["set-password", "rita", "--password-stdin"]) == 0
    with transaction(engine) as session:
        assert authenticate(session, "rita", "the second long passphrase") is not None


def test_sync_and_rebuild(
    env: str, engine: Engine, families: dict[str, int | None], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sync"]) == 0
    first = capsys.readouterr().out
    assert main(["sync", "--rebuild"]) == 0
    rebuilt = capsys.readouterr().out

    events = sum(len(rows) for rows in recorded()["conversations"].values())
    assert first.startswith(f"Indexed {events} events of 5 conversations")
    assert rebuilt.startswith(f"Indexed {events} events of 5 conversations")


def test_purge_uses_retention_days_or_the_option(
    env: str,
    database_url: str,
    engine: Engine,
    families: dict[str, int | None],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    seed(database_url, [Plan("state", "family-old", NOW - timedelta(days=30))])

    assert main(["purge"]) == 2
    assert "--older-than-days N" in capsys.readouterr().err
    assert main(["purge", "--older-than-days", "7", "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("1 conversations last active before")
    monkeypatch.setenv("RETENTION_DAYS", "7")
    assert main(["purge"]) == 0
    assert "Erased 1 conversations" in capsys.readouterr().out
    with transaction(engine) as session:
        assert count_events(session, "family-old") == 0
        assert all(count_events(session, sender) for sender in families)


def test_a_database_that_is_not_migrated_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")

    assert main(["sync"]) == 2
    assert "run `python -m bot.storage upgrade` first" in capsys.readouterr().err
