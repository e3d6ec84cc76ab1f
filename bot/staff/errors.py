"""Friendly error pages (no stack traces, no request data)."""

from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError  # type: ignore[import-untyped]
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: "The request could not be used. Go back and try again.",
    403: "Your account cannot do this. Ask an admin if you need to.",
    404: "There is nothing here. It may have been erased.",
    405: "This page cannot be used that way.",
    413: "That is too much text for one form.",
    429: "Too many attempts. Wait a little and try again.",
    500: "Something went wrong on our side. The error is logged without any family details.",
}


def register_error_pages(app: Flask) -> None:
    """Show MESSAGES instead of Werkzeug's pages."""

    @app.errorhandler(CSRFError)
    def form_expired(error: CSRFError) -> tuple[str, int]:
        return render_template(
            "error.html",
            code=400,
            message="This form has expired or was not sent from the console. Reload the page "
            "and try again.",
        ), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        code = error.code or 500
        message = MESSAGES.get(code, error.description or "")
        return render_template("error.html", code=code, message=message), code
