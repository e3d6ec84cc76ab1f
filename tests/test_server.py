"""bot/server.py: the validator fix accepts and refuses exactly what Rasa's own check does, action
calls give up after ACTION_TIMEOUT_SECONDS, and unsafe deployments do not start."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from rasa.core.actions import action as rasa_action
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot import model_loading
from bot.channels.gate import TurnAbandoned
from bot.server import (
    apply_fixes,
    check_endpoints,
    endpoints_path,
    read_endpoints,
    validate_action_result,
)
from bot.settings import SettingsError, get_settings

ROOT = Path(__file__).resolve().parents[1]

ANSWERS: list[tuple[str, dict[str, Any]]] = [
    ("empty answer", {}),
    ("no events", {"events": [], "responses": []}),
    (
        "slot and followup",
        {
            "events": [
                {"event": "slot", "name": "age", "value": 67, "timestamp": None},
                {"event": "followup", "name": "action_listen"},
            ],
            "responses": [{"response": "utter_ask_age", "buttons": []}],
        },
    ),
    ("active loop", {"events": [{"event": "active_loop", "name": None}]}),
    ("event without its type", {"events": [{"name": "age", "value": 1}]}),
    ("unknown event type", {"events": [{"event": "teleport"}]}),
    ("events not a list", {"events": {"event": "slot"}}),
    ("responses not a list", {"responses": "utter_greet"}),
    ("response not an object", {"responses": ["utter_greet"]}),
    ("answer not an object", []),  # type: ignore[list-item]
]


def _rasa_verdict(answer: Any) -> str:
    try:
        jsonschema.validate(answer, RemoteAction.action_response_format_spec())
    except jsonschema.ValidationError as error:
        return f"refused: {error.message}"
    return "accepted"


def _our_verdict(answer: Any) -> str:
    try:
        validate_action_result(None, answer)
    except jsonschema.ValidationError as error:
        return f"refused: {error.message.split('. Failed to validate')[0]}"
    return "accepted"


@pytest.mark.parametrize(("answer"), [a for _, a in ANSWERS], ids=[n for n, _ in ANSWERS])
def test_same_verdict_as_rasa(answer: Any) -> None:
    assert _our_verdict(answer) == _rasa_verdict(answer)


def test_both_verdicts_occur() -> None:
    verdicts = {_rasa_verdict(a).split(":")[0] for _, a in ANSWERS}
    assert verdicts == {"accepted", "refused"}


def test_refusal_tells_where_to_read_more() -> None:
    with pytest.raises(jsonschema.ValidationError, match="custom-actions"):
        validate_action_result(None, {"events": [{"event": "teleport"}]})


def test_apply_fixes_installs_the_cached_check() -> None:
    original = RemoteAction._validate_action_result
    run, timeout = RemoteAction.run, rasa_action.DEFAULT_REQUEST_TIMEOUT
    try:
        apply_fixes()
        action = RemoteAction("action_test", None)
        assert action._validate_action_result({"events": []}) is True
        with pytest.raises(jsonschema.ValidationError):
            action._validate_action_result({"events": [{"event": "teleport"}]})
    finally:
        RemoteAction._validate_action_result = original
        RemoteAction.run, rasa_action.DEFAULT_REQUEST_TIMEOUT = run, timeout
        model_loading.uninstall()


def test_apply_fixes_loads_models_without_the_training_step() -> None:
    from rasa.utils.tensorflow.models import RasaModel

    run, timeout = RemoteAction.run, rasa_action.DEFAULT_REQUEST_TIMEOUT
    try:
        apply_fixes()
        assert RasaModel.__dict__["load"].__func__ is model_loading.load_for_prediction
    finally:
        RemoteAction.run, rasa_action.DEFAULT_REQUEST_TIMEOUT = run, timeout
        model_loading.uninstall()


def test_the_action_server_starts_with_rasa_sdks_arguments_without_importing_rasa() -> None:
    # main_from_args replaced: it would serve forever. What it is given, and what is imported.
    probe = (
        "import sys, rasa_sdk.__main__ as sdk\n"
        "sdk.main_from_args = lambda args: print(args.actions, args.port, "
        "'rasa' in sys.modules, 'tensorflow' in sys.modules)\n"
        "sys.argv = ['bot.server', 'run', 'actions', '--actions', 'actions', '--port', '5077']\n"
        "from bot.server import main\n"
        "main()\n"
    )

    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert result.stdout.split() == ["actions", "5077", "False", "False"]


# --- The action call's timeout, and the start-up checks ---


@pytest.fixture
def short_action_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ACTION_TIMEOUT_SECONDS", "1")
    monkeypatch.setenv("TURN_TIMEOUT_SECONDS", "3")
    get_settings.cache_clear()
    original = rasa_action.RemoteAction.run, rasa_action.DEFAULT_REQUEST_TIMEOUT
    yield
    rasa_action.RemoteAction.run, rasa_action.DEFAULT_REQUEST_TIMEOUT = original
    get_settings.cache_clear()


async def _hanging_server() -> tuple[asyncio.base_events.Server, int]:
    """An HTTP server on loopback that accepts a request and never answers it."""

    async def hang(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1024)
        await asyncio.Event().wait()

    server = await asyncio.start_server(hang, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


def test_an_action_call_to_a_hung_server_ends_the_turn_after_the_action_timeout(
    short_action_calls: None,
) -> None:
    async def scenario() -> float:
        server, port = await _hanging_server()
        apply_fixes()
        apply_fixes()  # idempotent: wrapped once
        action = RemoteAction("action_check", EndpointConfig(f"http://127.0.0.1:{port}/webhook"))
        loop = asyncio.get_running_loop()
        start = loop.time()
        try:
            with pytest.raises(TurnAbandoned):
                await action.run(
                    CollectingOutputChannel(),
                    TemplatedNaturalLanguageGenerator({}),
                    DialogueStateTracker("family-1", []),
                    Domain.empty(),
                )
            return loop.time() - start
        finally:
            server.close()

    took = asyncio.run(scenario())

    assert rasa_action.DEFAULT_REQUEST_TIMEOUT == 1
    assert 1 <= took < 2
    assert getattr(RemoteAction.run, "ends_turn_on_failure", False)


def test_an_action_server_that_is_down_ends_the_turn_as_a_failure_not_a_timeout(
    short_action_calls: None,
) -> None:
    async def scenario() -> None:
        apply_fixes()
        action = RemoteAction("action_check", EndpointConfig("http://127.0.0.1:9/webhook"))
        await action.run(
            CollectingOutputChannel(),
            TemplatedNaturalLanguageGenerator({}),
            DialogueStateTracker("family-1", []),
            Domain.empty(),
        )

    with pytest.raises(TurnAbandoned) as abandoned:
        asyncio.run(scenario())
    assert abandoned.value.timed_out is False


async def _rejecting_server() -> tuple[asyncio.base_events.Server, int]:
    """An action server on loopback that rejects every call, as a form's validation may."""
    body = b'{"action_name": "action_check", "error": "rejected"}'

    async def reject(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(65536)
        writer.write(
            b"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body
        )
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(reject, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


def test_a_rejection_from_the_action_server_is_left_to_rasa(short_action_calls: None) -> None:
    async def scenario() -> None:
        server, port = await _rejecting_server()
        apply_fixes()
        action = RemoteAction("action_check", EndpointConfig(f"http://127.0.0.1:{port}/webhook"))
        try:
            await action.run(
                CollectingOutputChannel(),
                TemplatedNaturalLanguageGenerator({}),
                DialogueStateTracker("family-1", []),
                Domain.empty(),
            )
        finally:
            server.close()

    with pytest.raises(rasa_action.ActionExecutionRejection):
        asyncio.run(scenario())


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["run", "--model", "m.tar.gz"], Path("endpoints.yml")),
        (["run", "--endpoints", "deploy/e.yml"], Path("deploy/e.yml")),
        (["run", "--endpoints=deploy/e.yml"], Path("deploy/e.yml")),
        (["run", "actions", "--actions", "actions"], None),
        (["train"], None),
        ([], None),
    ],
)
def test_the_endpoints_file_is_the_one_rasa_run_loads(
    argv: list[str], expected: Path | None
) -> None:
    assert endpoints_path(argv) == expected


