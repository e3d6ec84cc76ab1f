"""The website chat widget's channel: its webhook, its files, its CORS answers and erasure check.

`credentials.yml` loads `bot.channels.webchat.WebchatInput` (channel name "webchat", routes under
/webhooks/webchat/; docs/widget.md). The channel class is imported on first use, so the widget's
files (`assets`) and CORS rules (`cors`) can be used without loading Rasa.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .channel import WebchatInput

__all__ = ["WebchatInput"]


def __getattr__(name: str) -> Any:
    """`WebchatInput`, imported when first asked for."""
    if name == "WebchatInput":
        from .channel import WebchatInput

        return WebchatInput
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
