"""The conversation list, the transcript, and staff's review actions on a conversation."""

from __future__ import annotations

import json
import logging
from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user  # type: ignore[import-untyped]
from rasa.core.lock_store import LockError, LockStore
from werkzeug.wrappers import Response as BaseResponse

from bot.settings import get_settings
from bot.storage import erase_conversation, referrals_for_sender, transaction
from bot.storage.erasure import overwrite_erased_pages
from bot.storage.lock_store import conversation_lock, lock_store_from_endpoints
from bot.storage.pseudonyms import sender_hash
from bot.storage.schema import StaffRole

from .. import audit, review
from ..database import db, engine, refresh_index
from ..events import events_of
from ..filters import OUTCOMES, REVIEW_STATES, Cursor, FilterError, Filters, parse_filters
from ..indexer import pending_events
from ..intents import intent_catalogue
from ..listing import list_conversations
from ..review import ReviewError
from ..security import role_required
from ..transcript import build

logger = logging.getLogger(__name__)
bp = Blueprint("conversations", __name__, url_prefix="/conversations")
ERASE_CONFIRMATION = "erase"
LOCK_STORE_KEY = "staff_lock_store"


@bp.route("/")
def index() -> str | tuple[str, int]:
    """Conversations across all channels, newest first, with filters."""
    report = refresh_index()
    backlog = 0 if report is None or report.caught_up else pending_events(db())
    error = None
    try:
        filters = parse_filters(request.args)
        after = _cursor("after")
        before = None if after else _cursor("before")
    except FilterError as problem:
        error, filters, after, before = str(problem), Filters(), None, None
    page = list_conversations(db(), filters, after=after, before=before)
    return render_template(
        "conversations/list.html",
        page=page,
        filters=filters,
        query=filters.as_query(),
        error=error,
        backlog=backlog,
        review_states=REVIEW_STATES,
        outcomes=OUTCOMES,
        intents=intent_catalogue(),
        tags=review.known_tags(db()),
    ), 400 if error else 200


@bp.route("/view/<path:sender_id>")
def view(sender_id: str) -> str:
    """One conversation in order, with what the assistant understood and did."""
    refresh_index()
    session = db()
    rows = list(events_of(session, [sender_id]))
    referrals = referrals_for_sender(session, sender_id)
    if not rows and not referrals:
        abort(404)
    audit.record(session, current_user.username, "view_conversation", sender_id)
    session.commit()
    return render_template(
        "conversations/transcript.html",
        sender_id=sender_id,
        transcript=build(sender_id, rows),
        referrals=referrals,
        tags=review.tags_of(session, sender_id),
        notes=review.notes_of(session, sender_id),
        flags=review.flags_of(session, sender_id),
        review_state=review.review_of(session, sender_id),
        intents=intent_catalogue(),
        erase_confirmation=ERASE_CONFIRMATION,
    )


@bp.route("/tag", methods=["POST"])
def tag() -> BaseResponse:
    """Add a tag."""
    sender_id = _sender()
    try:
        added = review.add_tag(db(), sender_id, request.form.get("tag", ""), current_user.username)
    except ReviewError as error:
        flash(str(error), "error")
        return _back(sender_id)
    audit.record(db(), current_user.username, "tag", sender_id, "added")
    db().commit()
    flash("Tag added." if added else "It already had that tag.", "success")
    return _back(sender_id)


@bp.route("/untag", methods=["POST"])
def untag() -> BaseResponse:
    """Remove a tag."""
    sender_id = _sender()
    review.remove_tag(db(), sender_id, request.form.get("tag", ""))
    audit.record(db(), current_user.username, "tag", sender_id, "removed")
    db().commit()
    flash("Tag removed.", "success")
    return _back(sender_id)


@bp.route("/note", methods=["POST"])
def note() -> BaseResponse:
    """Add a note."""
    sender_id = _sender()
    try:
        review.add_note(db(), sender_id, request.form.get("body", ""), current_user.username)
    except ReviewError as error:
        flash(str(error), "error")
        return _back(sender_id)
    audit.record(db(), current_user.username, "note", sender_id)
    db().commit()
    flash("Note added.", "success")
    return _back(sender_id)


@bp.route("/review", methods=["POST"])
def mark_review() -> BaseResponse:
    """Mark the conversation reviewed, or not reviewed."""
    sender_id = _sender()
    reviewed = request.form.get("reviewed") == "yes"
    if reviewed:
        review.mark_reviewed(db(), sender_id, current_user.username)
    else:
        review.clear_review(db(), sender_id)
    audit.record(
        db(), current_user.username, "review", sender_id, "reviewed" if reviewed else "cleared"
    )
    db().commit()
    flash("Marked reviewed." if reviewed else "Marked not reviewed.", "success")
    return _back(sender_id)


