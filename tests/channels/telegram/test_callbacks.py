"""Button payloads within Telegram's 64 bytes of callback data, and back."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions.fallback import FAQ_TOPICS, INTENT_TOPICS, OUT_OF_SCOPE
from bot.channels.telegram.callbacks import (
    CALLBACK_DATA_MAX_BYTES,
    CallbackCodec,
    chosen_keyboard,
    is_chosen_marker,
    keyboard,
    pressed_title,
)

ROOT = Path(__file__).resolve().parents[3]


def _ascii(size: int) -> str:
    return "/" + "a" * (size - 1)


@pytest.mark.parametrize("size", [1, 63, 64])
def test_a_payload_up_to_64_bytes_travels_as_itself(size: int) -> None:
    codec = CallbackCodec()
    payload = _ascii(size)

    assert codec.encode(payload) == payload
    assert codec.decode(payload) == payload


@pytest.mark.parametrize("size", [65, 66, 500])
def test_a_longer_payload_travels_as_a_short_key_and_comes_back(size: int) -> None:
    codec = CallbackCodec()
    payload = _ascii(size)

    data = codec.encode(payload)

    assert len(data.encode("utf-8")) <= CALLBACK_DATA_MAX_BYTES
    assert data != payload
    assert codec.decode(data) == payload


@pytest.mark.parametrize(
    ("payload", "fits"),
    [
        pytest.param("/" + "é" * 31 + "a", True, id="64 bytes of 33 characters"),
        pytest.param("/" + "é" * 32, False, id="65 bytes of 33 characters"),
        pytest.param("/" + "é" * 31, True, id="63 bytes"),
        pytest.param("/" + "😀" * 15 + "abc", True, id="64 bytes with 4-byte emoji"),
        pytest.param("/" + "😀" * 16, False, id="65 bytes with 4-byte emoji"),
        pytest.param('/inform{"relationship": "abuela"}' + "ñ" * 15, True, id="63 bytes of JSON"),
    ],
)
def test_the_limit_is_64_bytes_of_utf8_not_64_characters(payload: str, fits: bool) -> None:
    codec = CallbackCodec()

    data = codec.encode(payload)

    assert (data == payload) is fits
    assert (len(payload.encode()) <= 64) is fits
    assert len(data.encode()) <= CALLBACK_DATA_MAX_BYTES
    assert codec.decode(data) == payload


def test_a_payload_that_looks_like_our_marker_is_always_keyed() -> None:
    codec = CallbackCodec()

    data = codec.encode("~x")

    assert data != "~x"
    assert codec.decode(data) == "~x"
    assert not is_chosen_marker(data)


def test_the_same_long_payload_gets_the_same_key_and_different_ones_differ() -> None:
    codec = CallbackCodec()

    assert codec.encode(_ascii(100)) == codec.encode(_ascii(100))
    assert codec.encode(_ascii(100)) != codec.encode(_ascii(101))


def test_the_store_is_bounded_and_forgets_the_oldest() -> None:
    codec = CallbackCodec(capacity=2)
    first, second, third = (codec.encode(_ascii(100 + n)) for n in range(3))

    assert codec.decode(first) is None
    assert codec.decode(second) == _ascii(101)
    assert codec.decode(third) == _ascii(102)


def test_a_key_from_another_process_is_unknown_here() -> None:
    data = CallbackCodec().encode(_ascii(100))

    assert CallbackCodec().decode(data) is None


def _domain_payloads() -> list[str]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    payloads = []
    for variants in domain.get("responses", {}).values():
        for variant in variants:
            for button in variant.get("buttons", []):
                payloads.append(button["payload"].replace("{{", "{").replace("}}", "}"))
    return payloads


def test_every_button_payload_the_assistant_sends_today_fits_as_itself() -> None:
    payloads = [
        *_domain_payloads(),
        *(phrase for _, phrase in FAQ_TOPICS.values()),
        *(f"/{intent}" for intent in INTENT_TOPICS),
        f"/{OUT_OF_SCOPE}",
    ]
    codec = CallbackCodec()

    assert len(payloads) > 40
    too_long = [p for p in payloads if codec.encode(p) != p]
    assert too_long == []


def test_keyboard_puts_short_answers_side_by_side_and_long_ones_alone() -> None:
    buttons = [
        {"title": "Yes", "payload": "/affirm"},
        {"title": "No", "payload": "/deny"},
        {"title": "Not sure", "payload": "/dont_know"},
        {"title": "Yes, erase everything and start over", "payload": "/affirm"},
        {"title": "Questionnaire", "url": "https://clearinghouse.test/q"},
    ]

    markup = keyboard(buttons, CallbackCodec())

    rows = [[key.text for key in row] for row in markup.inline_keyboard]
    assert rows == [
        ["Yes", "No", "Not sure"],
        ["Yes, erase everything and start over"],
        ["Questionnaire"],
    ]
    assert markup.inline_keyboard[2][0].url == "https://clearinghouse.test/q"
    assert markup.inline_keyboard[0][2].callback_data == "/dont_know"


def test_a_button_without_a_title_shows_its_payload() -> None:
    markup = keyboard([{"payload": "/affirm"}], CallbackCodec())

    assert markup.inline_keyboard[0][0].text == "/affirm"


def test_the_pressed_button_is_found_by_its_data() -> None:
    markup = keyboard(
        [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}],
        CallbackCodec(),
    )

    assert pressed_title(markup, "/deny") == "No"
    assert pressed_title(markup, "/other") is None
    assert pressed_title(None, "/deny") is None


def test_the_answered_keyboard_is_one_inert_button() -> None:
    markup = chosen_keyboard("No")

    [[key]] = markup.inline_keyboard
    assert key.text == "✓ No"
    assert is_chosen_marker(key.callback_data)


def test_capacity_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        CallbackCodec(capacity=0)
