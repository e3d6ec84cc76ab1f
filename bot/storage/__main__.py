"""`python -m bot.storage upgrade|current|downgrade|revision`: the staff tables' migrations.

The database is Settings.DATABASE_URL (default sqlite:///rasa.db, the tracker store's file).
"""

from __future__ import annotations

import argparse
import logging
import sys

from bot.logs import install as install_log_safeguard
from bot.settings import Settings, SettingsError

from . import migrate


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    install_log_safeguard()
    parser = argparse.ArgumentParser(prog="python -m bot.storage", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    upgrade = commands.add_parser("upgrade", help="apply migrations (default: to the newest)")
    upgrade.add_argument("revision", nargs="?", default="head")
    commands.add_parser("current", help="print the database's revision and the newest one")
    downgrade = commands.add_parser("downgrade", help="undo migrations down to a revision")
    downgrade.add_argument("revision")
    revision = commands.add_parser("revision", help="write a new migration script")
    revision.add_argument("-m", "--message", required=True)
    revision.add_argument("--autogenerate", action="store_true")
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        database_url = Settings.from_env().database_url
    except SettingsError as error:
        print(f"bot.storage: {error}", file=sys.stderr)
        return 2
    if args.command == "upgrade":
        migrate.upgrade(database_url, args.revision)
    elif args.command == "downgrade":
        migrate.downgrade(database_url, args.revision)
    elif args.command == "revision":
        migrate.revision(database_url, args.message, autogenerate=args.autogenerate)
    else:
        print(f"current: {migrate.current_revision(database_url)}")
        print(f"head: {migrate.head_revision()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
