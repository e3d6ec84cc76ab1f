"""Staff accounts: Argon2id hashes, roles, deactivation, and sessions that end on change."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.staff.accounts import (
    AccountError,
    active_admins,
    authenticate,
    create_user,
    find_user,
    role_of,
    set_active,
    set_password,
    set_role,
    verify_password,
)
from bot.storage import transaction
from bot.storage.schema import StaffRole, staff_users

PASSWORD = "correct horse battery staple"


def test_a_new_account_keeps_an_argon2id_hash_never_the_password(engine: Engine) -> None:
    with transaction(engine) as session:
        user = create_user(session, " Maria.Lopez ", PASSWORD, StaffRole.REVIEWER)
    with engine.connect() as connection:
        stored = connection.execute(sa.select(staff_users.c.password_hash)).scalar_one()

    assert user.username == "maria.lopez"
    assert user.role is StaffRole.REVIEWER
    assert not user.is_admin
    assert user.active
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_sign_in_needs_the_right_password_of_an_active_account(engine: Engine) -> None:
    with transaction(engine) as session:
        create_user(session, "maria", PASSWORD, StaffRole.ADMIN)
    with transaction(engine) as session:
        assert authenticate(session, "MARIA", PASSWORD) is not None
        assert authenticate(session, "maria", PASSWORD + "!") is None
        assert authenticate(session, "nobody", PASSWORD) is None
        assert authenticate(session, "", PASSWORD) is None
        signed_in = find_user(session, "maria")
        assert signed_in is not None
        assert signed_in.last_login_at is not None
        set_active(session, "maria", False)
    with transaction(engine) as session:
        assert authenticate(session, "maria", PASSWORD) is None


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("m", PASSWORD, "2 to 64"),
        ("maria lopez", PASSWORD, "2 to 64"),
        ("maria", "short", "at least 12"),
        ("maria", "x" * 300, "at most 256"),
        ("maria", "my name is maria!", "must not contain the username"),
    ],
)
def test_weak_or_malformed_accounts_are_refused(
    engine: Engine, username: str, password: str, message: str
) -> None:
    with pytest.raises(AccountError, match=message), transaction(engine) as session:
        create_user(session, username, password, StaffRole.REVIEWER)


def test_a_username_is_taken_once(engine: Engine) -> None:
    with transaction(engine) as session:
        create_user(session, "maria", PASSWORD, StaffRole.REVIEWER)
    with pytest.raises(AccountError, match="already an account"), transaction(engine) as session:
        create_user(session, "Maria", PASSWORD, StaffRole.ADMIN)


def test_changes_give_a_new_session_token(engine: Engine) -> None:
    with transaction(engine) as session:
        first = create_user(session, "maria", PASSWORD, StaffRole.REVIEWER)
        renamed = set_password(session, "maria", "another long passphrase")
        promoted = set_role(session, "maria", StaffRole.ADMIN)
        deactivated = set_active(session, "maria", False)

    tokens = {first.session_token, renamed.session_token, promoted.session_token}
    assert len(tokens | {deactivated.session_token}) == 4
    assert promoted.is_admin
    with transaction(engine) as session:
        assert verify_password(session, first.id, "another long passphrase")
        assert not verify_password(session, first.id, PASSWORD)
        assert not verify_password(session, 999_999, PASSWORD)


def test_roles_and_admin_count(engine: Engine) -> None:
    assert role_of(" Admin ") is StaffRole.ADMIN
    with pytest.raises(AccountError, match="reviewer or admin"):
        role_of("owner")
    with transaction(engine) as session:
        create_user(session, "ada", PASSWORD, StaffRole.ADMIN)
        create_user(session, "bob", PASSWORD, StaffRole.ADMIN)
        set_active(session, "bob", False)
        assert active_admins(session) == 1
    with pytest.raises(AccountError, match="no account called"), transaction(engine) as session:
        set_password(session, "nobody", PASSWORD)
