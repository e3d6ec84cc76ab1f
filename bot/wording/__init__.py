"""Every family-facing sentence the Python code builds, looked up by key: `say(key, **values)`.

A language is a table (`TABLES`): dotted keys ("explain.none_fits") to `str.format` templates
with named fields. English (`bot.wording.en.ENGLISH`) is the only one now; another language is a
second table with the same keys and fields, not a second code path. Look a text up when it is
said, never at import time, so that the language can be chosen per conversation.

What must stay true: a key is passed to `say` as a literal string, or taken from one of the maps
tests/wording/test_tables.py lists (the registry's open questions and summary labels, the
summary's answer words, the channels' notices, the Telegram menu, the fallback's topics); every
key used exists, every key in the table is used, and each call fills exactly its text's fields.

Not here yet: domain.yml's responses (Rasa looks them up by their own `utter_` keys), and the
texts the engine writes (bot/legal: rule titles, conditions, deadline descriptions, documents,
next steps, caveats, the disclaimer), which carry its citations and are to be keyed by the
engine's ids in a later change. The letter to the Warden (bot/drafts/warden_request.py) stays in
English whatever the family reads: only its notes for the family are here.
"""

from __future__ import annotations

from collections.abc import Mapping
from string import Formatter
from typing import Literal

from .en import ENGLISH

# The languages a family can be answered in.
Language = Literal["en"]
TABLES: Mapping[Language, Mapping[str, str]] = {"en": ENGLISH}


class WordingError(KeyError):
    """A key that no table has, or a template field the caller did not give."""


def say(key: str, language: Language = "en", **values: object) -> str:
    """The text of `key` in `language`, its named fields filled from `values`."""
    table = TABLES[language]
    if key not in table:
        raise WordingError(f"no text {key!r} in the {language!r} table")
    template = table[key]
    missing = fields(template) - values.keys()
    if missing:
        raise WordingError(f"text {key!r} needs {', '.join(sorted(missing))}")
    return template.format(**values)


def fields(template: str) -> set[str]:
    """The named fields of a template: "{day}: {description}" -> {"day", "description"}."""
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


__all__ = ["TABLES", "Language", "WordingError", "fields", "say"]
