"""The commands an organisation runs: set-webhook, webhook-info, delete-webhook, set-commands."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import cli as project_cli
from bot.channels.telegram.cli import main
from bot.devtools.stack import free_port
from bot.settings import get_settings

from .conftest import SECRET
from .fake_bot_api import TOKEN, FakeBotApi

WEBHOOK = "https://bot.family-help.test/webhooks/telegram/webhook"


@pytest.fixture
def environment(
    api: FakeBotApi, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[list[str]]:
    """Settings pointing at the fake Bot API; yields the common arguments."""
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", api.base_url)
    get_settings.cache_clear()
    yield ["--credentials", str(tmp_path / "none.yml")]
    get_settings.cache_clear()


def test_set_webhook_registers_the_url_with_our_secret_and_update_types(
    api: FakeBotApi, environment: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status = main([*environment, "set-webhook", "--url", WEBHOOK, "--drop-pending"])

    assert status == 0
    webhook = api.webhook
    assert webhook["url"] == WEBHOOK
    assert webhook["secret_token"] == SECRET
    assert webhook["allowed_updates"] == ["message", "edited_message", "callback_query"]
    assert webhook["drop_pending_updates"] is True
    out = capsys.readouterr().out
    assert f"webhook: {WEBHOOK}" in out
    assert SECRET not in out
    assert TOKEN not in out


def test_webhook_info_and_delete_webhook(
    api: FakeBotApi, environment: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    api.set_webhook_directly(WEBHOOK)

    assert main([*environment, "webhook-info"]) == 0
    shown = capsys.readouterr().out
    assert main([*environment, "delete-webhook"]) == 0
    deleted = capsys.readouterr().out

    assert f"webhook: {WEBHOOK}" in shown
    assert "pending updates: 0" in shown
    assert "webhook: none" in deleted
    assert api.webhook == {}
    assert [call.method for call in api.calls] == [
        "getMe",
        "getWebhookInfo",
        "getMe",
        "deleteWebhook",
        "getWebhookInfo",
    ]


def test_set_commands_fills_telegrams_menu(
    api: FakeBotApi, environment: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*environment, "set-commands"]) == 0

    [call] = api.calls_to("setMyCommands")
    assert [c["command"] for c in call.params["commands"]] == [
        "start",
        "help",
        "restart",
        "forget",
        "person",
    ]
    assert "/forget - " in capsys.readouterr().out


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        pytest.param("https://bot.test/wrong/path", "/webhooks/telegram/webhook", id="wrong path"),
        pytest.param("bot.test/webhooks/telegram/webhook", "https://", id="no scheme"),
    ],
)
def test_a_webhook_url_that_cannot_work_is_refused_before_asking_telegram(
    api: FakeBotApi,
    environment: list[str],
    capsys: pytest.CaptureFixture[str],
    url: str,
    fragment: str,
) -> None:
    assert main([*environment, "set-webhook", "--url", url]) == 2

    assert fragment in capsys.readouterr().err
    assert api.calls_to("setWebhook") == []


def test_production_requires_https_for_the_webhook(
    api: FakeBotApi,
    environment: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("DATABASE_URL", "postgresql://cr:s3cure-Pa55@db.internal:5432/cr")
    get_settings.cache_clear()
    url = "http://bot.family-help.test/webhooks/telegram/webhook"

    assert main([*environment, "set-webhook", "--url", url]) == 2

    assert "https://" in capsys.readouterr().err
    assert api.calls_to("setWebhook") == []


def test_telegrams_own_refusal_is_shown(
    api: FakeBotApi, environment: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    url = "http://bot.family-help.test/webhooks/telegram/webhook"  # allowed in development

    assert main([*environment, "set-webhook", "--url", url]) == 1

    assert "Telegram refused: Bad webhook: an https url" in capsys.readouterr().err


def test_a_wrong_token_gets_a_friendly_error_that_does_not_print_it(
    api: FakeBotApi,
    environment: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    other_token = "987654321:ZZZ-revoked-token-000000000000000000"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", other_token)
    get_settings.cache_clear()

    assert main([*environment, "webhook-info"]) == 1

    captured = capsys.readouterr()
    assert "refused the bot token" in captured.err
    assert "@BotFather" in captured.err
    assert other_token not in captured.err + captured.out


def test_an_unreachable_bot_api_is_named_without_the_token(
    environment: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", f"http://127.0.0.1:{free_port()}/bot")
    get_settings.cache_clear()

    assert main([*environment, "webhook-info"]) == 1

    err = capsys.readouterr().err
    assert "Could not reach the Telegram Bot API at http://127.0.0.1:" in err
    assert TOKEN not in err


def test_without_a_token_the_command_says_what_to_set(
    environment: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN")
    get_settings.cache_clear()

    assert main([*environment, "webhook-info"]) == 2

    assert "TELEGRAM_BOT_TOKEN" in capsys.readouterr().err


def test_a_bad_setting_is_reported_by_name(
    environment: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "has spaces in it")
    get_settings.cache_clear()

    assert main([*environment, "webhook-info"]) == 2

    assert "TELEGRAM_WEBHOOK_SECRET" in capsys.readouterr().err


def test_credentials_file_values_win_over_settings(
    api: FakeBotApi, environment: list[str], tmp_path: Path
) -> None:
    credentials = tmp_path / "credentials.yml"
    credentials.write_text(
        "bot.channels.telegram.TelegramInput:\n  webhook_secret: from-credentials-file\n"
    )

    assert main(["--credentials", str(credentials), "set-webhook", "--url", WEBHOOK]) == 0

    assert api.webhook["secret_token"] == "from-credentials-file"


def test_the_project_cli_dispatches_to_the_telegram_commands(
    api: FakeBotApi, environment: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert project_cli.main(["telegram", *environment, "webhook-info"]) == 0

    assert "webhook: none" in capsys.readouterr().out
