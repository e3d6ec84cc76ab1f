"""Telegram's side of the set-up: the webhook (set, show, delete) and the command menu.

Nothing here runs at start-up: an organisation runs these commands once, on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from telegram import Bot, BotCommand, WebhookInfo

from .client import with_flood_wait
from .config import TelegramConfig
from .replies import COMMANDS

# What the channel handles; Telegram sends nothing else (no channel posts, no member changes).
ALLOWED_UPDATES = ("message", "edited_message", "callback_query")
WEBHOOK_PATH = "/webhooks/telegram/webhook"


class WebhookUrlError(ValueError):
    """The webhook address would not work; the message says why."""


@dataclass(frozen=True)
class WebhookStatus:
    """What Telegram says about the webhook, ready to print."""

    url: str
    pending_update_count: int
    allowed_updates: tuple[str, ...]
    last_error: str | None
    max_connections: int | None

    @classmethod
    def from_info(cls, info: WebhookInfo) -> WebhookStatus:
        """The parts of Telegram's WebhookInfo a person needs."""
        error = None
        if info.last_error_message:
            when = info.last_error_date.isoformat() if info.last_error_date else "?"
            error = f"{when}: {info.last_error_message}"
        return cls(
            url=info.url,
            pending_update_count=info.pending_update_count,
            allowed_updates=tuple(info.allowed_updates or ()),
            last_error=error,
            max_connections=info.max_connections,
        )

    def lines(self) -> list[str]:
        """A short human-readable report."""
        if not self.url:
            head = ["webhook: none (long polling possible)"]
        else:
            head = [f"webhook: {self.url}"]
        return [
            *head,
            f"pending updates: {self.pending_update_count}",
            f"allowed updates: {', '.join(self.allowed_updates) or 'all (Telegram default)'}",
            f"max connections: {self.max_connections or '-'}",
            f"last error: {self.last_error or 'none'}",
        ]


def check_webhook_url(url: str, *, development: bool) -> None:
    """Raise WebhookUrlError unless Telegram could deliver to `url` and it is our route."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise WebhookUrlError(
            f"--url must be a full https:// address, e.g. https://host{WEBHOOK_PATH}"
        )
    if parts.scheme != "https" and not development:
        raise WebhookUrlError("--url must use https:// (Telegram delivers only over HTTPS)")
    if not parts.path.rstrip("/").endswith(WEBHOOK_PATH):
        raise WebhookUrlError(f"--url must end with {WEBHOOK_PATH}, the channel's route")


async def set_webhook(
    bot: Bot, config: TelegramConfig, url: str, *, drop_pending: bool = False
) -> WebhookStatus:
    """Point Telegram at `url` with our secret and update types; return the new status."""
    check_webhook_url(url, development=config.development)
    await with_flood_wait(
        lambda: bot.set_webhook(
            url=url,
            secret_token=config.secret,
            allowed_updates=list(ALLOWED_UPDATES),
            drop_pending_updates=drop_pending,
        )
    )
    return await webhook_status(bot)


async def webhook_status(bot: Bot) -> WebhookStatus:
    """What Telegram says about the webhook now."""
    return WebhookStatus.from_info(await with_flood_wait(bot.get_webhook_info))


async def delete_webhook(bot: Bot, *, drop_pending: bool = False) -> WebhookStatus:
    """Remove the webhook (so long polling can work); return the new status."""
    await with_flood_wait(lambda: bot.delete_webhook(drop_pending_updates=drop_pending))
    return await webhook_status(bot)


async def set_commands(bot: Bot) -> list[str]:
    """Show our commands in Telegram's "/" menu; return them as "/name - description"."""
    commands = [BotCommand(name, command.description) for name, command in COMMANDS.items()]
    await with_flood_wait(lambda: bot.set_my_commands(commands))
    return [f"/{command.command} - {command.description}" for command in commands]
