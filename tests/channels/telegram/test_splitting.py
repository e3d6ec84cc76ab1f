"""Long replies split within Telegram's 4096-character limit, at readable places."""

from __future__ import annotations

import re

import pytest

from bot.channels.telegram.splitting import TELEGRAM_MESSAGE_LIMIT, split_message, telegram_length


def _words(text: str) -> list[str]:
    return text.split()


def test_a_short_reply_is_one_message_unchanged() -> None:
    assert split_message("  Hello.\n\nHow are you?  ") == ["Hello.\n\nHow are you?"]


def test_nothing_to_send_is_no_message() -> None:
    assert split_message(" \n ") == []


def test_exactly_the_limit_is_one_message_and_one_more_is_two() -> None:
    assert len(split_message("a" * TELEGRAM_MESSAGE_LIMIT)) == 1
    assert len(split_message("a" * (TELEGRAM_MESSAGE_LIMIT + 1))) == 2


def test_paragraphs_are_kept_whole_when_they_fit() -> None:
    first = "First paragraph. " * 150  # about 2550 characters
    second = "Second paragraph. " * 150

    parts = split_message(f"{first.strip()}\n\n{second.strip()}")

    assert parts == [first.strip(), second.strip()]


def test_without_paragraphs_a_cut_falls_after_a_sentence() -> None:
    text = " ".join(f"Sentence number {i} ends here." for i in range(400))

    parts = split_message(text)

    assert len(parts) > 1
    assert all(part.endswith("here.") for part in parts)
    assert _words(" ".join(parts)) == _words(text)


def test_a_cut_prefers_a_sentence_end_to_a_later_word_boundary() -> None:
    text = "a " * 30 + "Done here. " + "b " * 40

    parts = split_message(text, limit=100)

    assert parts[0] == ("a " * 30 + "Done here.").strip()
    assert parts[1] == ("b " * 40).strip()


def test_a_cut_prefers_a_line_break_to_a_sentence_end() -> None:
    text = "a " * 30 + "line\n" + "b. " * 8 + "c " * 30

    parts = split_message(text, limit=100)

    assert parts[0] == ("a " * 30 + "line").strip()


def test_a_word_longer_than_a_message_is_cut_inside() -> None:
    parts = split_message("x" * 10_000)

    assert [len(part) for part in parts] == [4096, 4096, 1808]


def test_length_is_counted_as_telegram_counts_it_emoji_twice() -> None:
    text = "😀" * 3000  # 6000 UTF-16 units

    parts = split_message(text)

    assert telegram_length("😀") == 2
    assert [telegram_length(part) for part in parts] == [4096, 1904]
    assert "".join(parts) == text


@pytest.mark.parametrize("limit", [50, 200, 1000, TELEGRAM_MESSAGE_LIMIT])
def test_every_part_fits_and_no_word_is_lost_or_split(limit: int) -> None:
    paragraph = (
        "Compassionate release is a sentence reduction [18 U.S.C. § 3582(c)(1)(A)]. "
        "The warden has 30 days! Is that right? « Oui » — ça dépend… 😀 ok.\n"
    )
    text = "\n".join(paragraph * (n % 4 + 1) for n in range(60))

    parts = split_message(text, limit)

    assert all(0 < telegram_length(part) <= limit for part in parts)
    assert all(part == part.strip() for part in parts)
    assert _words(" ".join(parts)) == _words(text)


def test_a_limit_below_two_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        split_message("hello", limit=1)


def test_no_part_starts_with_the_rest_of_a_cut_sentence_when_a_sentence_end_is_near() -> None:
    text = ("A sentence that is fairly long and ends properly. " * 200).strip()

    parts = split_message(text)

    assert all(re.match(r"^A sentence", part) for part in parts)
