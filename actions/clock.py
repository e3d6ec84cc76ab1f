"""The one place the assistant reads the clock."""

from __future__ import annotations

from datetime import date


def today() -> date:
    """Today's date on the action server's clock."""
    return date.today()
