"""Admins: accounts, the audit log, and NLU training data from corrected messages."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user  # type: ignore[import-untyped]
from werkzeug.wrappers import Response as BaseResponse

from bot.storage.schema import StaffRole, utc_now

from .. import audit
from ..accounts import (
    AccountError,
    active_admins,
    create_user,
    find_user,
    list_users,
    role_of,
    set_active,
    set_password,
    set_role,
)
from ..database import db
from ..forms import ROLE_LABELS, UserCreateForm
from ..nlu_export import training_data
from ..review import corrections
from ..security import role_required

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@role_required(StaffRole.ADMIN)
def admins_only() -> None:
    """Every page here is for admins."""


@bp.route("/users", methods=["GET", "POST"])
def users() -> BaseResponse | str | tuple[str, int]:
    """The accounts, and a form to add one."""
    form = UserCreateForm()
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                account = create_user(
                    db(), form.username.data, form.password.data, role_of(form.role.data)
                )
            except AccountError as error:
                form.form_errors.append(str(error))
            else:
                audit.record(
                    db(), current_user.username, "create_user", account.username, account.role.value
                )
                db().commit()
                flash(f"Account {account.username} created.", "success")
                return redirect(url_for("admin.users"))
        return _users_page(form), 400
    return _users_page(form)


@bp.route("/users/<username>", methods=["POST"])
def change_user(username: str) -> BaseResponse:
    """Change a role, (de)activate, or set a new password."""
    session = db()
    account = find_user(session, username)
    if account is None:
        abort(404)
    change = request.form.get("change", "")
    try:
        demoting = change == "deactivate" or (
            change == "role" and request.form.get("role") != StaffRole.ADMIN.value
        )
        if demoting and account.is_admin and account.active and active_admins(session) <= 1:
            raise AccountError("Keep at least one active admin.")
        if change == "role":
            role = role_of(request.form.get("role", ""))
            set_role(session, username, role)
            detail = f"role {role.value}"
        elif change == "deactivate":
            set_active(session, username, False)
            detail = "deactivated"
        elif change == "activate":
            set_active(session, username, True)
            detail = "activated"
        elif change == "password":
            set_password(session, username, request.form.get("password", ""))
            detail = "new password"
        else:
            abort(400)
    except AccountError as error:
        flash(str(error), "error")
        return redirect(url_for("admin.users"))
    audit.record(session, current_user.username, "update_user", account.username, detail)
    session.commit()
    flash(f"Account {account.username}: {detail}.", "success")
    return redirect(url_for("admin.users"))


@bp.route("/audit")
def audit_log() -> str:
    """Who viewed, exported, erased or changed what, newest first."""
    before = request.args.get("before", "")
    entries = audit.recent(
        db(),
        before_id=int(before) if before.isdigit() else None,
        actor=request.args.get("actor") or None,
        action=request.args.get("action") or None,
        target=request.args.get("target") or None,
    )
    return render_template(
        "admin/audit.html",
        entries=entries,
        actions=audit.ACTIONS,
        query={k: v for k, v in request.args.items() if k != "before" and v},
    )


@bp.route("/export/nlu.yml")
def export_nlu() -> Response:
    """Corrected messages as Rasa NLU training data (YAML), as a download."""
    session = db()
    examples = corrections(session)
    audit.record(session, current_user.username, "export_nlu", detail=f"{len(examples)} messages")
    session.commit()
    today = utc_now().date()
    return Response(
        training_data(examples, today),
        mimetype="application/x-yaml",
        headers={"Content-Disposition": f'attachment; filename="corrections-{today}.yml"'},
    )


def _users_page(form: UserCreateForm) -> str:
    return render_template("admin/users.html", form=form, users=list_users(db()), roles=ROLE_LABELS)
