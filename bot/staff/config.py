"""The Flask configuration of the staff console, from the project's Settings."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from typing import Any

from bot.settings import (
    STAFF_SECRET_HINT,
    Settings,
    SettingsError,
    require_explicit_environment,
)

logger = logging.getLogger(__name__)

SESSION_COOKIE_NAME = "cr_staff_session"


def secret_key(settings: Settings) -> str:
    """STAFF_SECRET_KEY; required outside development, random per process in development."""
    if settings.staff_secret_key:
        return settings.staff_secret_key
    if not settings.is_development:
        raise SettingsError(
            f"STAFF_SECRET_KEY must be set to run the staff console "
            f"(ENVIRONMENT={settings.environment}); make one with {STAFF_SECRET_HINT}"
        )
    logger.warning(
        "STAFF_SECRET_KEY is not set: using a random key, so staff sessions end whenever the "
        "console restarts (development only)"
    )
    return secrets.token_urlsafe(48)


def flask_config(settings: Settings) -> dict[str, Any]:
    """Sessions, cookies and CSRF for these settings (a deployment must set ENVIRONMENT, and
    SENDER_HASH_KEY, with which the audit log names conversations)."""
    require_explicit_environment(settings)
    settings.sender_hash_key_or_refuse()
    lifetime = timedelta(minutes=settings.staff_session_minutes)
    return {
        "SECRET_KEY": secret_key(settings),
        "PERMANENT_SESSION_LIFETIME": lifetime,
        # However active, a session ends this long after signing in.
        "STAFF_SESSION_MAX_AGE": timedelta(hours=settings.staff_session_max_hours),
        # Every request moves the expiry on: the lifetime is the idle time allowed.
        "SESSION_REFRESH_EACH_REQUEST": True,
        "SESSION_COOKIE_NAME": SESSION_COOKIE_NAME,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": not settings.is_development,
        "REMEMBER_COOKIE_DURATION": timedelta(0),
        # A form stays valid as long as the session that showed it.
        "WTF_CSRF_TIME_LIMIT": int(lifetime.total_seconds()),
        "WTF_CSRF_SSL_STRICT": not settings.is_development,
        "MAX_CONTENT_LENGTH": 64 * 1024,
        "TEMPLATES_AUTO_RELOAD": settings.is_development,
    }
