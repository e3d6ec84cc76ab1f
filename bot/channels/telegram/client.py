"""The python-telegram-bot `Bot` the channel and the commands talk through.

No call to Telegram happens when the bot is made: the first one is the first reply. The request
URL contains the bot token and PTB's debug log contains message text, so the loggers that would
print them are kept at INFO (PTB) and WARNING (httpx) whatever Rasa's log level.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

from telegram import Bot
from telegram.error import RetryAfter
from telegram.request import HTTPXRequest

from .config import NOT_CONFIGURED, TelegramConfig

TELEGRAM_BASE_URL = "https://api.telegram.org/bot"
MAX_FLOOD_WAIT_SECONDS = 30.0
_QUIET_LOGGERS = {"telegram": logging.INFO, "httpx": logging.WARNING, "httpcore": logging.INFO}

T = TypeVar("T")


class NotConfiguredError(RuntimeError):
    """The channel has no bot token or no webhook secret."""


def make_bot(config: TelegramConfig) -> Bot:
    """A `Bot` for `config`'s token and Bot API address (no request made yet)."""
    if not config.configured or config.token is None:
        raise NotConfiguredError(NOT_CONFIGURED)
    quiet_loggers()
    return Bot(
        config.token,
        base_url=config.base_url or TELEGRAM_BASE_URL,
        request=HTTPXRequest(connection_pool_size=64, read_timeout=15.0),
        get_updates_request=HTTPXRequest(connection_pool_size=2),
    )


def quiet_loggers() -> None:
    """Keep the token (in URLs) and message text (in PTB's debug lines) out of the logs."""
    for name, level in _QUIET_LOGGERS.items():
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < level:
            logger.setLevel(level)


def public_base_url(config: TelegramConfig) -> str:
    """The Bot API address without the token, to show to people."""
    return (config.base_url or TELEGRAM_BASE_URL).replace("{token}", "<token>")


def redact(text: str, config: TelegramConfig) -> str:
    """`text` with the bot token replaced, for error messages."""
    return text.replace(config.token, "<token>") if config.token else text


async def with_flood_wait(call: Callable[[], Awaitable[T]], retries: int = 2) -> T:
    """Run `call`; when Telegram says "retry after N s" (N ≤ 30), wait and try again."""
    for attempt in range(retries + 1):
        try:
            return await call()
        except RetryAfter as error:
            wait = _seconds(error)
            if attempt == retries or wait > MAX_FLOOD_WAIT_SECONDS:
                raise
            await asyncio.sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover


def _seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
