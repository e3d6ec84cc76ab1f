"""The engine's assessment, told to a family in a few short, kind, plain messages.

Every legal statement comes from the assessment itself (each rule, deadline, document, step and
caveat carries its citation); this package only chooses, orders, words and splits them.
"""

from .messages import (
    MESSAGE_LIMIT,
    OUT_OF_SCOPE_ROUTES,
    chunk,
    criteria_messages,
    date_lines,
    explain,
    open_questions,
    scope_messages,
)

__all__ = [
    "MESSAGE_LIMIT",
    "OUT_OF_SCOPE_ROUTES",
    "chunk",
    "criteria_messages",
    "date_lines",
    "explain",
    "open_questions",
    "scope_messages",
]
