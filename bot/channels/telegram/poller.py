"""Long polling for organisations without a public HTTPS address.

The poller asks Telegram for updates (getUpdates, through python-telegram-bot) and posts each
one, unchanged, to the Rasa server's own webhook with the secret header: one code path for both
modes. Updates of different chats are relayed side by side, those of one chat one after the
other, in order. The offset moves past a batch only once it is relayed, so an update is not lost
while Rasa restarts (the webhook skips an update id it has already answered).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import httpx
from telegram import Bot, Update
from telegram.error import Conflict, InvalidToken, NetworkError, TimedOut

from .admin import ALLOWED_UPDATES
from .config import SECRET_HEADER

logger = logging.getLogger(__name__)

T = TypeVar("T")
RELAY_TIMEOUT_SECONDS = 120.0
SERVER_ERROR_ATTEMPTS = 5


class PollError(RuntimeError):
    """Polling cannot go on; the message says what to do."""


@dataclass(frozen=True)
class PollOptions:
    """Where to relay, with which secret, and how to poll."""

    rasa_url: str
    secret: str
    timeout: int = 30
    drop_pending: bool = False
    retry_seconds: float = 5.0

    @property
    def webhook_url(self) -> str:
        """The Rasa server's Telegram webhook."""
        return f"{self.rasa_url.rstrip('/')}/webhooks/telegram/webhook"

    @property
    def health_url(self) -> str:
        """The Telegram channel's health route on the Rasa server."""
        return f"{self.rasa_url.rstrip('/')}/webhooks/telegram/"


async def poll(
    bot: Bot,
    options: PollOptions,
    stop: asyncio.Event,
    report: Callable[[str], None] = print,
) -> int:
    """Relay updates until `stop` is set; return how many were relayed."""
    info = await bot.get_webhook_info()
    if info.url:
        raise PollError(
            f"A webhook is set ({info.url}), so Telegram will not answer polling. Delete it "
            "first: python -m bot.channels.telegram delete-webhook"
        )
    me = await bot.get_me()
    async with httpx.AsyncClient(timeout=RELAY_TIMEOUT_SECONDS) as client:
        if not await _wait_for_rasa(client, options, stop, report):
            return 0
        offset = await _first_offset(bot, options)
        report(f"Polling for @{me.username}; relaying to {options.webhook_url}. Ctrl-C stops.")
        relayed = 0
        while not stop.is_set():
            updates = await _next_updates(bot, offset, options, stop)
            if not updates:
                continue
            if not await _relay_batch(client, options, updates, stop):
                break  # stopped before every update was taken: Telegram keeps the rest
            relayed += len(updates)
            offset = updates[-1].update_id + 1
        await _confirm(bot, offset)
    return relayed


async def _wait_for_rasa(
    client: httpx.AsyncClient,
    options: PollOptions,
    stop: asyncio.Event,
    report: Callable[[str], None],
) -> bool:
    """Wait until the Rasa server's Telegram channel answers; False if stopped first."""
    waiting_said = False
    while not stop.is_set():
        try:
            answer = await client.get(options.health_url)
        except httpx.TransportError:
            if not waiting_said:
                report(f"Waiting for the Rasa server at {options.rasa_url} ...")
                waiting_said = True
            await _sleep(options.retry_seconds, stop)
            continue
        if answer.status_code == 404:
            raise PollError(
                f"{options.rasa_url} has no Telegram channel: add "
                "bot.channels.telegram.TelegramInput to the credentials.yml it runs with"
            )
        if answer.status_code == 200 and not answer.json().get("configured"):
            raise PollError(
                f"The Rasa server at {options.rasa_url} has no Telegram token: start it with "
                "the same TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET as this poller"
            )
        if answer.status_code == 200:
            return True
        await _sleep(options.retry_seconds, stop)
    return False


async def _first_offset(bot: Bot, options: PollOptions) -> int | None:
    """None to start with what Telegram holds, or past it when dropping pending updates."""
    if not options.drop_pending:
        return None
    latest = await bot.get_updates(offset=-1, timeout=0, allowed_updates=list(ALLOWED_UPDATES))
    return latest[-1].update_id + 1 if latest else None


