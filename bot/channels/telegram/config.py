"""Where the channel's token, webhook secret and Bot API address come from.

`bot/settings.py` (TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET, TELEGRAM_API_BASE_URL) gives the
defaults; non-empty values under the channel in `credentials.yml` override them. Both are checked
by the same rules, so a bad value stops Rasa at start-up with the name of what to fix.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.settings import Settings, SettingsError, check_telegram, get_settings

CREDENTIALS_KEY = "bot.channels.telegram.TelegramInput"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# credentials.yml key -> the environment variable it overrides.
CREDENTIAL_NAMES: dict[str, str] = {
    "bot_token": "TELEGRAM_BOT_TOKEN",
    "webhook_secret": "TELEGRAM_WEBHOOK_SECRET",
    "api_base_url": "TELEGRAM_API_BASE_URL",
}
NOT_CONFIGURED = (
    "Telegram is not configured: set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET "
    "(see docs/telegram.md)."
)


@dataclass(frozen=True)
class TelegramConfig:
    """The bot token, the webhook secret and the Bot API base URL (None: Telegram's)."""

    token: str | None = None
    secret: str | None = None
    base_url: str | None = None
    development: bool = True

    @property
    def configured(self) -> bool:
        """True when the channel can talk to Telegram and check its updates."""
        return self.token is not None and self.secret is not None

    @classmethod
    def load(
        cls, credentials: Mapping[str, Any] | None = None, settings: Settings | None = None
    ) -> TelegramConfig:
        """Settings overridden by the channel's non-empty `credentials.yml` values."""
        settings = settings or get_settings()
        given = dict(credentials or {})
        unknown = sorted(set(given) - set(CREDENTIAL_NAMES))
        if unknown:
            raise SettingsError(
                f"credentials.yml: unknown key(s) {', '.join(unknown)} under {CREDENTIALS_KEY}; "
                f"use {', '.join(CREDENTIAL_NAMES)}"
            )

        def pick(key: str, default: str | None) -> str | None:
            value = given.get(key)
            text = "" if value is None else str(value).strip()
            return text or default

        config = cls(
            token=pick("bot_token", settings.telegram_bot_token),
            secret=pick("webhook_secret", settings.telegram_webhook_secret),
            base_url=pick("api_base_url", settings.telegram_api_base_url),
            development=settings.is_development,
        )
        check_telegram(
            config.token, config.secret, config.base_url, strict=not settings.is_development
        )
        return config


def credentials_entry(path: Path) -> dict[str, Any]:
    """The channel's entry in a credentials file (empty when absent or blank)."""
    with warnings.catch_warnings():  # Rasa's imports warn about their own dependencies
        warnings.simplefilter("ignore", DeprecationWarning)
        from rasa.shared.utils.io import read_config_file

    if not path.is_file():
        return {}
    content = read_config_file(path)  # as `rasa run` reads it, ${VAR}s included
    if not isinstance(content, dict):
        raise SettingsError(f"{path} must be a YAML mapping of channels")
    entry = content.get(CREDENTIALS_KEY) or {}
    if not isinstance(entry, dict):
        raise SettingsError(f"{path}: {CREDENTIALS_KEY} must be a mapping or empty")
    return entry
