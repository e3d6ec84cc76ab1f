"""The one keyed hash of a conversation id: what the audit log, the event broker and logs keep.

A conversation id can name a family (`telegram-<chat id>` is no secret), so the records that
outlive a conversation hold `sender_hash(sender_id)` instead: HMAC-SHA256 under
Settings.SENDER_HASH_KEY. Without the key nobody can test a guessed id against the hash; with it,
staff code finds a conversation's audit lines by hashing the id it already has.
"""

from __future__ import annotations

import hashlib
import hmac

from bot.settings import Settings, get_settings

# Marks a hashed id, so a reader (and the migration that hashes old audit rows) knows it.
PREFIX = "h:"


def sender_hash(sender_id: str, settings: Settings | None = None) -> str:
    """`sender_id` as "h:" and 64 hex digits of HMAC-SHA256 under SENDER_HASH_KEY."""
    key = (settings or get_settings()).sender_hash_key_or_refuse()
    return keyed_hash(sender_id, key)


def keyed_hash(sender_id: str, key: str) -> str:
    """HMAC-SHA256 of `sender_id` under `key`, as "h:" and 64 hex digits."""
    digest = hmac.new(key.encode(), sender_id.encode(), hashlib.sha256).hexdigest()
    return PREFIX + digest


def is_hashed(value: str) -> bool:
    """True when `value` is already a keyed hash made here."""
    return (
        value.startswith(PREFIX)
        and len(value) == len(PREFIX) + 64
        and all(character in "0123456789abcdef" for character in value[len(PREFIX) :])
    )
