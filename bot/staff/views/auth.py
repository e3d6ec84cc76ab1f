"""Sign in (rate-limited), sign out, change one's password."""

from __future__ import annotations

import logging
import time
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user  # type: ignore[import-untyped]
from werkzeug.wrappers import Response

from bot.storage.schema import utc_now

from .. import audit, limiter
from ..accounts import AccountError, authenticate, end_sessions, set_password, verify_password
from ..database import db
from ..forms import ActionForm, LoginForm, PasswordChangeForm
from ..security import SIGNED_IN_AT, LoginUser, login_required

logger = logging.getLogger(__name__)
bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | str | tuple[str, int]:
    """The sign-in page."""
    if current_user.is_authenticated:
        return redirect(url_for("conversations.index"))
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("login.html", form=form), 400 if request.method == "POST" else 200
    username, address = form.username.data.strip().lower(), request.remote_addr or "unknown"
    session_db, now = db(), utc_now()
    limiter.prune(session_db, now)
    wait = limiter.retry_after(session_db, username, address, now)
    if wait is not None:
        audit.record(session_db, None, "sign_in_blocked", detail="too many failed attempts")
        session_db.commit()
        minutes = max(1, round(wait.total_seconds() / 60))
        form.form_errors.append(
            f"Too many failed sign-ins. Try again in {minutes} minute{'s' if minutes > 1 else ''}."
        )
        return render_template("login.html", form=form), 429
    account = authenticate(session_db, username, form.password.data)
    if account is None:
        limiter.record_failure(session_db, username, address, now)
        audit.record(session_db, None, "sign_in_failed")
        session_db.commit()
        form.form_errors.append("That username and password do not match an active account.")
        return render_template("login.html", form=form), 401
    limiter.forget_username(session_db, username, address)
    audit.record(session_db, account.username, "sign_in")
    session_db.commit()
    logger.info("Staff member %s signed in", account.username)
    session.clear()
    login_user(LoginUser(account))
    session.permanent = True
    session[SIGNED_IN_AT] = time.time()
    return redirect(_safe_next(request.args.get("next")))


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    """Sign out: the session ends on the server too, so a copied cookie no longer works."""
    end_sessions(db(), current_user.account.id)
    audit.record(db(), current_user.username, "sign_out")
    db().commit()
    logout_user()
    session.clear()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password() -> Response | str | tuple[str, int]:
    """Change one's own password (other sessions end)."""
    form = PasswordChangeForm()
    if not form.validate_on_submit():
        return render_template(
            "account_password.html", form=form
        ), 400 if request.method == "POST" else 200
    session_db = db()
    if not verify_password(session_db, current_user.account.id, form.current.data):
        form.current.errors.append("That is not your current password.")
        return render_template("account_password.html", form=form), 400
    try:
        account = set_password(session_db, current_user.username, form.new.data)
    except AccountError as error:
        form.new.errors.append(str(error))
        return render_template("account_password.html", form=form), 400
    audit.record(session_db, account.username, "change_password", account.username)
    session_db.commit()
    login_user(LoginUser(account))
    flash("Your password is changed. Other sessions of yours have ended.", "success")
    return redirect(url_for("conversations.index"))


@bp.app_context_processor
def forms_for_every_page() -> dict[str, object]:
    """The sign-out button's form."""
    return {"action_form": ActionForm()}


def _safe_next(target: str | None) -> str:
    """Only a path on this site; anything else goes to the conversation list."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("conversations.index")
