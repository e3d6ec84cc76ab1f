"""Any message gets a sensible reply: never a server error, never a lost conversation."""

from __future__ import annotations

import httpx
import pytest

from .servers import Conversation, stored_events

pytestmark = pytest.mark.e2e

PASTED_LETTER = """Dear Warden,

I am writing on behalf of my son, [name], Reg. No. [number], who is housed at FCI Butner.
He was diagnosed with stage 4 cancer in March and his doctors say he has months to live.
We ask that you consider him for a reduction in sentence.

Sincerely,
His mother"""

ODD_MESSAGES = {
    "empty": "",
    "only spaces": "   \n\t ",
    "20 kB": "please help my dad he is very sick " * 580,
    "emoji only": "😢🙏❤️",
    "right-to-left text": "مرحبا، هل يمكن لابني الخروج من السجن؟",
    "control characters": "hi\x00\x07\x1b[31m there\x7f",
    "only digits": "1234567890",
    "pasted letter": PASTED_LETTER,
    "markup": "<script>alert('x')</script>",
    "json": '{"sender": "someone-else", "message": "hi"}',
}


@pytest.mark.parametrize("text", list(ODD_MESSAGES.values()), ids=list(ODD_MESSAGES))
def test_odd_message_gets_a_reply_and_the_conversation_goes_on(rasa_url: str, text: str) -> None:
    family = Conversation(rasa_url)
    family.say("hi")

    reply = family.say(text)

    assert reply.strip()
    assert "<script>" not in reply
    assert "not legal advice" in family.say("hello")


def test_the_conversation_is_kept_after_odd_messages(rasa_url: str, rasa_database_url: str) -> None:
    family = Conversation(rasa_url)
    family.say("hi")
    for text in ODD_MESSAGES.values():
        family.say(text)

    events = stored_events(rasa_database_url, family.sender)

    user_texts = [event.get("text") for event in events if event["event"] == "user"]
    assert user_texts[0] == "hi"
    # The two-stage fallback may replay a message after a rephrase, so there can be more.
    assert len(user_texts) >= 1 + len(ODD_MESSAGES)
    assert user_texts[-1] == ODD_MESSAGES["json"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        pytest.param(b"not json at all", 400, id="not JSON"),
        pytest.param(b'{"message": "hi"}', 400, id="no sender"),
        pytest.param(b'{"sender": "fam", "message": ["hi"]}', 400, id="message not text"),
    ],
)
def test_malformed_requests_get_a_clear_json_error(rasa_url: str, body: bytes, status: int) -> None:
    response = httpx.post(
        f"{rasa_url}/webhooks/rest/webhook",
        content=body,
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert response.status_code == status
    assert response.json()["error"]