PRODUCTION_VARIABLES = {
    **{
        name: value
        for name, _, value in (
            line.partition("=")
            for line in (ROOT / "deploy" / "production.env.example").read_text().splitlines()
            if line and not line.startswith("#")
        )
    },
}


def _production(monkeypatch: pytest.MonkeyPatch, **changes: str) -> Path:
    for name, value in {**PRODUCTION_VARIABLES, **changes}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("DATABASE_URL", "postgresql://cr:s3cure-Pa55@db.internal:5432/cr")
    monkeypatch.setenv(
        "SENDER_HASH_KEY", changes.get("SENDER_HASH_KEY", "Vq3xR8mZ2pL7wK4nT9bY6cH1dF5gJ0sA")
    )
    monkeypatch.chdir(ROOT)  # ENDPOINTS_FILE in the example is relative to the checkout
    get_settings.cache_clear()
    return ROOT / "deploy" / "endpoints.production.yml"


@pytest.fixture(autouse=True)
def fresh_settings() -> Iterator[None]:
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_production_endpoints_with_the_example_passwords_are_refused_naming_the_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _production(monkeypatch)

    with pytest.raises(SettingsError) as refused:
        check_endpoints(read_endpoints(path), path)

    message = str(refused.value)
    assert "tracker_store.password (${DB_PASSWORD})" in message
    assert "event_broker.password (${RABBITMQ_PASSWORD})" in message
    assert "change-me" not in message  # the values themselves are not repeated


