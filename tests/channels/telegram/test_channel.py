"""The webhook blueprint: what reaches Rasa, what Telegram is told, what the fake Bot API got."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import redis.asyncio
import yaml
from rasa.core.channels.channel import UserMessage

from bot.channels.telegram import replies
from bot.channels.telegram.channel import TelegramInput
from bot.channels.telegram.config import TelegramConfig
from bot.channels.telegram.seen import RedisSeenIds, SeenIds
from bot.settings import get_settings
from bot.wording import say

from . import updates
from .conftest import SECRET, Assistant, Webhook, mount
from .fake_bot_api import FakeBotApi

pytestmark = pytest.mark.anyio
CHAT = 4242
REDIS_URL = "redis://127.0.0.1:6379/0"
ROOT = Path(__file__).resolve().parents[3]


async def test_health_route_says_whether_telegram_is_configured(webhook: Webhook) -> None:
    answer = await webhook.client.get("/webhooks/telegram/")

    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "configured": True}


async def test_without_a_token_the_webhook_answers_503_and_nothing_reaches_rasa() -> None:
    assistant = Assistant()
    async for hook in mount(TelegramInput(TelegramConfig()), assistant):
        answer = await hook.post(updates.text(CHAT, "hello"))
        health = await hook.client.get("/webhooks/telegram/")

    assert answer.status_code == 503
    assert "TELEGRAM_BOT_TOKEN" in answer.json()["error"]
    assert health.json()["configured"] is False
    assert assistant.received == []


@pytest.mark.parametrize(
    ("secret", "status"),
    [
        pytest.param(None, 401, id="no secret header"),
        pytest.param("", 401, id="empty secret header"),
        pytest.param("wrong-secret", 403, id="wrong secret"),
        pytest.param(SECRET[:-1], 403, id="secret minus its last character"),
        pytest.param(SECRET + "x", 403, id="secret plus a character"),
    ],
)
async def test_an_update_without_the_right_secret_is_refused_and_goes_nowhere(
    webhook: Webhook, api: FakeBotApi, secret: str | None, status: int
) -> None:
    answer = await webhook.post(updates.text(CHAT, "hello"), secret=secret)

    assert answer.status_code == status
    assert webhook.assistant.received == []
    assert api.calls == []


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"{not json", id="not JSON"),
        pytest.param(b"\xff\xfe", id="not UTF-8"),
        pytest.param(b"[1, 2]", id="a list"),
        pytest.param(b'{"message": {"text": "hi"}}', id="no update_id"),
        pytest.param(b'{"update_id": "seven"}', id="update_id not a number"),
        pytest.param(b'{"update_id": 1, "message": "hi"}', id="message not an object"),
    ],
)
async def test_a_malformed_update_gets_400(webhook: Webhook, api: FakeBotApi, body: bytes) -> None:
    answer = await webhook.post(None, raw=body)

    assert answer.status_code == 400
    assert "Telegram Update" in answer.json()["error"]
    assert webhook.assistant.received == []
    assert api.calls == []


async def test_a_body_over_64_kb_gets_413_and_goes_nowhere(
    webhook: Webhook, api: FakeBotApi
) -> None:
    answer = await webhook.post(None, raw=b'{"update_id": 1, "pad": "' + b"x" * 70_000 + b'"}')

    assert answer.status_code == 413
    assert webhook.assistant.received == []
    assert api.calls == []


async def test_a_message_reaches_rasa_cleaned_under_the_chats_sender_id(webhook: Webhook) -> None:
    answer = await webhook.post(updates.text(CHAT, "  can my dad\u0000 qualify?  "))

    assert answer.status_code == 200
    [message] = webhook.assistant.received
    assert message.text == "can my dad  qualify?"
    assert message.sender_id == f"telegram-{CHAT}"
    assert message.input_channel == "telegram"
    assert message.output_channel.name() == "telegram"


async def test_replies_reach_the_chat_with_buttons_as_an_inline_keyboard(
    webhook: Webhook, api: FakeBotApi
) -> None:
    async def answer(message: UserMessage) -> None:
        await message.output_channel.send_text_message(message.sender_id, "First reply.")
        await message.output_channel.send_text_with_buttons(
            message.sender_id,
            "Is this right?",
            [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}],
        )

    webhook.assistant.answer = answer
    await webhook.post(updates.text(CHAT, "hi"))

    sent = api.calls_to("sendMessage", CHAT)
    assert [call.params["text"] for call in sent] == ["First reply.", "Is this right?"]
    assert "reply_markup" not in sent[0].params
    assert sent[1].button_rows == [
        [{"text": "Yes", "callback_data": "/affirm"}, {"text": "No", "callback_data": "/deny"}]
    ]
    assert all("parse_mode" not in call.params for call in sent)  # plain text, on purpose


async def test_typing_is_shown_before_the_first_reply(webhook: Webhook, api: FakeBotApi) -> None:
    async def answer(message: UserMessage) -> None:
        await message.output_channel.send_text_message(message.sender_id, "Reply.")

    webhook.assistant.answer = answer
    await webhook.post(updates.text(CHAT, "hi"))

    methods = [call.method for call in api.calls]
    assert methods == ["sendChatAction", "sendMessage"]
    assert api.calls[0].params["action"] == "typing"


@pytest.mark.parametrize(
    ("command", "sent"),
    [
        pytest.param("start", "/greet", id="/start greets"),
        pytest.param("restart", "/restart", id="/restart starts over"),
        pytest.param("forget", "/forget_me", id="/forget asks to erase"),
        pytest.param("person", "/human_handoff", id="/person hands off"),
        pytest.param("START", "/greet", id="commands ignore case"),
        pytest.param("start@cr_test_bot", "/greet", id="command addressed to the bot"),
    ],
)
async def test_commands_become_the_assistants_intents(
    webhook: Webhook, command: str, sent: str
) -> None:
    await webhook.post(updates.command(CHAT, command))

    assert [message.text for message in webhook.assistant.received] == [sent]


async def test_start_with_a_deep_link_argument_still_greets(webhook: Webhook) -> None:
    await webhook.post(updates.command(CHAT, "start", "from-website"))

    assert [message.text for message in webhook.assistant.received] == ["/greet"]


async def test_help_is_answered_by_the_channel_listing_every_command(
    webhook: Webhook, api: FakeBotApi
) -> None:
    await webhook.post(updates.command(CHAT, "help"))

    assert webhook.assistant.received == []
    [call] = api.calls_to("sendMessage", CHAT)
    for name in ("/start", "/help", "/restart", "/forget", "/person"):
        assert name in call.params["text"]
    assert "not legal advice" in call.params["text"]


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("/affirm", id="an intent name"),
        pytest.param('/inform{"jurisdiction": "state"}', id="an intent with entities"),
        pytest.param("/unknown", id="an unknown command"),
    ],
)
async def test_typed_slash_text_never_reaches_rasa_as_an_intent(
    webhook: Webhook, api: FakeBotApi, typed: str
) -> None:
    await webhook.post(updates.text(CHAT, typed))

    assert webhook.assistant.received == []
    [call] = api.calls_to("sendMessage", CHAT)
    assert call.params["text"] == say("telegram.unknown_command")


@pytest.mark.parametrize(
    ("update", "reply"),
    [
        pytest.param(updates.photo(CHAT), say("telegram.not_text"), id="photo"),
        pytest.param(
            updates.photo(CHAT, caption="his records"),
            say("telegram.not_text"),
            id="captioned photo",
        ),
        pytest.param(updates.sticker(CHAT), say("telegram.not_text"), id="sticker"),
        pytest.param(updates.voice(CHAT), say("telegram.not_text"), id="voice"),
        pytest.param(
            updates.edited(CHAT, "typo fixed"), say("telegram.edited"), id="edited message"
        ),
        pytest.param(
            updates.text(-100777, "hi bot", kind="group"), say("telegram.private_only"), id="group"
        ),
        pytest.param(
            updates.text(-100777, "hi bot", kind="supergroup"),
            say("telegram.private_only"),
            id="supergroup",
        ),
    ],
)
async def test_what_the_assistant_cannot_read_gets_a_polite_answer(
    webhook: Webhook, api: FakeBotApi, update: dict[str, object], reply: str
) -> None:
    answer = await webhook.post(update)

    assert answer.status_code == 200
    assert webhook.assistant.received == []
    [call] = api.calls_to("sendMessage")
    assert call.params["text"] == reply


@pytest.mark.parametrize(
    "update",
    [
        pytest.param(updates.channel_post(-100888, "news"), id="channel post"),
        pytest.param(updates.member_joined(-100777), id="someone joined a group"),
        pytest.param(updates.edited(-100777, "x", kind="group"), id="edit in a group"),
        pytest.param(updates.update(my_chat_member=None), id="an update of another kind"),
        pytest.param(updates.text(CHAT, " \u0000 "), id="nothing left after cleaning"),
    ],
)
async def test_what_is_not_for_the_assistant_is_ignored_safely(
    webhook: Webhook, api: FakeBotApi, update: dict[str, object]
) -> None:
    answer = await webhook.post(update)

    assert answer.status_code == 200
    assert webhook.assistant.received == []
    assert api.calls == []


async def test_a_button_press_is_answered_marked_and_sent_to_rasa(
    webhook: Webhook, api: FakeBotApi
) -> None:
    rows = [[{"text": "Yes", "callback_data": "/affirm"}, {"text": "No", "callback_data": "/deny"}]]
    keyboard = updates.keyboard_message(CHAT, "Is this right?", rows)
    press = updates.press(CHAT, "/deny", keyboard)

    answer = await webhook.post(press)

    assert answer.status_code == 200
    assert [message.text for message in webhook.assistant.received] == ["/deny"]
    [answered] = api.calls_to("answerCallbackQuery")
    assert answered.params["callback_query_id"] == press["callback_query"]["id"]
    [edit] = api.calls_to("editMessageReplyMarkup")
    assert edit.params["message_id"] == keyboard["message_id"]
    assert edit.button_rows == [[{"text": "✓ No", "callback_data": "~x"}]]
    assert [call.method for call in api.calls][:2] == [
        "answerCallbackQuery",
        "editMessageReplyMarkup",
    ]


async def test_a_long_payload_goes_out_hashed_and_comes_back_whole(
    webhook: Webhook, api: FakeBotApi
) -> None:
    long_payload = '/inform{"family_situation": "children", "relationship": "grandmother"}'

    async def answer(message: UserMessage) -> None:
        if message.text == "hi":
            await message.output_channel.send_text_with_buttons(
                message.sender_id, "Who?", [{"title": "Grandma", "payload": long_payload}]
            )

    webhook.assistant.answer = answer
    await webhook.post(updates.text(CHAT, "hi"))
    [sent] = api.calls_to("sendMessage", CHAT)
    data = sent.button_rows[0][0]["callback_data"]
    assert len(data.encode()) <= 64
    assert data != long_payload

    keyboard = updates.keyboard_message(CHAT, "Who?", sent.button_rows)
    await webhook.post(updates.press(CHAT, data, keyboard))

    assert [message.text for message in webhook.assistant.received] == ["hi", long_payload]


@pytest.mark.parametrize(
    ("data", "rows"),
    [
        pytest.param("~x", [[{"text": "✓ Yes", "callback_data": "~x"}]], id="the answered marker"),
        pytest.param("/affirm", [[{"text": "✓ Yes", "callback_data": "~x"}]], id="keyboard gone"),
    ],
)
async def test_a_second_tap_on_an_answered_question_is_answered_and_ignored(
    webhook: Webhook, api: FakeBotApi, data: str, rows: list[list[dict[str, str]]]
) -> None:
    keyboard = updates.keyboard_message(CHAT, "Is this right?", rows)

    await webhook.post(updates.press(CHAT, data, keyboard))

    assert webhook.assistant.received == []
    assert [call.method for call in api.calls] == ["answerCallbackQuery"]


async def test_a_press_on_a_message_too_old_to_read_is_answered_and_ignored(
    webhook: Webhook, api: FakeBotApi
) -> None:
    inaccessible = {"message_id": 5, "date": 0, "chat": {"id": CHAT, "type": "private"}}

    await webhook.post(updates.press(CHAT, "/affirm", inaccessible))

    assert webhook.assistant.received == []
    assert [call.method for call in api.calls] == ["answerCallbackQuery"]


async def test_a_failure_inside_rasa_is_logged_without_content_and_telegram_gets_200(
    webhook: Webhook, api: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    async def answer(message: UserMessage) -> None:
        raise RuntimeError(f"boom while reading {message.text}")

    webhook.assistant.answer = answer
    with caplog.at_level(logging.DEBUG):
        result = await webhook.post(updates.text(CHAT, "my husband has stage 4 cancer"))

    assert result.status_code == 200
    [call] = api.calls_to("sendMessage", CHAT)
    assert call.params["text"] == say("telegram.sorry")
    assert "RuntimeError" in caplog.text
    assert "cancer" not in caplog.text


async def test_an_update_telegram_sends_again_is_answered_once(
    webhook: Webhook, api: FakeBotApi
) -> None:
    update = updates.text(CHAT, "hello")

    first = await webhook.post(update)
    again = await webhook.post(update)

    assert (first.status_code, again.status_code) == (200, 200)
    assert len(webhook.assistant.received) == 1


async def test_telegram_being_down_does_not_stop_the_conversation(
    webhook: Webhook, api: FakeBotApi
) -> None:
    api.fail_next("answerCallbackQuery", 500, "Internal Server Error")
    api.fail_next("editMessageReplyMarkup", 400, "Bad Request: message is not modified")
    rows = [[{"text": "Yes", "callback_data": "/affirm"}]]
    keyboard = updates.keyboard_message(CHAT, "Is this right?", rows)

    answer = await webhook.post(updates.press(CHAT, "/affirm", keyboard))

    assert answer.status_code == 200
    assert [message.text for message in webhook.assistant.received] == ["/affirm"]


async def test_the_output_channel_for_rasas_own_messages_reaches_the_chat(
    webhook: Webhook, api: FakeBotApi
) -> None:
    output = webhook.channel.get_output_channel()
    assert output is not None

    await output.send_text_message(f"telegram-{CHAT}", "A reminder.")

    [call] = api.calls_to("sendMessage", CHAT)
    assert call.params["text"] == "A reminder."


def test_no_output_channel_without_a_token() -> None:
    assert TelegramInput(TelegramConfig()).get_output_channel() is None


def test_channel_name_and_routes_are_rasas_usual_ones() -> None:
    assert TelegramInput.name() == "telegram"
    assert TelegramInput(TelegramConfig()).url_prefix() == "telegram"


def test_every_command_sends_an_intent_the_domain_declares() -> None:
    intents = set(yaml.safe_load((ROOT / "domain.yml").read_text())["intents"])
    sent = [command.message for command in replies.COMMANDS.values() if command.message]

    assert sent
    assert {message.removeprefix("/") for message in sent} <= intents


def test_rasa_finds_the_channel_by_the_credentials_key() -> None:
    from rasa.shared.utils.common import class_from_module_path

    assert class_from_module_path("bot.channels.telegram.TelegramInput") is TelegramInput


async def test_a_press_is_answered_even_when_reading_it_fails(
    webhook: Webhook, api: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(data: str) -> str:
        raise KeyError(data)

    monkeypatch.setattr(webhook.channel.codec, "decode", broken)
    rows = [[{"text": "Yes", "callback_data": "/affirm"}]]
    press = updates.press(CHAT, "/affirm", updates.keyboard_message(CHAT, "Sure?", rows))

    answer = await webhook.post(press)

    assert answer.status_code == 200
    assert webhook.assistant.received == []
    [answered] = api.calls_to("answerCallbackQuery")
    assert answered.params["callback_query_id"] == press["callback_query"]["id"]
    [sorry] = api.calls_to("sendMessage", CHAT)
    assert sorry.params["text"] == say("telegram.sorry")


async def test_an_update_whose_handling_failed_is_answered_when_it_comes_again(
    webhook: Webhook, api: FakeBotApi
) -> None:
    failures = [RuntimeError("the database is down")]

    async def answer(message: UserMessage) -> None:
        if failures:
            raise failures.pop()

    webhook.assistant.answer = answer
    update = updates.text(CHAT, "hello")

    first = await webhook.post(update)
    again = await webhook.post(update)
    third = await webhook.post(update)

    assert (first.status_code, again.status_code, third.status_code) == (200, 200, 200)
    assert len(webhook.assistant.received) == 2  # failed once, answered once, then skipped


async def test_an_update_still_being_answered_gets_500_with_retry_after_and_is_not_answered_twice(
    config: TelegramConfig,
) -> None:
    release = asyncio.Event()

    async def slow(message: UserMessage) -> None:
        await release.wait()

    assistant = Assistant(answer=slow)
    async for hook in mount(TelegramInput(config), assistant):
        update = updates.text(CHAT, "hello")
        first = asyncio.create_task(hook.post(update))
        while not assistant.received:
            await asyncio.sleep(0.01)
        busy = await hook.post(update)
        release.set()
        assert (await first).status_code == 200
        later = await hook.post(update)

    assert busy.status_code == 500
    assert busy.headers["retry-after"] == "10"
    assert later.status_code == 200
    assert len(assistant.received) == 1


@pytest.fixture
async def shared_seen_ids() -> AsyncIterator[tuple[SeenIds, SeenIds, str]]:
    """Two replicas' seen ids in the real Redis, under a key prefix of this test's own."""
    prefix = f"test-h4-seen-{uuid.uuid4().hex}"
    replicas = (
        RedisSeenIds(REDIS_URL, prefix, claim_seconds=1),
        RedisSeenIds(REDIS_URL, prefix, claim_seconds=1),
    )
    yield replicas[0], replicas[1], prefix
    client = redis.asyncio.from_url(REDIS_URL)
    keys = [key async for key in client.scan_iter(f"{prefix}:*")]
    if keys:
        await client.delete(*keys)
    await client.close()
    for replica in replicas:
        await replica.close()


async def test_two_replicas_sharing_redis_answer_a_re_sent_update_once(
    config: TelegramConfig, api: FakeBotApi, shared_seen_ids: tuple[SeenIds, SeenIds, str]
) -> None:
    one, two, prefix = shared_seen_ids
    first, second = Assistant(), Assistant()
    update = updates.text(CHAT, "hello")

    async for replica_one in mount(TelegramInput(config, seen=one), first):
        async for replica_two in mount(TelegramInput(config, seen=two), second):
            answers = [await replica_one.post(update), await replica_two.post(update)]

    assert [answer.status_code for answer in answers] == [200, 200]
    assert (len(first.received), len(second.received)) == (1, 0)
    client = redis.asyncio.from_url(REDIS_URL)
    key = f"{prefix}:{update['update_id']}"
    assert await client.get(key) == b"seen"
    assert 23 * 3600 < await client.ttl(key) <= 24 * 3600
    await client.close()


async def test_with_redis_only_one_replica_answers_an_update_both_got_at_once(
    config: TelegramConfig, shared_seen_ids: tuple[SeenIds, SeenIds, str]
) -> None:
    one, two, _ = shared_seen_ids
    release = asyncio.Event()

    async def slow(message: UserMessage) -> None:
        await release.wait()

    first, second = Assistant(answer=slow), Assistant()
    update = updates.text(CHAT, "hello")
    async for replica_one in mount(TelegramInput(config, seen=one), first):
        async for replica_two in mount(TelegramInput(config, seen=two), second):
            answering = asyncio.create_task(replica_one.post(update))
            while not first.received:
                await asyncio.sleep(0.01)
            busy = await replica_two.post(update)
            release.set()
            done = await answering

    assert (done.status_code, busy.status_code) == (200, 500)
    assert second.received == []


async def test_a_claim_whose_server_died_expires_and_the_update_is_answered_after_all(
    config: TelegramConfig, shared_seen_ids: tuple[SeenIds, SeenIds, str]
) -> None:
    dead, alive, _ = shared_seen_ids
    update = updates.text(CHAT, "hello")
    await dead.claim(update["update_id"])  # then the server was killed mid-turn

    survivor = Assistant()
    async for replica in mount(TelegramInput(config, seen=alive), survivor):
        too_soon = await replica.post(update)
        await asyncio.sleep(1.2)  # the claim's lifetime in this test
        retried = await replica.post(update)

    assert (too_soon.status_code, retried.status_code) == (500, 200)
    assert len(survivor.received) == 1


async def test_a_turn_that_hangs_gets_the_timeout_answer_on_telegram(
    config: TelegramConfig, api: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TURN_TIMEOUT_SECONDS", "2")
    monkeypatch.setenv("ACTION_TIMEOUT_SECONDS", "1")
    get_settings.cache_clear()

    async def hang(message: UserMessage) -> None:
        await asyncio.Event().wait()

    assistant = Assistant(answer=hang)
    try:
        async for hook in mount(TelegramInput(config), assistant):
            answer = await hook.post(updates.text(CHAT, "hello"))
    finally:
        get_settings.cache_clear()

    assert answer.status_code == 200
    [call] = api.calls_to("sendMessage", CHAT)
    assert call.params["text"] == say("channels.turn_timeout")