async def _next_updates(
    bot: Bot, offset: int | None, options: PollOptions, stop: asyncio.Event
) -> tuple[Update, ...]:
    """The next updates (long poll), or none if stopped or Telegram could not be reached."""
    fetch = bot.get_updates(
        offset=offset, timeout=options.timeout, allowed_updates=list(ALLOWED_UPDATES)
    )
    try:
        return await _unless_stopped(fetch, stop) or ()
    except Conflict as error:
        raise PollError(
            "Telegram refused polling: another poller runs with this token, or a webhook was "
            "set meanwhile (python -m bot.channels.telegram webhook-info)"
        ) from error
    except InvalidToken as error:
        raise PollError("Telegram refused the bot token (TELEGRAM_BOT_TOKEN)") from error
    except (TimedOut, NetworkError) as error:
        logger.warning("Telegram: getUpdates failed (%s); retrying", type(error).__name__)
        await _sleep(options.retry_seconds, stop)
        return ()


async def _relay_batch(
    client: httpx.AsyncClient, options: PollOptions, updates: Sequence[Update], stop: asyncio.Event
) -> bool:
    """Relay a batch: chats side by side, each chat's updates in order; False if stopped."""
    by_chat: dict[object, list[Update]] = {}
    for update in updates:
        chat = update.effective_chat
        by_chat.setdefault(chat.id if chat else ("update", update.update_id), []).append(update)

    async def relay_chat(chat_updates: list[Update]) -> bool:
        for update in chat_updates:
            if not await _relay(client, options, update, stop):
                return False
        return True

    return all(await asyncio.gather(*(relay_chat(group) for group in by_chat.values())))


async def _relay(
    client: httpx.AsyncClient, options: PollOptions, update: Update, stop: asyncio.Event
) -> bool:
    """Post one update until Rasa takes it or refuses it for good; False if stopped first."""
    body = json.dumps(update.to_dict()).encode()
    headers = {SECRET_HEADER: options.secret, "Content-Type": "application/json"}
    server_errors = 0
    while True:
        try:
            answer = await client.post(options.webhook_url, content=body, headers=headers)
        except httpx.TransportError as error:
            logger.warning(
                "Telegram: relaying update %s failed (%s); retrying",
                update.update_id,
                type(error).__name__,
            )
            if stop.is_set():
                return False
            await _sleep(options.retry_seconds, stop)
            continue
        status = answer.status_code
        if status == 200:
            return True
        if status in (401, 403):
            raise PollError(
                "The Rasa server refused the webhook secret: start it and this poller with the "
                "same TELEGRAM_WEBHOOK_SECRET"
            )
        if status in (404, 503):
            raise PollError(
                f"The Rasa server's Telegram channel answered {status}: is it configured?"
            )
        if status < 500 or server_errors + 1 >= SERVER_ERROR_ATTEMPTS:
            logger.warning("Telegram: update %s skipped (HTTP %s)", update.update_id, status)
            return True
        server_errors += 1
        await _sleep(options.retry_seconds, stop)
        if stop.is_set():
            return False


async def _confirm(bot: Bot, offset: int | None) -> None:
    """Tell Telegram the relayed updates are done, so a restart does not get them again."""
    if offset is None:
        return
    try:
        await bot.get_updates(offset=offset, timeout=0, limit=1)
    except Exception as error:  # stopping anyway; Telegram will resend at worst
        logger.warning("Telegram: could not confirm the last updates (%s)", type(error).__name__)


async def _unless_stopped(call: Awaitable[T], stop: asyncio.Event) -> T | None:
    """`call`'s result, or None if `stop` is set first (then `call` is cancelled)."""
    task: asyncio.Task[T] = asyncio.ensure_future(call)
    stopper = asyncio.ensure_future(stop.wait())
    done, _ = await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    if task in done:
        stopper.cancel()
        return task.result()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    return None


async def _sleep(seconds: float, stop: asyncio.Event) -> None:
    """Sleep `seconds`, waking early if `stop` is set."""
    await _unless_stopped(asyncio.sleep(seconds), stop)
