"""bot.settings: every environment variable is read in one place and checked at start-up."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from bot.settings import (
    DEFAULT_DATABASE_URL,
    Settings,
    SettingsError,
    get_settings,
    require_explicit_environment,
)

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION = {
    "ENVIRONMENT": "production",
    "DATABASE_URL": "postgresql://cr_assistant:s3cure-Pa55@db.internal:5432/cr_assistant",
    "CLEARINGHOUSE_QUESTIONNAIRE_URL": "https://clearinghouse.test/questionnaire",
    "ORGANISATION_NAME": "Family Justice Project",
    "ORGANISATION_CONTACT": "call (212) 000-1234, Monday to Friday",
}


def test_a_developer_needs_no_variables_and_gets_the_tracker_stores_sqlite_file() -> None:
    settings = Settings.from_env({})

    assert settings == Settings(
        database_url="sqlite:///rasa.db",
        clearinghouse_questionnaire_url=None,
        organisation_name=None,
        organisation_contact=None,
        environment="development",
    )
    assert settings.is_development
    assert settings.organisation == "the organization"


def test_the_default_database_is_the_file_endpoints_yml_names() -> None:
    endpoints = (ROOT / "endpoints.yml").read_text()

    assert DEFAULT_DATABASE_URL == "sqlite:///rasa.db"
    assert re.search(r"^\s+db: rasa\.db$", endpoints, re.MULTILINE)


def test_every_variable_is_read() -> None:
    settings = Settings.from_env(PRODUCTION)

    assert settings == Settings(
        database_url=PRODUCTION["DATABASE_URL"],
        clearinghouse_questionnaire_url="https://clearinghouse.test/questionnaire",
        organisation_name="Family Justice Project",
        organisation_contact="call (212) 000-1234, Monday to Friday",
        environment="production",
    )
    assert settings.organisation == "Family Justice Project"
    assert not settings.is_development


def test_empty_and_blank_values_mean_unset() -> None:
    settings = Settings.from_env(
        {"CLEARINGHOUSE_QUESTIONNAIRE_URL": "", "ORGANISATION_CONTACT": "   ", "ENVIRONMENT": ""}
    )

    assert settings.clearinghouse_questionnaire_url is None
    assert settings.organisation_contact is None
    assert settings.environment == "development"


def test_settings_are_frozen() -> None:
    settings = Settings.from_env({})

    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.database_url = "sqlite:///other.db"  # type: ignore[misc]


def test_an_unknown_environment_is_refused() -> None:
    with pytest.raises(SettingsError, match="ENVIRONMENT must be one of development, production"):
        Settings.from_env({"ENVIRONMENT": "staging"})


def test_a_database_url_that_is_not_a_url_is_refused() -> None:
    with pytest.raises(SettingsError, match="DATABASE_URL is not a database URL"):
        Settings.from_env({"DATABASE_URL": "rasa.db"})


@pytest.mark.parametrize(
    "address",
    ["clearinghouse.test/form", "ftp://clearinghouse.test/form", "https://", "https:// x"],
)
def test_a_questionnaire_address_must_be_a_full_web_address(address: str) -> None:
    with pytest.raises(SettingsError, match="CLEARINGHOUSE_QUESTIONNAIRE_URL must be a full"):
        Settings.from_env({"CLEARINGHOUSE_QUESTIONNAIRE_URL": address})


def test_plain_http_is_fine_for_development_but_not_for_production() -> None:
    address = {"CLEARINGHOUSE_QUESTIONNAIRE_URL": "http://localhost:8000/form"}

    assert (
        Settings.from_env(address).clearinghouse_questionnaire_url
        == address["CLEARINGHOUSE_QUESTIONNAIRE_URL"]
    )
    with pytest.raises(SettingsError, match="full https:// address"):
        Settings.from_env({**PRODUCTION, **address})


def test_the_example_file_works_unchanged_for_a_developer() -> None:
    example = _example_values()

    settings = Settings.from_env(example)

    assert settings.environment == "development"
    assert settings.database_url == DEFAULT_DATABASE_URL


def test_the_example_file_documents_every_variable_settings_reads() -> None:
    documented = set(_example_values()) | set(
        re.findall(r"^# ([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE)
    )
    source = (ROOT / "bot" / "settings.py").read_text()
    read = set(re.findall(r'(?:read\(|whole_number\(env, )"([A-Z_]+)"', source))

    assert {"ENVIRONMENT", "DATABASE_URL", "MESSAGES_AT_ONCE", "TELEGRAM_BOT_TOKEN"} <= read
    assert read - documented == set()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "DATABASE_URL",
            "postgresql://cr_assistant:change-me@postgres.internal:5432/cr_assistant",
            "DATABASE_URL has a placeholder password",
        ),
        (
            "DATABASE_URL",
            "postgresql://postgres:postgres@db.internal/cr",
            "DATABASE_URL has a placeholder password",
        ),
        (
            "DATABASE_URL",
            "postgresql://cr:s3cure-Pa55@db.example.org/cr",
            "DATABASE_URL points at a placeholder host",
        ),
        (
            "CLEARINGHOUSE_QUESTIONNAIRE_URL",
            "https://example.org/questionnaire",
            "CLEARINGHOUSE_QUESTIONNAIRE_URL still holds a placeholder",
        ),
        (
            "ORGANISATION_CONTACT",
            "call (212) 555-0100, or write to help@example.org",
            "ORGANISATION_CONTACT still holds a placeholder",
        ),
        ("ORGANISATION_NAME", "Change-Me Project", "ORGANISATION_NAME still holds a placeholder"),
    ],
)
def test_placeholders_are_refused_outside_development(name: str, value: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env({**PRODUCTION, name: value})

    assert getattr(Settings.from_env({name: value}), name.lower()) == value


def test_the_commented_production_example_is_refused_in_production() -> None:
    commented = re.search(
        r"^# DATABASE_URL=(\S+)$", (ROOT / ".env.example").read_text(), re.MULTILINE
    )
    assert commented is not None

    with pytest.raises(SettingsError, match="placeholder password"):
        Settings.from_env({**PRODUCTION, "DATABASE_URL": commented.group(1)})


def test_get_settings_reads_the_process_environment_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    get_settings.cache_clear()
    monkeypatch.setenv("ORGANISATION_NAME", "Family Justice Project")
    try:
        first = get_settings()
        monkeypatch.setenv("ORGANISATION_NAME", "Someone Else")

        assert get_settings() is first
        assert first.organisation_name == "Family Justice Project"
    finally:
        get_settings.cache_clear()


def _example_values() -> dict[str, str]:
    values: dict[str, str] = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def test_the_limits_have_defaults_and_are_read() -> None:
    defaults = Settings.from_env({})
    assert (defaults.turn_timeout_seconds, defaults.action_timeout_seconds) == (20, 10)
    assert (defaults.rate_limit_per_address, defaults.rate_limit_per_sender) == (60, 20)
    assert (defaults.proxy_count, defaults.redis_url) == (0, None)

    settings = Settings.from_env(
        {
            "TURN_TIMEOUT_SECONDS": "30",
            "ACTION_TIMEOUT_SECONDS": "5",
            "RATE_LIMIT_PER_ADDRESS": "120",
            "RATE_LIMIT_PER_SENDER": "10",
            "PROXY_COUNT": "1",
            "REDIS_URL": "redis://redis.internal:6379/2",
        }
    )
    assert (settings.turn_timeout_seconds, settings.action_timeout_seconds) == (30, 5)
    assert (settings.rate_limit_per_address, settings.rate_limit_per_sender) == (120, 10)
    assert (settings.proxy_count, settings.redis_url) == (1, "redis://redis.internal:6379/2")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ACTION_TIMEOUT_SECONDS": "20"}, "ACTION_TIMEOUT_SECONDS .20. must be less than"),
        ({"TURN_TIMEOUT_SECONDS": "8"}, "ACTION_TIMEOUT_SECONDS .10. must be less than"),
        (
            {"TURN_TIMEOUT_SECONDS": "1"},
            "TURN_TIMEOUT_SECONDS must be a whole number of at least 2",
        ),
        ({"RATE_LIMIT_PER_SENDER": "0"}, "RATE_LIMIT_PER_SENDER must be a whole number"),
        ({"REDIS_URL": "redis.internal:6379"}, "REDIS_URL must be a redis://"),
    ],
)
def test_limits_that_cannot_work_are_refused(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)


@pytest.mark.parametrize(
    ("env", "endpoints", "reason"),
    [
        ({"DATABASE_URL": PRODUCTION["DATABASE_URL"]}, None, "DATABASE_URL is not SQLite"),
        ({}, {"tracker_store": {"dialect": "postgresql"}}, "tracker store is not SQLite"),
        ({}, {"lock_store": {"type": "redis"}}, "Redis lock store"),
        ({}, {"event_broker": {"type": "pika"}}, "event broker"),
    ],
)
def test_a_deployment_that_does_not_set_environment_is_refused(
    env: dict[str, str], endpoints: dict[str, object] | None, reason: str
) -> None:
    with pytest.raises(SettingsError, match=f"ENVIRONMENT must be set .*{reason}"):
        require_explicit_environment(Settings.from_env(env), endpoints)

    for environment in ("development", "production"):
        settings = Settings.from_env({**env, "ENVIRONMENT": environment})
        require_explicit_environment(settings, endpoints)


def test_make_run_needs_no_environment() -> None:
    endpoints = {"tracker_store": {"dialect": "sqlite"}, "lock_store": {"type": "in_memory"}}

    require_explicit_environment(Settings.from_env({}), endpoints)


SENDER_KEY = "Vq3xR8mZ2pL7wK4nT9bY6cH1dF5gJ0sA"


def test_the_sender_hash_key_is_read_and_used_as_set() -> None:
    settings = Settings.from_env({**PRODUCTION, "SENDER_HASH_KEY": SENDER_KEY})

    assert settings.sender_hash_key_or_refuse() == SENDER_KEY


def test_production_refuses_to_hash_sender_ids_without_a_key() -> None:
    settings = Settings.from_env(PRODUCTION)

    with pytest.raises(SettingsError, match="SENDER_HASH_KEY must be set outside development"):
        settings.sender_hash_key_or_refuse()


def test_development_hashes_with_the_documented_development_key() -> None:
    from bot.settings import DEVELOPMENT_SENDER_HASH_KEY

    assert Settings().sender_hash_key_or_refuse() == DEVELOPMENT_SENDER_HASH_KEY
    assert DEVELOPMENT_SENDER_HASH_KEY in (ROOT / ".env.example").read_text()


@pytest.mark.parametrize(
    "key",
    [
        pytest.param("too-short-0123456789", id="shorter than 32 characters"),
        pytest.param("change-me-change-me-change-me-change-me", id="a placeholder"),
        pytest.param("development-only-sender-hash-key-never-use-in-production", id="the dev key"),
    ],
)
def test_a_weak_sender_hash_key_is_refused_in_production(key: str) -> None:
    with pytest.raises(SettingsError, match="SENDER_HASH_KEY must be at least 32"):
        Settings.from_env({**PRODUCTION, "SENDER_HASH_KEY": key})
    assert Settings.from_env({"SENDER_HASH_KEY": key}).sender_hash_key == key


def test_the_endpoints_file_defaults_to_the_one_make_run_uses() -> None:
    assert Settings.from_env({}).endpoints_file == "endpoints.yml"
    assert (
        Settings.from_env({"ENDPOINTS_FILE": "deploy/endpoints.production.yml"}).endpoints_file
        == "deploy/endpoints.production.yml"
    )
