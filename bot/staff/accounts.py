"""Staff accounts: Argon2id password hashes (argon2-cffi), roles, and deactivation.

Functions take a Session and never commit. `AccountError` carries a sentence to show.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from bot.storage.schema import StaffRole, staff_users, utc_now

MIN_PASSWORD_CHARS = 12
MAX_PASSWORD_CHARS = 256
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")

_hasher = PasswordHasher()
# Verified against when the username is unknown, so that both cases take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    """A username, password or role that cannot be used; the message says why."""


@dataclass(frozen=True)
class StaffUser:
    """A staff account (never its password hash)."""

    id: int
    username: str
    role: StaffRole
    active: bool
    session_token: str
    created_at: datetime
    last_login_at: datetime | None

    @property
    def is_admin(self) -> bool:
        """True for admins."""
        return self.role is StaffRole.ADMIN


def clean_username(text: str) -> str:
    """A username as stored (lower case); `AccountError` when it cannot be one."""
    username = text.strip().lower()
    if not _USERNAME.fullmatch(username):
        raise AccountError(
            "A username is 2 to 64 lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter or digit."
        )
    return username


def check_password(username: str, password: str) -> None:
    """Refuse a password that is too short, too long, or the username."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"A password needs at least {MIN_PASSWORD_CHARS} characters.")
    if len(password) > MAX_PASSWORD_CHARS:
        raise AccountError(f"A password has at most {MAX_PASSWORD_CHARS} characters.")
    if username.lower() in password.lower():
        raise AccountError("A password must not contain the username.")


def role_of(text: str) -> StaffRole:
    """A role by name; `AccountError` for any other word."""
    try:
        return StaffRole(text.strip().lower())
    except ValueError as error:
        roles = " or ".join(role.value for role in StaffRole)
        raise AccountError(f"The role must be {roles}.") from error


def create_user(session: Session, username: str, password: str, role: StaffRole) -> StaffUser:
    """Create an active account."""
    name = clean_username(username)
    check_password(name, password)
    if find_user(session, name) is not None:
        raise AccountError(f"There is already an account called {name}.")
    session.execute(
        sa.insert(staff_users).values(
            username=name,
            password_hash=_hasher.hash(password),
            role=StaffRole(role).value,
            active=True,
            session_token=_new_token(),
            created_at=utc_now(),
        )
    )
    user = find_user(session, name)
    assert user is not None
    return user


def authenticate(session: Session, username: str, password: str) -> StaffUser | None:
    """The active account with this username and password, or None (same time either way)."""
    try:
        name = clean_username(username)
    except AccountError:
        name = ""
    row = session.execute(sa.select(staff_users).where(staff_users.c.username == name)).first()
    stored = row.password_hash if row is not None else _DUMMY_HASH
    try:
        _hasher.verify(stored, password[:MAX_PASSWORD_CHARS])
    except (VerificationError, InvalidHashError):
        return None
    if row is None or not row.active:
        return None
    values: dict[str, object] = {"last_login_at": utc_now()}
    if _hasher.check_needs_rehash(stored):
        values["password_hash"] = _hasher.hash(password)
    session.execute(sa.update(staff_users).where(staff_users.c.id == row.id).values(**values))
    return get_user(session, row.id)


def get_user(session: Session, user_id: int) -> StaffUser | None:
    """The account with this id."""
    row = session.execute(sa.select(staff_users).where(staff_users.c.id == user_id)).first()
    return None if row is None else _user(row)


def find_user(session: Session, username: str) -> StaffUser | None:
    """The account with this username."""
    row = session.execute(
        sa.select(staff_users).where(staff_users.c.username == username.strip().lower())
    ).first()
    return None if row is None else _user(row)


def list_users(session: Session) -> list[StaffUser]:
    """Every account, by username."""
    rows = session.execute(sa.select(staff_users).order_by(staff_users.c.username))
    return [_user(row) for row in rows]


def set_password(session: Session, username: str, password: str) -> StaffUser:
    """Give an account a new password; its other sessions end."""
    user = _existing(session, username)
    check_password(user.username, password)
    return _update(session, user.id, password_hash=_hasher.hash(password))


def verify_password(session: Session, user_id: int, password: str) -> bool:
    """True when `password` is this account's current password."""
    row = session.execute(
        sa.select(staff_users.c.password_hash).where(staff_users.c.id == user_id)
    ).first()
    if row is None:
        return False
    try:
        return _hasher.verify(row.password_hash, password[:MAX_PASSWORD_CHARS])
    except (VerificationError, InvalidHashError):
        return False


def set_role(session: Session, username: str, role: StaffRole) -> StaffUser:
    """Change an account's role; its sessions end."""
    user = _existing(session, username)
    return _update(session, user.id, role=StaffRole(role).value)


def set_active(session: Session, username: str, active: bool) -> StaffUser:
    """Deactivate (sessions end, sign-in refused) or reactivate an account."""
    user = _existing(session, username)
    return _update(session, user.id, active=active)


def end_sessions(session: Session, user_id: int) -> StaffUser:
    """End every session of an account (signing out): its session token changes."""
    return _update(session, user_id)


def active_admins(session: Session) -> int:
    """How many active admins there are (the last one cannot be demoted or deactivated)."""
    count = session.execute(
        sa.select(sa.func.count())
        .select_from(staff_users)
        .where(staff_users.c.role == StaffRole.ADMIN.value, staff_users.c.active == sa.true())
    ).scalar_one()
    return int(count)


def _existing(session: Session, username: str) -> StaffUser:
    user = find_user(session, username)
    if user is None:
        raise AccountError(f"There is no account called {username.strip().lower()}.")
    return user


def _update(session: Session, user_id: int, **values: object) -> StaffUser:
    session.execute(
        sa.update(staff_users)
        .where(staff_users.c.id == user_id)
        .values(session_token=_new_token(), **values)
    )
    user = get_user(session, user_id)
    assert user is not None
    return user


def _new_token() -> str:
    return secrets.token_urlsafe(24)


def _user(row: Row) -> StaffUser:
    return StaffUser(
        id=row.id,
        username=row.username,
        role=StaffRole(row.role),
        active=bool(row.active),
        session_token=row.session_token,
        created_at=row.created_at,
        last_login_at=row.last_login_at,
    )
