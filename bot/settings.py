"""The one place the assistant reads environment variables.

Every setting is documented in `.env.example`. `Settings.from_env()` checks them all at once and
raises `SettingsError` naming the variable, so a bad deployment fails at start-up instead of in
front of a family. Outside development, values copied unchanged from the example file (or other
obvious placeholders) are refused.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

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
        )
        settings.check()
        return settings

    @property
    def is_development(self) -> bool:
        """True on a developer's machine, where placeholders are allowed."""
        return self.environment == "development"

    @property
    def organisation(self) -> str:
        """The organisation's name as a sentence can use it."""
        return self.organisation_name or "the organisation"

    def check(self) -> None:
        """Raise `SettingsError` for a malformed value, or a placeholder outside development."""
        _check_database_url(self.database_url, strict=not self.is_development)
        if self.clearinghouse_questionnaire_url is not None:
            _check_web_address(
                "CLEARINGHOUSE_QUESTIONNAIRE_URL",
                self.clearinghouse_questionnaire_url,
                https_only=not self.is_development,
            )
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
