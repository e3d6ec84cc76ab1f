"""Telegram channel on python-telegram-bot: webhook in the Rasa server, or long polling.

`credentials.yml` loads `bot.channels.telegram.TelegramInput` (channel name "telegram", webhook
/webhooks/telegram/webhook). Commands: `python -m bot.channels.telegram --help`. The channel
classes are imported on first use, so the commands start without loading Rasa.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .channel import TelegramInput
    from .output import TelegramOutput

__all__ = ["TelegramInput", "TelegramOutput"]


def __getattr__(name: str) -> Any:
    """`TelegramInput` and `TelegramOutput`, imported when first asked for."""
    if name == "TelegramInput":
        from .channel import TelegramInput

        return TelegramInput
    if name == "TelegramOutput":
        from .output import TelegramOutput

        return TelegramOutput
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
