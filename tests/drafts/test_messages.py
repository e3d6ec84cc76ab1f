"""Long drafts cut into chat messages without losing a word."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.drafts import MESSAGE_LIMIT, split_for_chat


def test_a_short_text_is_one_message() -> None:
    assert split_for_chat("  Dear Warden,\n\nPlease.  ") == ["Dear Warden,\n\nPlease."]


def test_paragraphs_are_packed_and_never_cut_when_they_fit() -> None:
    text = "\n\n".join(["a" * 600, "b" * 600, "c" * 600])

    assert split_for_chat(text) == ["a" * 600 + "\n\n" + "b" * 600, "c" * 600]


def test_a_long_paragraph_is_cut_at_line_breaks() -> None:
    lines = [f"{n}. " + "x" * 500 for n in range(5)]

    messages = split_for_chat("\n".join(lines))

    assert messages == ["\n".join(lines[0:2]), "\n".join(lines[2:4]), lines[4]]


def test_a_long_line_is_cut_between_words_and_a_huge_word_is_cut() -> None:
    assert split_for_chat("aaa bbb ccc", limit=7) == ["aaa bbb", "ccc"]
    assert split_for_chat("abcdefghij k", limit=4) == ["abcd", "efgh", "ij k"]


def test_the_default_limit_suits_every_channel() -> None:
    assert MESSAGE_LIMIT == 1500


def test_a_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="limit must be positive"):
        split_for_chat("x", limit=0)


@given(
    st.lists(
        st.lists(st.text(alphabet="abc xyz", min_size=1, max_size=300), min_size=1, max_size=6),
        min_size=1,
        max_size=8,
    ),
    st.integers(min_value=5, max_value=400),
)
def test_no_message_is_too_long_and_no_word_is_lost(
    paragraphs: list[list[str]], limit: int
) -> None:
    text = "\n\n".join("\n".join(lines) for lines in paragraphs)

    messages = split_for_chat(text, limit)

    assert all(0 < len(message) <= limit for message in messages)
    assert "".join("".join(messages).split()) == "".join(text.split())
