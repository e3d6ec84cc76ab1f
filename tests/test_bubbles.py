"""Chat bubbles: bullets packed under a header, free text cut where a reader would, none lost."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.bubbles import READING_LIMIT, bullets, paragraphs


def test_the_reading_limit_is_a_phone_screen() -> None:
    assert READING_LIMIT == 900


def test_bullets_are_packed_under_a_header_that_is_continued() -> None:
    assert bullets(["a" * 10, "b" * 10], "H:", "H: (continued)", limit=20) == [
        "H:\n• aaaaaaaaaa",
        "H: (continued)\n• bbbbbbbbbb",
    ]
    assert bullets(["x"], "H:") == ["H:\n• x"]


def test_without_a_continuation_the_header_is_repeated() -> None:
    assert bullets(["a" * 10, "b" * 10], "H:", limit=20) == ["H:\n• aaaaaaaaaa", "H:\n• bbbbbbbbbb"]


def test_no_items_make_no_bubble_even_with_a_header() -> None:
    assert bullets([], "H:") == []
    assert bullets([]) == []


def test_bullets_without_a_header_are_packed_until_the_limit() -> None:
    items = ["x" * 40] * 10

    found = bullets(items, limit=200)

    assert found[0] == "\n".join([f"• {'x' * 40}"] * 4)
    assert len(found) == 3
    assert all(len(bubble) <= 200 for bubble in found)


def test_an_item_longer_than_the_limit_gets_a_bubble_of_its_own_uncut() -> None:
    assert bullets(["a", "b" * 30, "c"], "H:", limit=20) == [
        "H:\n• a",
        "H:\n• " + "b" * 30,
        "H:\n• c",
    ]


@given(
    st.lists(st.text(alphabet="abc xyz", min_size=1, max_size=60), max_size=20),
    st.integers(min_value=70, max_value=400),
)
def test_no_bullet_bubble_is_too_long_and_no_item_is_lost(items: list[str], limit: int) -> None:
    found = bullets(items, "Header:", "Header: (continued)", limit)

    assert all(len(bubble) <= limit for bubble in found)
    lines = [line for bubble in found for line in bubble.split("\n")[1:]]
    assert lines == [f"• {item}" for item in items]


def test_a_short_text_is_one_bubble() -> None:
    assert paragraphs("  Dear Warden,\n\nPlease.  ") == ["Dear Warden,\n\nPlease."]


def test_paragraphs_are_packed_and_never_cut_when_they_fit() -> None:
    text = "\n\n".join(["a" * 400, "b" * 400, "c" * 400])

    assert paragraphs(text) == ["a" * 400 + "\n\n" + "b" * 400, "c" * 400]


def test_a_long_paragraph_is_cut_at_line_breaks() -> None:
    lines = [f"{n}. " + "x" * 300 for n in range(5)]

    found = paragraphs("\n".join(lines))

    assert found == ["\n".join(lines[0:2]), "\n".join(lines[2:4]), lines[4]]


def test_a_long_line_is_cut_between_words_and_a_huge_word_is_cut() -> None:
    assert paragraphs("aaa bbb ccc", limit=7) == ["aaa bbb", "ccc"]
    assert paragraphs("abcdefghij k", limit=4) == ["abcd", "efgh", "ij k"]


def test_a_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="limit must be positive"):
        paragraphs("x", limit=0)
    with pytest.raises(ValueError, match="limit must be positive"):
        bullets(["x"], limit=0)


@given(
    st.lists(
        st.lists(st.text(alphabet="abc xyz", min_size=1, max_size=300), min_size=1, max_size=6),
        min_size=1,
        max_size=8,
    ),
    st.integers(min_value=5, max_value=400),
)
def test_no_bubble_is_too_long_and_no_word_is_lost(texts: list[list[str]], limit: int) -> None:
    text = "\n\n".join("\n".join(lines) for lines in texts)

    found = paragraphs(text, limit)

    assert all(0 < len(bubble) <= limit for bubble in found)
    assert "".join("".join(found).split()) == "".join(text.split())
