"""`python -m bot.staff create-user|set-password|sync|purge`: the console's commands.

The database is Settings.DATABASE_URL (default sqlite:///rasa.db); run
`python -m bot.storage upgrade` first. Passwords are asked for twice without echo, or read
from stdin with --password-stdin (one line), never taken on the command line.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
import time

from bot.logs import install as install_log_safeguard
from bot.settings import Settings, SettingsError

from .accounts import AccountError, create_user, role_of, set_password
from .audit import record
from .database import SchemaError, check_schema, console_engine
from .indexer import rebuild, sync
from .retention import purge

CLI_ACTOR = "command line"


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    install_log_safeguard()
    parser = argparse.ArgumentParser(prog="python -m bot.staff", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-user", help="create a staff account")
    create.add_argument("username")
    create.add_argument("--role", default="reviewer", help="reviewer (default) or admin")
    create.add_argument("--password-stdin", action="store_true")
    password = commands.add_parser("set-password", help="give an account a new password")
    password.add_argument("username")
    password.add_argument("--password-stdin", action="store_true")
    index = commands.add_parser("sync", help="bring the conversation index up to date")
    index.add_argument("--rebuild", action="store_true", help="start again from the first event")
    old = commands.add_parser("purge", help="erase conversations older than the retention period")
    old.add_argument("--older-than-days", type=int, help="default: RETENTION_DAYS")
    old.add_argument("--dry-run", action="store_true", help="only count them")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = Settings.from_env()
        check_schema(settings.database_url)
        if args.command in ("create-user", "set-password"):
            return _account(settings, args)
        if args.command == "sync":
            return _sync(settings, rebuild_first=args.rebuild)
        return _purge(settings, args.older_than_days, dry_run=args.dry_run)
    except (SettingsError, SchemaError, AccountError) as error:
        print(f"bot.staff: {error}", file=sys.stderr)
        return 2


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise AccountError("The two passwords differ.")
    return first


def _account(settings: Settings, args: argparse.Namespace) -> int:
    from bot.storage import transaction

    role = role_of(args.role) if args.command == "create-user" else None
    secret = _password(args.password_stdin)
    engine = console_engine(settings.database_url)
    try:
        with transaction(engine) as session:
            if role is not None:
                account = create_user(session, args.username, secret, role)
                record(session, CLI_ACTOR, "create_user", account.username, account.role.value)
                print(f"Created {account.role.value} account {account.username}.")
            else:
                account = set_password(session, args.username, secret)
                record(session, CLI_ACTOR, "update_user", account.username, "new password")
                print(f"New password set for {account.username}; their sessions have ended.")
    finally:
        engine.dispose()
    return 0


def _sync(settings: Settings, *, rebuild_first: bool) -> int:
    from bot.storage import transaction

    engine = console_engine(settings.database_url)
    started, events, conversations = time.monotonic(), 0, 0
    try:
        if rebuild_first:
            with transaction(engine) as session:
                rebuild(session)
        while True:
            with transaction(engine) as session:
                report = sync(session)
            events += report.events
            conversations += report.conversations
            if report.caught_up:
                break
    finally:
        engine.dispose()
    print(
        f"Indexed {events} events of {conversations} conversations "
        f"in {time.monotonic() - started:.1f} s (up to event {report.watermark})."
    )
    return 0


def _purge(settings: Settings, days: int | None, *, dry_run: bool) -> int:
    from bot.storage.schema import utc_now

    days = days or settings.retention_days
    if days is None or days < 1:
        print(
            "bot.staff: give --older-than-days N (a whole number of at least 1) or set "
            "RETENTION_DAYS",
            file=sys.stderr,
        )
        return 2
    from bot.storage.lock_store import lock_store_from_endpoints

    # The Rasa servers' lock store: no conversation is erased while a message of it is answered.
    lock_store = lock_store_from_endpoints(settings.endpoints_file, settings)
    engine = console_engine(settings.database_url)
    try:
        report = purge(
            engine,
            older_than_days=days,
            now=utc_now(),
            actor=CLI_ACTOR,
            dry_run=dry_run,
            lock_store=lock_store,
        )
    finally:
        engine.dispose()
    if dry_run:
        print(
            f"{report.conversations} conversations last active before "
            f"{report.cutoff:%Y-%m-%d} would be erased."
        )
    else:
        print(
            f"Erased {report.conversations} conversations last active before "
            f"{report.cutoff:%Y-%m-%d}: {report.events} events, {report.referrals} referrals."
        )
    if report.kept_open_referrals:
        print(
            f"Kept {report.kept_open_referrals} older conversations whose referral is still open; "
            "they go once staff close the referral."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
