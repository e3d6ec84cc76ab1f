"""Commands: poll, set-webhook, webhook-info, delete-webhook, set-commands.

Run them with the assistant's environment, e.g. `.venv/bin/honcho run .venv/bin/python -m
bot.channels.telegram webhook-info` (honcho loads `.env`). Exit status: 0 done, 1 Telegram or
the Rasa server refused or could not be reached, 2 bad configuration or arguments.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from telegram import Bot
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError

from bot.settings import SettingsError

from . import admin
from .client import NotConfiguredError, make_bot, public_base_url, redact
from .config import TelegramConfig, credentials_entry
from .poller import PollError, PollOptions, poll

DEFAULT_CREDENTIALS = Path("credentials.yml")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The Telegram commands, under `parser`."""
    parser.add_argument(
        "--credentials",
        type=Path,
        default=DEFAULT_CREDENTIALS,
        help="credentials file whose Telegram entry overrides the settings (default: %(default)s)",
    )
    commands = parser.add_subparsers(dest="telegram_command", required=True, metavar="command")
    poll_parser = commands.add_parser(
        "poll", help="long polling: relay Telegram updates to a running Rasa server"
    )
    poll_parser.add_argument("--rasa-url", default="http://localhost:5005", help="%(default)s")
    poll_parser.add_argument(
        "--timeout", type=int, default=30, help="long-poll seconds (default: %(default)s)"
    )
    poll_parser.add_argument(
        "--drop-pending", action="store_true", help="skip updates sent while nothing polled"
    )
    set_parser = commands.add_parser("set-webhook", help="tell Telegram where to send updates")
    set_parser.add_argument(
        "--url", required=True, help="e.g. https://bot.example.org/webhooks/telegram/webhook"
    )
    set_parser.add_argument(
        "--drop-pending", action="store_true", help="discard updates waiting at Telegram"
    )
    commands.add_parser("webhook-info", help="show the webhook Telegram knows")
    delete_parser = commands.add_parser(
        "delete-webhook", help="remove the webhook (needed before polling)"
    )
    delete_parser.add_argument(
        "--drop-pending", action="store_true", help="discard updates waiting at Telegram"
    )
    commands.add_parser("set-commands", help="show /start, /help... in Telegram's menu")


def run(args: argparse.Namespace) -> int:
    """Run the chosen command; return the exit status."""
    try:
        config = TelegramConfig.load(credentials_entry(args.credentials))
        bot = make_bot(config)
    except (SettingsError, NotConfiguredError) as error:
        return _fail(str(error), 2)
    except Exception as error:  # an unreadable credentials file: YAML or ${VAR} errors
        return _fail(f"{args.credentials}: {error}", 2)
    command: str = args.telegram_command
    try:
        if command == "poll":
            return _poll(bot, config, args)
        return asyncio.run(_admin(bot, config, command, args))
    except admin.WebhookUrlError as error:
        return _fail(str(error), 2)
    except (PollError, TelegramError) as error:
        return _fail(_explain(error, config), 1)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m bot.channels.telegram ...`."""
    parser = argparse.ArgumentParser(
        prog="python -m bot.channels.telegram", description="The Telegram channel's commands."
    )
    add_arguments(parser)
    return run(parser.parse_args(argv))


async def _admin(bot: Bot, config: TelegramConfig, command: str, args: argparse.Namespace) -> int:
    actions: dict[str, Callable[[], Awaitable[list[str]]]] = {
        "set-webhook": lambda: _lines(
            admin.set_webhook(bot, config, args.url, drop_pending=args.drop_pending)
        ),
        "webhook-info": lambda: _lines(admin.webhook_status(bot)),
        "delete-webhook": lambda: _lines(admin.delete_webhook(bot, drop_pending=args.drop_pending)),
        "set-commands": lambda: admin.set_commands(bot),
    }
    async with bot:
        for line in await actions[command]():
            print(line)
    return 0


async def _lines(status: Awaitable[admin.WebhookStatus]) -> list[str]:
    return (await status).lines()


def _poll(bot: Bot, config: TelegramConfig, args: argparse.Namespace) -> int:
    assert config.secret is not None  # make_bot refuses a config without one
    options = PollOptions(
        rasa_url=args.rasa_url,
        secret=config.secret,
        timeout=args.timeout,
        drop_pending=args.drop_pending,
    )

    async def polling() -> int:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        async with bot:
            relayed = await poll(bot, options, stop)
        print(f"Stopped after relaying {relayed} update(s).")
        return 0

    return asyncio.run(polling())


def _explain(error: Exception, config: TelegramConfig) -> str:
    if isinstance(error, InvalidToken):
        return (
            "Telegram refused the bot token (TELEGRAM_BOT_TOKEN). Check it with @BotFather "
            "(/mybots -> your bot -> API Token)."
        )
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        message = f"Could not reach the Telegram Bot API at {public_base_url(config)}: {error}"
    elif isinstance(error, TelegramError):
        message = f"Telegram refused: {error}"
    else:
        message = str(error)
    return redact(message, config)


def _fail(message: str, status: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return status
