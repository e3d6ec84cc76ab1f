"""The keyed hash that stands for a conversation id in the audit log and on the event broker."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from bot.settings import Settings, SettingsError
from bot.storage.pseudonyms import is_hashed, keyed_hash, sender_hash

KEY = "Vq3xR8mZ2pL7wK4nT9bY6cH1dF5gJ0sA"


def test_the_hash_is_hmac_sha256_of_the_id_under_the_key() -> None:
    expected = hmac.new(KEY.encode(), b"telegram-4242", hashlib.sha256).hexdigest()

    assert keyed_hash("telegram-4242", KEY) == f"h:{expected}"
    assert sender_hash("telegram-4242", Settings(sender_hash_key=KEY)) == f"h:{expected}"


def test_the_id_cannot_be_read_back_or_checked_without_the_key() -> None:
    hashed = keyed_hash("telegram-4242", KEY)

    assert "4242" not in hashed
    assert keyed_hash("telegram-4242", KEY[::-1]) != hashed
    assert keyed_hash("telegram-4243", KEY) != hashed


def test_a_hash_is_recognised_and_an_id_is_not() -> None:
    assert is_hashed(keyed_hash("anything", KEY))
    assert not is_hashed("telegram-4242")
    assert not is_hashed("h:" + "g" * 64)
    assert not is_hashed("h:" + "a" * 63)


def test_production_without_a_key_cannot_hash() -> None:
    with pytest.raises(SettingsError, match="SENDER_HASH_KEY"):
        sender_hash("telegram-4242", Settings(environment="production"))