@pytest.mark.parametrize(
    "changes",
    [
        {"DB_PASSWORD": "guest"},
        {"DB_PASSWORD": "password"},
        {"DB_PASSWORD": ""},
        {"RABBITMQ_PASSWORD": "guest"},
        {"RABBITMQ_PASSWORD": "CHANGE-ME-later"},
    ],
    ids=lambda changes: ",".join(f"{k}={v!r}" for k, v in changes.items()),
)
def test_each_placeholder_or_default_password_is_refused(
    monkeypatch: pytest.MonkeyPatch, changes: dict[str, str]
) -> None:
    strong = {"DB_PASSWORD": "pg-9f3kQ2xLm", "RABBITMQ_PASSWORD": "mq-4hTz8Wq1v"}
    path = _production(monkeypatch, **{**strong, **changes})

    with pytest.raises(SettingsError, match=next(iter(changes))):
        check_endpoints(read_endpoints(path), path)


def test_rasa_refuses_endpoints_other_than_those_the_staff_console_locks_through(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _production(monkeypatch, DB_PASSWORD="pg-9f3kQ2xLm", RABBITMQ_PASSWORD="mq-4hTz8Wq1v")
    monkeypatch.setenv("ENDPOINTS_FILE", "endpoints.yml")
    get_settings.cache_clear()

    with pytest.raises(SettingsError, match=r"ENDPOINTS_FILE \(endpoints.yml\) must name"):
        check_endpoints(read_endpoints(path), path)


def test_real_passwords_pass_and_services_on_loopback_are_exempt(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _production(monkeypatch, DB_PASSWORD="pg-9f3kQ2xLm", RABBITMQ_PASSWORD="mq-4hTz8Wq1v")
    check_endpoints(read_endpoints(path), path)

    # RabbitMQ lets `guest` in from loopback only; nothing outside the machine can use it.
    path = _production(monkeypatch, DB_PASSWORD="", RABBITMQ_PASSWORD="guest")
    monkeypatch.setenv("DB_HOST", "127.0.0.1")
    monkeypatch.setenv("RABBITMQ_HOST", "localhost")
    check_endpoints(read_endpoints(path), path)


def test_a_developer_may_keep_placeholders_on_purpose(monkeypatch: pytest.MonkeyPatch) -> None:
    path = _production(monkeypatch, ENVIRONMENT="development")

    check_endpoints(read_endpoints(path), path)


def test_production_endpoints_without_environment_are_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _production(monkeypatch, DB_PASSWORD="pg-9f3kQ2xLm")
    monkeypatch.delenv("ENVIRONMENT")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///rasa.db")
    get_settings.cache_clear()

    with pytest.raises(SettingsError, match="ENVIRONMENT must be set"):
        check_endpoints(read_endpoints(path), path)


def test_make_runs_endpoints_need_no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ENVIRONMENT", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)

    check_endpoints(read_endpoints(ROOT / "endpoints.yml"), ROOT / "endpoints.yml")


def test_the_server_exits_before_rasa_starts_and_says_why(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k not in PRODUCTION_VARIABLES},
        **PRODUCTION_VARIABLES,
        "DATABASE_URL": "postgresql://cr:s3cure-Pa55@db.internal:5432/cr",
        "SENDER_HASH_KEY": "Vq3xR8mZ2pL7wK4nT9bY6cH1dF5gJ0sA",
        "PYTHONPATH": str(ROOT),
    }
    endpoints = ROOT / "deploy" / "endpoints.production.yml"

    result = subprocess.run(
        [sys.executable, "-m", "bot.server", "run", "--endpoints", str(endpoints)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("bot.server: ")
    assert "${DB_PASSWORD}" in result.stderr
