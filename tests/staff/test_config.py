"""Staff console settings: the session key, session length, retention, proxies."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.settings import Settings, SettingsError
from bot.staff.config import flask_config, secret_key

PRODUCTION = {
    "ENVIRONMENT": "production",
    "DATABASE_URL": "postgresql://cr:s3cure-Pa55@db.internal:5432/cr",
    "SENDER_HASH_KEY": "h" * 20 + "Vq3xR8mZ2pL7wK4nT9bY",
}
STRONG_KEY = "k" * 20 + "Q9x_2mZpL0aB7vT4nYc8"


def test_a_developer_needs_no_staff_variables() -> None:
    settings = Settings.from_env({})

    assert settings.staff_secret_key is None
    assert settings.staff_session_minutes == 60
    assert settings.retention_days is None
    assert settings.staff_proxy_count == 0
    assert len(secret_key(settings)) >= 32
    assert secret_key(settings) != secret_key(settings)


def test_every_staff_variable_is_read() -> None:
    settings = Settings.from_env(
        {
            **PRODUCTION,
            "STAFF_SECRET_KEY": STRONG_KEY,
            "STAFF_SESSION_MINUTES": "30",
            "RETENTION_DAYS": "365",
            "STAFF_PROXY_COUNT": "1",
        }
    )

    assert (settings.staff_secret_key, settings.staff_session_minutes) == (STRONG_KEY, 30)
    assert (settings.retention_days, settings.staff_proxy_count) == (365, 1)
    config = flask_config(settings)
    assert config["SECRET_KEY"] == STRONG_KEY
    assert config["PERMANENT_SESSION_LIFETIME"] == timedelta(minutes=30)
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_the_console_refuses_to_start_in_production_without_a_key() -> None:
    settings = Settings.from_env(PRODUCTION)

    with pytest.raises(SettingsError, match="STAFF_SECRET_KEY must be set"):
        flask_config(settings)


@pytest.mark.parametrize("key", ["too-short", "change-me-" + "x" * 40])
def test_a_weak_key_is_refused_outside_development(key: str) -> None:
    with pytest.raises(SettingsError, match="STAFF_SECRET_KEY must be at least 32"):
        Settings.from_env({**PRODUCTION, "STAFF_SECRET_KEY": key})
    assert Settings.from_env({"STAFF_SECRET_KEY": key}).staff_secret_key == key


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("STAFF_SESSION_MINUTES", "0"),
        ("STAFF_SESSION_MINUTES", "an hour"),
        ("RETENTION_DAYS", "-5"),
        ("RETENTION_DAYS", "1.5"),
        ("STAFF_PROXY_COUNT", "x"),
    ],
)
def test_bad_numbers_name_their_variable(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=f"^{name} must be a whole number"):
        Settings.from_env({name: value})


def test_the_console_refuses_to_start_in_production_without_a_sender_hash_key() -> None:
    settings = Settings.from_env(
        {
            **{k: v for k, v in PRODUCTION.items() if k != "SENDER_HASH_KEY"},
            "STAFF_SECRET_KEY": STRONG_KEY,
        }
    )

    with pytest.raises(SettingsError, match="SENDER_HASH_KEY must be set"):
        flask_config(settings)
