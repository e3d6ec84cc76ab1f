"""Cleaning a family's message before the NLU and the database see it."""

from __future__ import annotations

import pytest

from bot.channels.text import MAX_MESSAGE_CHARS, clean_message


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        pytest.param("hi\x00 there", "hi  there", id="NUL, which PostgreSQL refuses"),
        pytest.param("a\x07b\x1b[31mc\x7f", "a b [31mc", id="bell, escape, delete"),
        pytest.param(
            "line one\r\nline two\tend", "line one\nline two\tend", id="keeps newlines and tabs"
        ),
        pytest.param("  padded  ", "padded", id="trims"),
        pytest.param("cafe\u0301", "café", id="NFC normalisation"),
        pytest.param("مرحبا 😢", "مرحبا 😢", id="right-to-left text and emoji kept"),
    ],
)
def test_clean_message(raw: str, clean: str) -> None:
    assert clean_message(raw) == clean


def test_long_message_is_cut() -> None:
    assert len(clean_message("x" * (MAX_MESSAGE_CHARS + 500))) == MAX_MESSAGE_CHARS
