"""The channel's settings (TELEGRAM_*) and their credentials.yml overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.channels.telegram.config import TelegramConfig, credentials_entry
from bot.settings import Settings, SettingsError

from .fake_bot_api import TOKEN

ROOT = Path(__file__).resolve().parents[3]
STRONG_SECRET = "Zx8_" + "q" * 40
PRODUCTION = {
    "ENVIRONMENT": "production",
    "DATABASE_URL": "postgresql://cr:s3cure-Pa55@db.internal:5432/cr",
}


def test_without_telegram_variables_the_channel_is_simply_off() -> None:
    settings = Settings.from_env({})
    config = TelegramConfig.load(None, settings)

    assert (settings.telegram_bot_token, settings.telegram_webhook_secret) == (None, None)
    assert settings.telegram_api_base_url is None
    assert not config.configured


def test_the_three_variables_are_read() -> None:
    settings = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_WEBHOOK_SECRET": "dev-secret",
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot",
        }
    )

    assert settings.telegram_bot_token == TOKEN
    assert settings.telegram_webhook_secret == "dev-secret"
    assert settings.telegram_api_base_url == "http://127.0.0.1:8081/bot"
    assert TelegramConfig.load(None, settings).configured


@pytest.mark.parametrize(
    ("environ", "variable"),
    [
        pytest.param({"TELEGRAM_BOT_TOKEN": "not-a-token"}, "TELEGRAM_BOT_TOKEN", id="no colon"),
        pytest.param({"TELEGRAM_BOT_TOKEN": "12:short"}, "TELEGRAM_BOT_TOKEN", id="too short"),
        pytest.param(
            {"TELEGRAM_BOT_TOKEN": "12:" + "a" * 30 + "!", "TELEGRAM_WEBHOOK_SECRET": "s"},
            "TELEGRAM_BOT_TOKEN",
            id="token with a bad character",
        ),
        pytest.param(
            {"TELEGRAM_BOT_TOKEN": TOKEN}, "TELEGRAM_WEBHOOK_SECRET", id="token without secret"
        ),
        pytest.param(
            {"TELEGRAM_WEBHOOK_SECRET": "has space"}, "TELEGRAM_WEBHOOK_SECRET", id="space"
        ),
        pytest.param(
            {"TELEGRAM_WEBHOOK_SECRET": "x" * 257}, "TELEGRAM_WEBHOOK_SECRET", id="257 chars"
        ),
        pytest.param(
            {"TELEGRAM_API_BASE_URL": "api.telegram.org/bot"},
            "TELEGRAM_API_BASE_URL",
            id="base URL without scheme",
        ),
    ],
)
def test_a_malformed_value_is_refused_naming_the_variable(
    environ: dict[str, str], variable: str
) -> None:
    with pytest.raises(SettingsError, match=variable):
        Settings.from_env(environ)


def test_a_256_character_secret_is_telegrams_maximum_and_accepted() -> None:
    Settings.from_env({"TELEGRAM_WEBHOOK_SECRET": "x" * 256})


@pytest.mark.parametrize(
    ("telegram", "variable"),
    [
        pytest.param(
            {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_SECRET": "short-secret"},
            "TELEGRAM_WEBHOOK_SECRET",
            id="short secret",
        ),
        pytest.param(
            {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_SECRET": "change-me" * 5},
            "TELEGRAM_WEBHOOK_SECRET",
            id="placeholder secret",
        ),
        pytest.param(
            {
                "TELEGRAM_BOT_TOKEN": "123:change-me-change-me-change-me",
                "TELEGRAM_WEBHOOK_SECRET": STRONG_SECRET,
            },
            "TELEGRAM_BOT_TOKEN",
            id="placeholder token",
        ),
        pytest.param(
            {"TELEGRAM_API_BASE_URL": "http://bot-api.internal:8081/bot"},
            "TELEGRAM_API_BASE_URL",
            id="plain http to another machine",
        ),
        pytest.param(
            {"TELEGRAM_API_BASE_URL": "https://bot-api.example.org/bot"},
            "TELEGRAM_API_BASE_URL",
            id="placeholder base URL",
        ),
    ],
)
def test_production_refuses_weak_or_placeholder_values(
    telegram: dict[str, str], variable: str
) -> None:
    with pytest.raises(SettingsError, match=variable):
        Settings.from_env({**PRODUCTION, **telegram})
    Settings.from_env(telegram)  # a developer may use them


def test_production_accepts_a_strong_secret_and_a_local_bot_api_server() -> None:
    settings = Settings.from_env(
        {
            **PRODUCTION,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_WEBHOOK_SECRET": STRONG_SECRET,
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot",
        }
    )

    assert TelegramConfig.load(None, settings).configured


def test_credentials_values_override_settings_and_empty_ones_do_not() -> None:
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_SECRET": "env"})

    config = TelegramConfig.load(
        {"webhook_secret": "from-credentials", "bot_token": "  ", "api_base_url": None}, settings
    )

    assert config == TelegramConfig(token=TOKEN, secret="from-credentials", base_url=None)


def test_credentials_values_are_checked_like_settings() -> None:
    settings = Settings.from_env(PRODUCTION)

    with pytest.raises(SettingsError, match="TELEGRAM_WEBHOOK_SECRET"):
        TelegramConfig.load({"bot_token": TOKEN, "webhook_secret": "weak"}, settings)


def test_an_unknown_credentials_key_is_refused_by_name() -> None:
    with pytest.raises(SettingsError, match="access_token"):
        TelegramConfig.load({"access_token": TOKEN}, Settings.from_env({}))


def test_the_projects_credentials_file_loads_the_channel_without_values() -> None:
    text = (ROOT / "credentials.yml").read_text()

    assert "bot.channels.telegram.TelegramInput:" in text
    assert "${" not in text  # `make run` must work without any Telegram variable
    assert credentials_entry(ROOT / "credentials.yml") == {}


def test_a_credentials_entry_is_read_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "credentials.yml"
    path.write_text("bot.channels.telegram.TelegramInput:\n  webhook_secret: abc\nrest:\n")

    assert credentials_entry(path) == {"webhook_secret": "abc"}
    assert credentials_entry(tmp_path / "missing.yml") == {}


def test_env_example_documents_every_telegram_variable() -> None:
    example = (ROOT / ".env.example").read_text()

    for name in ("TELEGRAM_BOT_TOKEN=", "TELEGRAM_WEBHOOK_SECRET=", "TELEGRAM_API_BASE_URL="):
        assert f"\n{name}" in example
