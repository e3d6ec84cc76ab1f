"""The REST channel's check of every posted body."""

from __future__ import annotations

import json

import pytest

from bot.channels.rest import RestInput, check_body


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        pytest.param(b"not json", "must be JSON", id="not JSON"),
        pytest.param(b"", "must be JSON", id="empty body"),
        pytest.param(b"\xff\xfe", "must be JSON", id="not UTF-8"),
        pytest.param(b"[1, 2]", "JSON object", id="a list"),
        pytest.param(
            b'{"message": "hi"}', '"sender"', id="no sender: would share the id 'default'"
        ),
        pytest.param(b'{"sender": "  ", "message": "hi"}', '"sender"', id="blank sender"),
        pytest.param(b'{"sender": 7, "message": "hi"}', '"sender"', id="sender not a string"),
        pytest.param(json.dumps({"sender": "x" * 129}).encode(), '"sender"', id="sender too long"),
        pytest.param(b'{"sender": "a", "message": 12}', '"message"', id="message not a string"),
        pytest.param(
            b'{"sender": "telegram-12345", "message": "hi"}',
            "another channel",
            id="a Telegram chat's conversation: chat ids are no secret",
        ),
    ],
)
def test_bad_bodies_get_a_json_error(body: bytes, fragment: str) -> None:
    data, error = check_body(body)
    assert data is None
    assert error is not None
    assert error.status == 400
    assert fragment in json.loads(error.body)["error"]


def test_good_body_is_cleaned() -> None:
    data, error = check_body(b'{"sender": " fam-1 ", "message": "hi\\u0000 there", "metadata": {}}')
    assert error is None
    assert data == {"sender": "fam-1", "message": "hi  there", "metadata": {}}


def test_missing_message_is_an_empty_message() -> None:
    data, _ = check_body(b'{"sender": "fam-1"}')
    assert data is not None
    assert data["message"] == ""


def test_channel_keeps_rasas_name_and_route() -> None:
    assert RestInput.name() == "rest"
