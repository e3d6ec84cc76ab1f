"""The staff console: a Flask app for Clearinghouse staff and volunteers.

Review conversations (what families asked, what the assistant understood and did), flag
misunderstandings and export them as NLU training data, work the referral queue, see the
dashboard, and erase data on request. `create_app` is the factory waitress calls
(`waitress-serve --call bot.staff:create_app`); commands: `python -m bot.staff --help`.
"""

from __future__ import annotations

import traceback
from datetime import datetime
from types import TracebackType

from flask import Flask, redirect, request, url_for
from flask_wtf.csrf import CSRFProtect  # type: ignore[import-untyped]
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

from bot.logs import install as install_log_safeguard
from bot.settings import Settings, get_settings

from .config import flask_config
from .database import ENGINE_KEY, check_schema, close_session, console_engine
from .errors import register_error_pages
from .security import init_login, secure_headers
from .views import admin, assets, auth, conversations, dashboard, referrals


class StaffConsole(Flask):
    """Flask, except that an unexpected error is logged without its message.

    Database errors quote the row that failed (PostgreSQL's "Failing row contains ..."), which
    may be a family's words or a staff note: the log gets the error's type, the page and the
    code lines, never the message.
    """

    def log_exception(
        self,
        exc_info: tuple[type, BaseException, TracebackType] | tuple[None, None, None],
    ) -> None:
        """Log the error's type, the endpoint and the stack, not the error's text."""
        kind, _, trace = exc_info
        frames = "".join(traceback.format_tb(trace)) if trace is not None else ""
        self.logger.error(
            "Unexpected %s on %s %s\n%s",
            kind.__name__ if kind is not None else "error",
            request.method,
            request.endpoint,
            frames,
        )


def create_app(settings: Settings | None = None) -> Flask:
    """The console for `settings` (default: from the environment)."""
    install_log_safeguard()
    settings = settings or get_settings()
    check_schema(settings.database_url)
    app = StaffConsole(__name__)
    app.config.update(flask_config(settings))
    app.extensions[ENGINE_KEY] = console_engine(settings.database_url)
    app.extensions["staff_settings"] = settings
    if settings.staff_proxy_count:
        count = settings.staff_proxy_count
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=count, x_proto=count, x_host=count
        )
    CSRFProtect(app)
    init_login(app)
    for blueprint in (
        auth.bp,
        conversations.bp,
        referrals.bp,
        dashboard.bp,
        admin.bp,
        assets.bp,
    ):
        app.register_blueprint(blueprint)
    app.teardown_appcontext(close_session)
    app.after_request(secure_headers)
    register_error_pages(app)
    app.add_template_filter(_when, "when")
    app.add_template_filter(_percent, "percent")

    @app.route("/")
    def home() -> Response:
        return redirect(url_for("conversations.index"))

    return app


def _when(moment: datetime | None) -> str:
    """A moment as staff read it: 2026-03-10 14:30 UTC."""
    return "" if moment is None else moment.strftime("%Y-%m-%d %H:%M UTC")


def _percent(value: float | None) -> str:
    """0.8731 -> 87%."""
    return "–" if value is None else f"{value:.0%}"


__all__ = ["create_app"]
