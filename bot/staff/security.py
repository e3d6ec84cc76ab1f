"""Who may see what: Flask-Login's user, the sign-in guard, role checks, security headers.

Outside development, a request that carries X-Forwarded-For or Forwarded while
STAFF_PROXY_COUNT=0 is refused: a proxy the console was not told about means every client looks
like the proxy (so the sign-in limiter would count them all as one address), and a client that
sends the header itself must not be believed either. The fix is to set STAFF_PROXY_COUNT.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Flask, Response, abort, current_app, render_template, request, session
from flask_login import (  # type: ignore[import-untyped]
    AnonymousUserMixin,
    LoginManager,
    UserMixin,
    current_user,
    logout_user,
)
from flask_login import login_required as flask_login_required

from bot.storage.schema import StaffRole

from .accounts import StaffUser, get_user
from .database import db

logger = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])

# When the session signed in (seconds since the epoch): sessions end this long after it, however
# busy they have been (app.config["STAFF_SESSION_MAX_AGE"], from STAFF_SESSION_MAX_HOURS).
SIGNED_IN_AT = "signed_in_at"
# Reachable without signing in: the sign-in page and the stylesheet it uses.
PUBLIC_ENDPOINTS = frozenset({"auth.login", "static"})
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
PROXY_HEADERS = ("X-Forwarded-For", "Forwarded")
UNEXPECTED_PROXY = (
    "This console received a request through a proxy it was not told about. An administrator "
    "must set STAFF_PROXY_COUNT to the number of proxies in front of it."
)


class LoginUser(UserMixin):  # type: ignore[misc]
    """The signed-in staff member, as Flask-Login sees them."""

    def __init__(self, account: StaffUser) -> None:
        self.account = account

    def get_id(self) -> str:
        """The account id and its session token: a new token ends older sessions."""
        return f"{self.account.id}:{self.account.session_token}"

    @property
    def username(self) -> str:
        """The account's username."""
        return self.account.username

    @property
    def is_admin(self) -> bool:
        """True for admins."""
        return self.account.is_admin


class Anonymous(AnonymousUserMixin):  # type: ignore[misc]
    """Nobody signed in."""

    username = None
    is_admin = False


def load_user(user_id: str) -> LoginUser | None:
    """The session's account, if it is still active and the token still current."""
    number, _, token = user_id.partition(":")
    if not number.isdigit():
        return None
    account = get_user(db(), int(number))
    if account is None or not account.active or account.session_token != token:
        return None
    return LoginUser(account)


def init_login(app: Flask) -> LoginManager:
    """Flask-Login on `app`, and the guard that sends strangers to the sign-in page."""
    manager = LoginManager(app)
    manager.login_view = "auth.login"
    manager.login_message = "Please sign in to continue."
    manager.login_message_category = "info"
    manager.session_protection = "strong"
    manager.anonymous_user = Anonymous
    manager.user_loader(load_user)
    app.before_request(refuse_unexpected_proxy)

    @app.before_request
    def require_sign_in() -> Any:
        if current_user.is_authenticated and _too_old():
            logout_user()
            session.clear()
        if request.endpoint in PUBLIC_ENDPOINTS or current_user.is_authenticated:
            return None
        return manager.unauthorized()

    return manager


def refuse_unexpected_proxy() -> tuple[str, int] | None:
    """Outside development with STAFF_PROXY_COUNT=0, refuse requests with a proxy header."""
    settings = current_app.extensions.get("staff_settings")
    if settings is None or settings.is_development or settings.staff_proxy_count:
        return None
    present = [name for name in PROXY_HEADERS if name in request.headers]
    if not present:
        return None
    # The header's name only: its value is a client's address.
    logger.error(
        "Staff console: refused a request with %s while STAFF_PROXY_COUNT=0; set "
        "STAFF_PROXY_COUNT to the number of proxies in front of the console",
        " and ".join(present),
    )
    return render_template("error.html", code=400, message=UNEXPECTED_PROXY), 400


def _too_old() -> bool:
    """Whether the session signed in longer ago than the absolute lifetime (or never said when)."""
    signed_in_at = session.get(SIGNED_IN_AT)
    if not isinstance(signed_in_at, int | float):
        return True
    max_age: timedelta = current_app.config["STAFF_SESSION_MAX_AGE"]
    return time.time() - signed_in_at > max_age.total_seconds()


def login_required(view: F) -> F:
    """Only for signed-in staff (the app also guards every endpoint)."""
    return cast(F, flask_login_required(view))


def role_required(role: StaffRole) -> Callable[[F], F]:
    """Only for signed-in staff with `role` (admins may do everything)."""

    def decorate(view: F) -> F:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return flask_login_required(view)(*args, **kwargs)
            if role is StaffRole.ADMIN and not current_user.is_admin:
                abort(403)
            return view(*args, **kwargs)

        return cast(F, guarded)

    return decorate


def secure_headers(response: Response) -> Response:
    """No framing, no sniffing, no caching of pages with family details, our scripts only."""
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    # Same-origin only: Flask-WTF checks the Referer of HTTPS form posts against the host.
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.endpoint not in ("static", "assets.vendor"):
        response.headers["Cache-Control"] = "no-store"
    return response
