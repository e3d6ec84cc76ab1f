"""The engine's assessment, told to a family in a few short, kind, plain messages.

Every legal statement comes from the assessment itself (each rule, deadline, document, step and
caveat carries its citation); this package only chooses, orders, words (bot.wording) and splits
(bot.bubbles) them, in full (`explain`) or short (`render(..., Length.SHORT)`).
"""

from .messages import (
    criteria_messages,
    date_lines,
    explain,
    open_questions,
    scope_messages,
)
from .render import Length, render, short

__all__ = [
    "Length",
    "criteria_messages",
    "date_lines",
    "explain",
    "open_questions",
    "render",
    "scope_messages",
    "short",
]
