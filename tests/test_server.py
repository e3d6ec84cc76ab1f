"""The Rasa fix in bot/server.py accepts and refuses exactly what Rasa's own check does."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot.server import apply_fixes, validate_action_result

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
    try:
        apply_fixes()
        action = RemoteAction("action_test", None)
        assert action._validate_action_result({"events": []}) is True
        with pytest.raises(jsonschema.ValidationError):
            action._validate_action_result({"events": [{"event": "teleport"}]})
    finally:
        RemoteAction._validate_action_result = original
