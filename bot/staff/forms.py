"""The console's forms (Flask-WTF: every form carries a CSRF token)."""

from __future__ import annotations

from flask_wtf import FlaskForm  # type: ignore[import-untyped]
from wtforms import (  # type: ignore[import-untyped]
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (  # type: ignore[import-untyped]
    DataRequired,
    EqualTo,
    Length,
    Optional,
)

from bot.storage.schema import ReferralStatus, StaffRole

from .accounts import MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS
from .review import NOTE_MAX_CHARS

STATUS_LABELS = {
    ReferralStatus.NEW.value: "New",
    ReferralStatus.CONTACTED.value: "Contacted",
    ReferralStatus.SUBMITTED.value: "Submitted to the Clearinghouse",
    ReferralStatus.CLOSED.value: "Closed",
}
ROLE_LABELS = {
    StaffRole.REVIEWER.value: "Reviewer (read, tag, note)",
    StaffRole.ADMIN.value: "Admin (also users, erasure, export)",
}


class ActionForm(FlaskForm):  # type: ignore[misc]
    """A button that changes something: only the CSRF token."""


class LoginForm(FlaskForm):  # type: ignore[misc]
    """Sign in."""

    username = StringField("Username", validators=[DataRequired(), Length(max=64)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=256)])


class PasswordChangeForm(FlaskForm):  # type: ignore[misc]
    """Change one's own password."""

    current = PasswordField("Current password", validators=[DataRequired()])
    new = PasswordField(
        f"New password (at least {MIN_PASSWORD_CHARS} characters)",
        validators=[DataRequired(), Length(min=MIN_PASSWORD_CHARS, max=MAX_PASSWORD_CHARS)],
    )
    confirm = PasswordField(
        "New password again",
        validators=[DataRequired(), EqualTo("new", message="The two new passwords differ.")],
    )


class UserCreateForm(FlaskForm):  # type: ignore[misc]
    """An admin creates an account."""

    username = StringField("Username", validators=[DataRequired(), Length(min=2, max=64)])
    role = SelectField("Role", choices=list(ROLE_LABELS.items()))
    password = PasswordField(
        f"First password (at least {MIN_PASSWORD_CHARS} characters; they can change it)",
        validators=[DataRequired(), Length(min=MIN_PASSWORD_CHARS, max=MAX_PASSWORD_CHARS)],
    )


class ReferralUpdateForm(FlaskForm):  # type: ignore[misc]
    """Staff move a referral along the queue."""

    status = SelectField("Status", choices=list(STATUS_LABELS.items()))
    assignee = SelectField("Assigned to", choices=[("", "Nobody")], validate_choice=True)
    note = TextAreaField(
        "Add a note (optional)", validators=[Optional(), Length(max=NOTE_MAX_CHARS)]
    )
