"""Rasa's own command line, with fixes for Rasa 3.6 applied first.

    python -m bot.server run --model models/assistant.tar.gz ...   (same arguments as `rasa`)

Rasa 3.6 checks every answer from the action server with `jsonschema.validate(answer, schema)`,
which re-checks the whole events schema against the JSON Schema meta-schema on every call, work
that never changes between calls and was the largest single CPU cost of a message (figures in
README, "Speed"). `apply_fixes` swaps in one validator built once, which accepts and refuses
exactly the same answers (tests/test_server.py).

Before anything else, `main` installs the log safeguard (bot/logs.py), so the action server runs
through here too (`python -m bot.server run actions ...`, as the Procfile starts it): with
rasa-sdk's own arguments, as `rasa run actions` takes them, but without importing Rasa.

The Rasa server loads its TensorFlow models without the training step Rasa runs on every start
(bot/model_loading.py): the same weights and predictions, a shorter start.

Rasa 3.6 also waits 5 minutes for the action server (DEFAULT_REQUEST_TIMEOUT): a hung action
server would hold a family's turn, and the conversation's lock, that long. `shorten_action_calls`
gives each call ACTION_TIMEOUT_SECONDS (10) and ends a turn whose action call fails or times out,
unsaved, with an answer of bot/channels/gate.py (Rasa would go on, silent, without the action's
events).

Before Rasa starts, `check_start_up` refuses (exit 1, naming the variable) a deployment that
did not set ENVIRONMENT, and, outside development, an endpoints file with a placeholder password.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Mapping, Sequence
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import ValidationError
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for

from bot.logs import install as install_log_safeguard


@lru_cache(maxsize=1)
def action_response_validator() -> Validator:
    """A validator for action-server answers, built (and its schema checked) once."""
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    validator: Validator = validator_class(schema)
    return validator


def validate_action_result(_action: Any, result: dict[str, Any]) -> bool:
    """Rasa's `RemoteAction._validate_action_result`, on the cached validator."""
    from rasa.shared.constants import DOCS_BASE_URL

    try:
        action_response_validator().validate(result)
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            f"from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise
    return True


def apply_fixes() -> None:
    """Install the fixes into this process's Rasa (idempotent)."""
    from rasa.core.actions.action import RemoteAction

    from bot.model_loading import install as load_models_for_prediction

    RemoteAction._validate_action_result = validate_action_result
    shorten_action_calls()
    load_models_for_prediction()


def _timed_out(error: BaseException) -> bool:
    """Whether `error` is, or was raised while handling, a timeout."""
    seen: BaseException | None = error
    for _ in range(5):
        if seen is None:
            return False
        if isinstance(seen, asyncio.TimeoutError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def shorten_action_calls() -> None:
    """Action calls give up after ACTION_TIMEOUT_SECONDS; a failed call ends the turn (idempotent).

    Rasa logs a failed action call and goes on with the turn, so the family gets no answer at
    all (a dead end) and the turn is saved without the action's events. Here any failure but a
    rejection (which forms use on purpose) ends the turn unsaved, and the gate tells the family
    to send the message again (bot/channels/gate.py).
    """
    from rasa.core.actions import action as rasa_action

    from bot.channels.gate import TurnAbandoned
    from bot.settings import get_settings

    rasa_action.DEFAULT_REQUEST_TIMEOUT = get_settings().action_timeout_seconds
    run = rasa_action.RemoteAction.run
    if getattr(run, "ends_turn_on_failure", False):
        return

    @wraps(run)
    async def run_or_end_the_turn(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return await run(self, *args, **kwargs)
        except rasa_action.ActionExecutionRejection:
            raise
        except Exception as error:
            raise TurnAbandoned(self.name(), timed_out=_timed_out(error)) from None

    run_or_end_the_turn.ends_turn_on_failure = True  # type: ignore[attr-defined]
    rasa_action.RemoteAction.run = run_or_end_the_turn


# --- Start-up checks ---
DEFAULT_ENDPOINTS = "endpoints.yml"
PASSWORD_KEYS = ("password", "pass", "secret", "token")
# Passwords that come with the software or its tutorials; refused outside development.
DEFAULT_PASSWORDS = frozenset({"guest", "rasa", "redis", "rabbitmq", "changeit", "default"})
LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})


def endpoints_path(argv: Sequence[str]) -> Path | None:
    """The endpoints file `rasa run` with these arguments loads (None for other commands)."""
    if not argv or argv[0] != "run" or (len(argv) > 1 and argv[1] == "actions"):
        return None
    for index, argument in enumerate(argv):
        if argument == "--endpoints" and index + 1 < len(argv):
            return Path(argv[index + 1])
        if argument.startswith("--endpoints="):
            return Path(argument.partition("=")[2])
    return Path(DEFAULT_ENDPOINTS)


def read_endpoints(path: Path) -> dict[str, Any]:
    """The endpoints file as Rasa reads it (with ${VAR} expanded); {} if there is none."""
    import rasa.shared.utils.io

    if not path.is_file():
        return {}
    content = rasa.shared.utils.io.read_config_file(path)
    return content if isinstance(content, dict) else {}


def _is_weak(password: str) -> bool:
    from bot.settings import PLACEHOLDER_PASSWORDS, _is_placeholder

    lowered = password.strip().lower()
    return (
        not lowered
        or _is_placeholder(lowered)
        or lowered in PLACEHOLDER_PASSWORDS
        or lowered in DEFAULT_PASSWORDS
    )