@bp.route("/flag", methods=["POST"])
def flag() -> BaseResponse:
    """Flag a family message as misunderstood, with the intent it should have had."""
    sender_id = _sender()
    event_id = request.form.get("event_id", "")
    corrected = request.form.get("corrected_intent", "").strip() or None
    try:
        if not event_id.isdigit():
            raise ReviewError("Choose a family message to flag.")
        if corrected is not None and corrected not in intent_catalogue():
            raise ReviewError("Choose the corrected intent from the list.")
        review.flag_message(
            db(),
            sender_id,
            int(event_id),
            current_user.username,
            corrected_intent=corrected,
            reason=request.form.get("reason"),
        )
    except ReviewError as error:
        flash(str(error), "error")
        return _back(sender_id)
    audit.record(db(), current_user.username, "flag", sender_id, f"event {event_id}")
    db().commit()
    flash("Message flagged.", "success")
    return _back(sender_id, f"event-{event_id}")


@bp.route("/unflag", methods=["POST"])
def unflag() -> BaseResponse:
    """Remove a message's flag."""
    sender_id = _sender()
    event_id = request.form.get("event_id", "")
    if event_id.isdigit():
        review.unflag(db(), sender_id, int(event_id))
        audit.record(db(), current_user.username, "flag", sender_id, f"removed event {event_id}")
        db().commit()
        flash("Flag removed.", "success")
    return _back(sender_id, f"event-{event_id}")


@bp.route("/erase", methods=["POST"])
@role_required(StaffRole.ADMIN)
def erase() -> BaseResponse:
    """Erase the conversation, its referral and every staff row about it (admins).

    Holds the conversation's lock from the Rasa servers' lock store while erasing, so that a
    message being answered cannot write the conversation back afterwards.
    """
    sender_id = _sender()
    if request.form.get("confirm", "").strip().lower() != ERASE_CONFIRMATION:
        flash(f"Type “{ERASE_CONFIRMATION}” to confirm the erasure.", "error")
        return _back(sender_id, "erase")
    # End this request's read, so the checkpoint after the erasure is not held up by it.
    db().commit()
    try:
        with conversation_lock(_lock_store(), sender_id), transaction(engine()) as session:
            erased = erase_conversation(session, sender_id)
            audit.record(
                session,
                current_user.username,
                "erase",
                sender_id,
                f"{erased.events} events, {erased.referrals} referrals, "
                f"{erased.staff_rows} staff rows",
            )
    except LockError:
        flash(
            "The family is writing in this conversation right now. Nothing was erased; "
            "please try again in a minute.",
            "error",
        )
        return _back(sender_id, "erase")
    overwrite_erased_pages(engine())
    logger.info(
        "Staff member %s erased conversation %s", current_user.username, sender_hash(sender_id)
    )
    flash("The conversation, its referral and the staff notes about it are erased.", "success")
    return redirect(url_for("conversations.index"))


def _lock_store() -> LockStore:
    """The lock store of the endpoints file the Rasa servers run with (built on first use)."""
    store: LockStore | None = current_app.extensions.get(LOCK_STORE_KEY)
    if store is None:
        settings = current_app.extensions.get("staff_settings") or get_settings()
        store = lock_store_from_endpoints(settings.endpoints_file, settings)
        current_app.extensions[LOCK_STORE_KEY] = store
    return store


@bp.route("/export/<path:sender_id>")
@role_required(StaffRole.ADMIN)
def export(sender_id: str) -> Response:
    """The conversation's events as JSON, for a family's request for their data (admins)."""
    session = db()
    rows = list(events_of(session, [sender_id]))
    if not rows:
        abort(404)
    audit.record(session, current_user.username, "export_conversation", sender_id)
    session.commit()
    body = json.dumps(
        {"sender_id": sender_id, "events": [dict(row.data) for row in rows]},
        ensure_ascii=False,
        indent=1,
    )
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="conversation-{date.today()}.json"'},
    )


def _sender() -> str:
    sender_id = request.form.get("sender_id", "")
    if not sender_id or len(sender_id) > 255:
        abort(400)
    return sender_id


def _cursor(name: str) -> Cursor | None:
    token = request.args.get(name)
    return Cursor.decode(token) if token else None


def _back(sender_id: str, anchor: str | None = None) -> BaseResponse:
    return redirect(url_for("conversations.view", sender_id=sender_id, _anchor=anchor))
