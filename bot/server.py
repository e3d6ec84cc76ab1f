"""Rasa's own command line, with one measured fix for Rasa 3.6 applied first.

    python -m bot.server run --model models/assistant.tar.gz ...   (same arguments as `rasa`)

Rasa 3.6 checks every answer from the action server with `jsonschema.validate(answer, schema)`,
which re-checks the whole events schema against the JSON Schema meta-schema on every call: about
21 ms of CPU per custom-action call on this machine, the largest single cost of a message here
(see README, "Speed"). `apply_fixes` swaps in one validator built once, which accepts and refuses
exactly the same answers (tests/test_server.py) in under 1 ms. Nothing else about Rasa changes.

Before anything else, `main` installs the log safeguard (bot/logs.py), so the action server runs
through here too (`python -m bot.server run actions ...`, as the Procfile starts it).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

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

    RemoteAction._validate_action_result = validate_action_result


def main() -> None:
    """Install the log safeguard, apply the fixes, then hand over to Rasa's command line.

    Rasa's command line reads sys.argv: `run` for the Rasa server, `run actions` for the action
    server; both go through here so that no family text reaches their logs (bot/logs.py).
    """
    install_log_safeguard()
    apply_fixes()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