def _host(section: Mapping[str, Any]) -> str:
    for key in ("url", "host"):
        value = section.get(key)
        if isinstance(value, str) and value:
            return (urlsplit(value if "//" in value else f"//{value}").hostname or "").lower()
    return ""


def placeholder_passwords(endpoints: Mapping[str, Any]) -> list[str]:
    """Where the endpoints hold a placeholder or default password ("event_broker.password").

    A service on loopback is exempt: nothing outside the machine can reach it (RabbitMQ, for
    one, only lets its `guest` account in from loopback).
    """
    found: list[str] = []

    def visit(section: Mapping[str, Any], where: str) -> None:
        on_loopback = _host(section) in LOOPBACK
        for key, value in section.items():
            name = f"{where}.{key}" if where else str(key)
            if isinstance(value, Mapping):
                visit(value, name)
            elif on_loopback:
                continue
            elif isinstance(value, str | int) and str(key).lower() in PASSWORD_KEYS:
                if _is_weak(str(value)):
                    found.append(name)
            elif isinstance(value, str) and "@" in value and "//" in value:
                password = urlsplit(value).password
                if password is not None and _is_weak(password):
                    found.append(name)

    visit(endpoints, "")
    return found


def written_as(path: Path, where: str) -> str:
    """How the file writes the value at `where` ("event_broker.password"), e.g. ${DB_PASSWORD}."""
    import yaml

    # BaseLoader: no types and no ${VAR} expansion (Rasa's resolver is on yaml's SafeLoader).
    value: Any = yaml.load(path.read_text(), Loader=yaml.BaseLoader)
    for key in where.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value if isinstance(value, str) else ""


def check_endpoints(endpoints: Mapping[str, Any], path: Path) -> None:
    """Refuse a deployment without ENVIRONMENT, or (outside development) a weak password."""
    from bot.settings import SettingsError, get_settings, require_explicit_environment

    settings = get_settings()
    require_explicit_environment(settings, endpoints)
    if settings.is_development:
        return
    if Path(settings.endpoints_file).resolve() != path.resolve():
        # The staff console erases under the lock store of ENDPOINTS_FILE: it must be Rasa's.
        raise SettingsError(
            f"ENDPOINTS_FILE ({settings.endpoints_file}) must name the endpoints file this Rasa "
            f"server runs with ({path}): staff erasure takes conversation locks from its lock store"
        )
    weak = placeholder_passwords(endpoints)
    if weak:
        named = [f"{where} ({written_as(path, where) or 'in the file'})" for where in weak]
        raise SettingsError(
            f"{path} has a placeholder or default password: {', '.join(named)} "
            f"(ENVIRONMENT={settings.environment}); set the real one"
        )


def check_start_up(argv: Sequence[str]) -> None:
    """Exit with the reason before Rasa starts when the settings or endpoints are unsafe."""
    from rasa.shared.exceptions import RasaException

    from bot.settings import SettingsError

    path = endpoints_path(argv)
    if path is None:
        return
    try:
        endpoints = read_endpoints(path)
    except RasaException:
        return  # an unset ${VAR}: Rasa itself refuses to start and names it
    try:
        check_endpoints(endpoints, path)
    except SettingsError as error:
        raise SystemExit(f"bot.server: {error}") from None


# A conversation's lock outlives its longest turn (the turn timeout) by this much, and no more:
# a server killed mid-turn leaves its ticket in a shared lock store, and the family's next
# message waits until that ticket expires (Rasa's default, 60 s, would cut it off as a timeout).
LOCK_MARGIN_SECONDS = 5


def lock_lifetime_seconds(environ: Mapping[str, str]) -> int:
    """TICKET_LOCK_LIFETIME, Rasa's ticket lifetime: the turn timeout plus a margin unless set."""
    from bot.settings import SettingsError, get_settings

    turn_timeout = get_settings().turn_timeout_seconds
    given = environ.get("TICKET_LOCK_LIFETIME", "").strip()
    lifetime = int(given) if given.isdigit() else turn_timeout + LOCK_MARGIN_SECONDS
    if lifetime <= turn_timeout:
        raise SettingsError(
            f"TICKET_LOCK_LIFETIME ({lifetime}) must be more than TURN_TIMEOUT_SECONDS "
            f"({turn_timeout}): a lock that expires first lets two turns run at once"
        )
    return lifetime


def run_action_server(argv: Sequence[str]) -> None:
    """`rasa run actions` as rasa-sdk runs it, without importing Rasa (nor TensorFlow).

    The arguments are rasa-sdk's own, as `rasa run actions` takes them; the actions need
    nothing of Rasa, so the action server starts in a few seconds and holds a fraction of the
    memory (figures in README, "Speed").
    """
    from rasa_sdk.__main__ import main_from_args
    from rasa_sdk.endpoint import create_argument_parser

    main_from_args(create_argument_parser().parse_args(list(argv)))


def main() -> None:
    """Install the log safeguard, apply the fixes, then hand over to Rasa's command line.

    Rasa's command line reads sys.argv: `run` for the Rasa server, `run actions` for the action
    server; both go through here so that no family text reaches their logs (bot/logs.py).
    """
    install_log_safeguard()
    if sys.argv[1:3] == ["run", "actions"]:
        run_action_server(sys.argv[3:])
        return
    check_start_up(sys.argv[1:])
    # Before Rasa's lock store module reads it, at import.
    os.environ["TICKET_LOCK_LIFETIME"] = str(lock_lifetime_seconds(os.environ))
    apply_fixes()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
