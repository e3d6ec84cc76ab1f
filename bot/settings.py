"""The one place the assistant reads environment variables.

Every setting is documented in `.env.example`. `Settings.from_env()` checks them all at once and
raises `SettingsError` naming the variable, so a bad deployment fails at start-up instead of in
front of a family. Outside development, values copied unchanged from the example file (or other
obvious placeholders) are refused.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.origins import LOOPBACK_HOSTS, OriginError, is_loopback, parse_origins

Environment = Literal["development", "production"]
ENVIRONMENTS: tuple[Environment, ...] = ("development", "production")
DEFAULT_DATABASE_URL = "sqlite:///rasa.db"

# Values that mark "fill this in": the example file uses them on purpose, so that a copy of it
# left unchanged cannot go to production.
PLACEHOLDER_MARKERS: tuple[str, ...] = (
    "change-me",
    "changeme",
    "replace-me",
    "example.org",
    "example.com",
    "example.net",
    "555-0100",
)
PLACEHOLDER_PASSWORDS = frozenset({"password", "secret", "postgres", "admin", "123456"})


class SettingsError(ValueError):
    """A setting is missing, malformed or a placeholder; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    """The assistant's configuration, read once from the environment."""

    database_url: str = DEFAULT_DATABASE_URL
    clearinghouse_questionnaire_url: str | None = None
    organisation_name: str | None = None
    organisation_contact: str | None = None
    environment: Environment = "development"
    # Messages one Rasa process works on at once, first come first served (bot/channels/gate.py).
    messages_at_once: int = 2
    # Limits (bot/channels/gate.py, bot/channels/ratelimit.py, bot/server.py).
    turn_timeout_seconds: int = 20
    action_timeout_seconds: int = 10
    rate_limit_per_address: int = 60
    rate_limit_per_sender: int = 20
    proxy_count: int = 0
    # Redis shared by Rasa replicas (Telegram's seen update ids); None: in-process only.
    redis_url: str | None = None
    # Whether ENVIRONMENT was given (from_env) rather than defaulted: production must say so.
    environment_explicit: bool = field(default=True, compare=False)
    # Telegram channel (bot/channels/telegram, docs/telegram.md): no token, no Telegram.
    telegram_bot_token: str | None = None
    telegram_webhook_secret: str | None = None
    telegram_api_base_url: str | None = None
    # Web chat widget (bot/channels/webchat/, docs/widget.md): websites allowed to embed it.
    webchat_allowed_origins: tuple[str, ...] = ("http://localhost:5005",)
    # Staff console (bot/staff, docs/staff.md): no key in development means a random one.
    staff_secret_key: str | None = None
    staff_session_minutes: int = 60
    staff_session_max_hours: int = 12
    retention_days: int | None = None
    staff_proxy_count: int = 0
    # The key of the sender id's keyed hash (bot/storage/pseudonyms.py): audit log, event broker.
    sender_hash_key: str | None = None
    # The endpoints file whose lock store the staff console and the purge command share with
    # Rasa, to hold a conversation's lock while erasing it (bot/storage/lock_store.py).
    endpoints_file: str = "endpoints.yml"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from `environ` (default: the process environment); empty means unset."""
        env = os.environ if environ is None else environ

        def read(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        environment = read("ENVIRONMENT") or "development"
        if environment not in ENVIRONMENTS:
            raise SettingsError(
                f"ENVIRONMENT must be one of {', '.join(ENVIRONMENTS)}, not {environment!r}"
            )
        settings = cls(
            database_url=read("DATABASE_URL") or DEFAULT_DATABASE_URL,
            clearinghouse_questionnaire_url=read("CLEARINGHOUSE_QUESTIONNAIRE_URL"),
            organisation_name=read("ORGANISATION_NAME"),
            organisation_contact=read("ORGANISATION_CONTACT"),
            environment=environment,
            messages_at_once=whole_number(env, "MESSAGES_AT_ONCE", minimum=1) or 2,
            # Limits.
            turn_timeout_seconds=whole_number(env, "TURN_TIMEOUT_SECONDS", minimum=2) or 20,
            action_timeout_seconds=whole_number(env, "ACTION_TIMEOUT_SECONDS", minimum=1) or 10,
            rate_limit_per_address=whole_number(env, "RATE_LIMIT_PER_ADDRESS", minimum=1) or 60,
            rate_limit_per_sender=whole_number(env, "RATE_LIMIT_PER_SENDER", minimum=1) or 20,
            proxy_count=whole_number(env, "PROXY_COUNT", minimum=0) or 0,
            redis_url=read("REDIS_URL"),
            environment_explicit=read("ENVIRONMENT") is not None,
            # Telegram channel.
            telegram_bot_token=read("TELEGRAM_BOT_TOKEN"),
            telegram_webhook_secret=read("TELEGRAM_WEBHOOK_SECRET"),
            telegram_api_base_url=read("TELEGRAM_API_BASE_URL"),
            # Web chat widget.
            webchat_allowed_origins=read_webchat_origins(read("WEBCHAT_ALLOWED_ORIGINS")),
            # Staff console.
            staff_secret_key=read("STAFF_SECRET_KEY"),
            staff_session_minutes=whole_number(env, "STAFF_SESSION_MINUTES", minimum=1) or 60,
            staff_session_max_hours=whole_number(env, "STAFF_SESSION_MAX_HOURS", minimum=1) or 12,
            retention_days=whole_number(env, "RETENTION_DAYS", minimum=1),
            staff_proxy_count=whole_number(env, "STAFF_PROXY_COUNT", minimum=0) or 0,
            sender_hash_key=read("SENDER_HASH_KEY"),
            endpoints_file=read("ENDPOINTS_FILE") or "endpoints.yml",
        )
        settings.check()
        return settings

    @property
    def is_development(self) -> bool:
        """True on a developer's machine, where placeholders are allowed."""
        return self.environment == "development"

    def sender_hash_key_or_refuse(self) -> str:
        """SENDER_HASH_KEY; in development, when unset, the documented development-only key."""
        if self.sender_hash_key is not None:
            return self.sender_hash_key
        if self.is_development:
            return DEVELOPMENT_SENDER_HASH_KEY
        raise SettingsError(
            "SENDER_HASH_KEY must be set outside development: the audit log and the event "
            f"broker keep conversation ids only as a keyed hash. Make one with {SENDER_HASH_HINT}"
        )

    @property
    def organisation(self) -> str:
        """The organization's name as a sentence can use it."""
        return self.organisation_name or "the organization"

    def check(self) -> None:
        """Raise `SettingsError` for a malformed value, or a placeholder outside development."""
        _check_database_url(self.database_url, strict=not self.is_development)
        check_limits(self)
        if self.clearinghouse_questionnaire_url is not None:
            _check_web_address(
                "CLEARINGHOUSE_QUESTIONNAIRE_URL",
                self.clearinghouse_questionnaire_url,
                https_only=not self.is_development,
            )
        # Telegram channel.
        check_telegram(
            self.telegram_bot_token,
            self.telegram_webhook_secret,
            self.telegram_api_base_url,
            strict=not self.is_development,
        )
        # Web chat widget.
        check_webchat_origins(self.webchat_allowed_origins, strict=not self.is_development)
        # Staff console.
        check_staff_secret_key(self.staff_secret_key, strict=not self.is_development)
        check_sender_hash_key(self.sender_hash_key, strict=not self.is_development)
        if self.is_development:
            return
        for name, value in (
            ("CLEARINGHOUSE_QUESTIONNAIRE_URL", self.clearinghouse_questionnaire_url),
            ("ORGANISATION_NAME", self.organisation_name),
            ("ORGANISATION_CONTACT", self.organisation_contact),
        ):
            if value is not None and _is_placeholder(value):
                raise SettingsError(
                    f"{name} still holds a placeholder from .env.example; set the real value "
                    f"or leave it empty (ENVIRONMENT={self.environment})"
                )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read from the environment on first use."""
    return Settings.from_env()


def _is_placeholder(value: str) -> bool:
    lowered = value.lower()
    return any(marker in lowered for marker in PLACEHOLDER_MARKERS)


def _check_database_url(value: str, *, strict: bool) -> None:
    try:
        url = make_url(value)
    except ArgumentError as error:
        raise SettingsError(
            "DATABASE_URL is not a database URL (e.g. postgresql://user:password@host:5432/name)"
        ) from error
    if not strict:
        return
    password = str(url.password or "")
    if _is_placeholder(password) or password.lower() in PLACEHOLDER_PASSWORDS:
        raise SettingsError("DATABASE_URL has a placeholder password; set the real one")
    if _is_placeholder(url.host or ""):
        raise SettingsError("DATABASE_URL points at a placeholder host; set the real one")


def _check_web_address(name: str, value: str, *, https_only: bool) -> None:
    parts = urlsplit(value)
    schemes = ("https",) if https_only else ("https", "http")
    if parts.scheme not in schemes or not parts.netloc or any(c.isspace() for c in value):
        raise SettingsError(f"{name} must be a full {' or '.join(schemes)}:// address")


# --- Telegram channel (bot/channels/telegram, docs/telegram.md) ---
TELEGRAM_SECRET_CHARS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
)
TELEGRAM_SECRET_MAX_CHARS = 256  # Telegram's limit for setWebhook's secret_token
TELEGRAM_SECRET_MIN_CHARS_PRODUCTION = 32
NEW_SECRET_HINT = 'python -c "import secrets; print(secrets.token_urlsafe(32))"'


def check_telegram(
    token: str | None, secret: str | None, base_url: str | None, *, strict: bool
) -> None:
    """Raise `SettingsError` for a malformed Telegram setting, or a weak one when `strict`."""
    if token is not None:
        bot_id, _, key = token.partition(":")
        well_formed = bot_id.isascii() and bot_id.isdigit() and len(key) >= 20
        if not well_formed or not set(key) <= TELEGRAM_SECRET_CHARS:
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token from @BotFather "
                "(digits, a colon, then letters, digits, '_' or '-')"
            )
        if strict and _is_placeholder(token):
            raise SettingsError("TELEGRAM_BOT_TOKEN is a placeholder; set the real one")
        if secret is None:
            raise SettingsError(
                "TELEGRAM_WEBHOOK_SECRET must be set when TELEGRAM_BOT_TOKEN is: it proves "
                f"that updates come from Telegram. Make one with {NEW_SECRET_HINT}"
            )
    if secret is not None:
        if len(secret) > TELEGRAM_SECRET_MAX_CHARS or not set(secret) <= TELEGRAM_SECRET_CHARS:
            raise SettingsError(
                "TELEGRAM_WEBHOOK_SECRET must be 1 to 256 letters, digits, '_' or '-' "
                "(Telegram's rule)"
            )
        if strict and (
            len(secret) < TELEGRAM_SECRET_MIN_CHARS_PRODUCTION or _is_placeholder(secret)
        ):
            raise SettingsError(
                f"TELEGRAM_WEBHOOK_SECRET must be at least {TELEGRAM_SECRET_MIN_CHARS_PRODUCTION} "
                f"random characters and not a placeholder; make one with {NEW_SECRET_HINT}"
            )
    if base_url is not None:
        host = urlsplit(base_url).hostname or ""
        _check_web_address(
            "TELEGRAM_API_BASE_URL", base_url, https_only=strict and host not in LOOPBACK_HOSTS
        )
        if strict and _is_placeholder(base_url):
            raise SettingsError("TELEGRAM_API_BASE_URL is a placeholder; set the real one")


# --- Web chat widget (bot/channels/webchat/, docs/widget.md) ---
DEFAULT_WEBCHAT_ALLOWED_ORIGINS: tuple[str, ...] = Settings.webchat_allowed_origins


def read_webchat_origins(value: str | None) -> tuple[str, ...]:
    """WEBCHAT_ALLOWED_ORIGINS (comma-separated) in canonical form; unset means the default."""
    if value is None:
        return DEFAULT_WEBCHAT_ALLOWED_ORIGINS
    try:
        return parse_origins(value)
    except OriginError as error:
        raise SettingsError(f"WEBCHAT_ALLOWED_ORIGINS: {error}") from error


def check_webchat_origins(origins: tuple[str, ...], *, strict: bool) -> None:
    """Raise `SettingsError` for an empty list, or (when `strict`) a placeholder or plain http."""
    if not origins:
        raise SettingsError("WEBCHAT_ALLOWED_ORIGINS must list at least one website")
    for origin in origins if strict else ():
        if _is_placeholder(origin):
            raise SettingsError(f"WEBCHAT_ALLOWED_ORIGINS still holds a placeholder: {origin}")
        if origin.startswith("http://") and not is_loopback(origin):
            raise SettingsError(
                f"WEBCHAT_ALLOWED_ORIGINS must use https:// outside development: {origin}"
            )


# --- Staff console (bot/staff, docs/staff.md) ---
STAFF_SECRET_MIN_CHARS_PRODUCTION = 32
STAFF_SECRET_HINT = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'


def whole_number(env: Mapping[str, str], name: str, *, minimum: int) -> int | None:
    """Variable `name` as a whole number of at least `minimum`; None when unset or empty."""
    value = env.get(name, "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or int(value) < minimum:
        raise SettingsError(f"{name} must be a whole number of at least {minimum}, not {value!r}")
    return int(value)


def check_staff_secret_key(key: str | None, *, strict: bool) -> None:
    """Refuse a short or placeholder STAFF_SECRET_KEY outside development.

    Its absence is refused by the staff console itself when it starts (bot.staff.config), so
    that the Rasa and action servers, which never use it, need not carry it.
    """
    if key is None or not strict:
        return
    if len(key) < STAFF_SECRET_MIN_CHARS_PRODUCTION or _is_placeholder(key):
        raise SettingsError(
            f"STAFF_SECRET_KEY must be at least {STAFF_SECRET_MIN_CHARS_PRODUCTION} random "
            f"characters and not a placeholder; make one with {STAFF_SECRET_HINT}"
        )


# --- Limits (bot/channels/gate.py, bot/channels/ratelimit.py, bot/server.py) ---


def check_limits(settings: Settings) -> None:
    """The action call must give up before the turn does, or the turn timeout always wins."""
    if settings.action_timeout_seconds >= settings.turn_timeout_seconds:
        raise SettingsError(
            f"ACTION_TIMEOUT_SECONDS ({settings.action_timeout_seconds}) must be less than "
            f"TURN_TIMEOUT_SECONDS ({settings.turn_timeout_seconds})"
        )
    if settings.redis_url is not None and urlsplit(settings.redis_url).scheme not in (
        "redis",
        "rediss",
        "unix",
    ):
        raise SettingsError("REDIS_URL must be a redis://, rediss:// or unix:// address")


# --- Production must say it is production ---


def production_evident(database_url: str, endpoints: Mapping[str, object] | None = None) -> str:
    """Why this looks like a production deployment ('' when it does not).

    The rule: a database other than SQLite (DATABASE_URL, or the tracker store in the endpoints
    file Rasa loads), a Redis lock store, or an event broker means several machines or outside
    services, which only deployments use; `make run` uses none of them.
    """
    if not database_url.startswith("sqlite"):
        return "DATABASE_URL is not SQLite"
    sections = endpoints or {}
    tracker_store = sections.get("tracker_store")
    if isinstance(tracker_store, Mapping) and str(tracker_store.get("dialect", "sqlite")) not in (
        "sqlite",
        "None",
    ):
        return "the endpoints file's tracker store is not SQLite"
    lock_store = sections.get("lock_store")
    if isinstance(lock_store, Mapping) and lock_store.get("type") == "redis":
        return "the endpoints file uses a Redis lock store"
    if sections.get("event_broker"):
        return "the endpoints file has an event broker"
    return ""


def require_explicit_environment(
    settings: Settings, endpoints: Mapping[str, object] | None = None
) -> None:
    """Refuse to start a deployment that did not set ENVIRONMENT (it would run as development)."""
    reason = production_evident(settings.database_url, endpoints)
    if reason and not settings.environment_explicit:
        raise SettingsError(
            f"ENVIRONMENT must be set (production, or development on purpose): {reason}, "
            "so this looks like a deployment, and an unset ENVIRONMENT would allow placeholders"
        )


# --- Keyed hash of sender ids (bot/storage/pseudonyms.py) ---
SENDER_HASH_KEY_MIN_CHARS = 32
SENDER_HASH_HINT = 'python -c "import secrets; print(secrets.token_urlsafe(32))"'
# Development only (documented in .env.example): anyone can compute hashes made with it.
DEVELOPMENT_SENDER_HASH_KEY = "development-only-sender-hash-key-never-use-in-production"


def check_sender_hash_key(key: str | None, *, strict: bool) -> None:
    """Refuse a short or placeholder SENDER_HASH_KEY (or the development key) when `strict`.

    Its absence is refused where the key is used (`Settings.sender_hash_key_or_refuse`): the
    Rasa server and the staff console check it as they start.
    """
    if key is None or not strict:
        return
    if (
        len(key) < SENDER_HASH_KEY_MIN_CHARS
        or _is_placeholder(key)
        or key == DEVELOPMENT_SENDER_HASH_KEY
    ):
        raise SettingsError(
            f"SENDER_HASH_KEY must be at least {SENDER_HASH_KEY_MIN_CHARS} random characters, "
            f"not a placeholder nor the development key; make one with {SENDER_HASH_HINT}"
        )
