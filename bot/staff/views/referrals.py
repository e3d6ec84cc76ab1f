"""The referral queue: what the assistant recorded, worked by staff."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user  # type: ignore[import-untyped]
from werkzeug.wrappers import Response

from bot.storage import ReferralStatus, get_referral

from .. import audit, review
from ..accounts import list_users
from ..database import db
from ..forms import STATUS_LABELS, ReferralUpdateForm
from ..referral_queue import UNASSIGNED, queue, update
from ..review import ReviewError

bp = Blueprint("referrals", __name__, url_prefix="/referrals")


@bp.route("/")
def index() -> str | tuple[str, int]:
    """The queue, newest first, by status and assignee."""
    status_text = request.args.get("status") or None
    assignee = request.args.get("assignee") or None
    page_text = request.args.get("page", "1")
    if status_text is not None and status_text not in STATUS_LABELS:
        flash("Choose a status from the list.", "error")
        status_text = None
    page_number = int(page_text) if page_text.isdigit() and int(page_text) > 0 else 1
    status = ReferralStatus(status_text) if status_text else None
    result = queue(db(), status=status, assignee=assignee, page=page_number)
    return render_template(
        "referrals/list.html",
        result=result,
        status=status_text,
        assignee=assignee,
        statuses=STATUS_LABELS,
        staff=[user.username for user in list_users(db()) if user.active],
        unassigned=UNASSIGNED,
    )


@bp.route("/<int:referral_id>", methods=["GET", "POST"])
def detail(referral_id: int) -> Response | str | tuple[str, int]:
    """One referral: the family's summary, the engine's assessment, notes, and its status."""
    session = db()
    referral = get_referral(session, referral_id)
    if referral is None:
        abort(404)
    form = ReferralUpdateForm(status=referral.status.value, assignee=referral.assignee or "")
    staff = [user.username for user in list_users(session) if user.active]
    choices = [("", "Nobody"), *((name, name) for name in staff)]
    if referral.assignee and referral.assignee not in staff:
        choices.append((referral.assignee, referral.assignee))
    form.assignee.choices = choices
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                update(
                    session,
                    referral_id,
                    status=ReferralStatus(form.status.data),
                    assignee=form.assignee.data or None,
                    note=form.note.data,
                    by=current_user.username,
                )
            except ReviewError as error:
                form.note.errors.append(str(error))
            else:
                audit.record(
                    session,
                    current_user.username,
                    "update_referral",
                    str(referral_id),
                    f"status {form.status.data}, assignee {form.assignee.data or 'nobody'}",
                )
                session.commit()
                flash("Referral updated.", "success")
                return redirect(url_for("referrals.detail", referral_id=referral_id))
        status_code = 400
    else:
        status_code = 200
        audit.record(session, current_user.username, "view_referral", str(referral_id))
        session.commit()
    return render_template(
        "referrals/detail.html",
        referral=referral,
        form=form,
        notes=review.notes_of(session, referral_id=referral_id),
        statuses=STATUS_LABELS,
    ), status_code
