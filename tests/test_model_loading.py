"""Rasa's models loaded without the training step predict exactly as Rasa loads them.

Loads the trained model (models/assistant.tar.gz, or E2E_MODEL) twice in this process, Rasa's
way and bot.model_loading's, and compares the intent ranking and the FAQ topic of every message
of the held-out sets, confidences included.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot import model_loading
from tests.e2e.servers import MODEL
from tests.nlu.heldout import heldout_examples

pytestmark = pytest.mark.e2e

# Enough messages to reach every intent and FAQ topic; more only makes the test longer.
MESSAGES = [text for texts in heldout_examples().values() for text in texts]


def predictions(fast: bool) -> list[dict[str, Any]]:
    """What the model says about each message, loaded Rasa's way or without the training step."""
    from rasa.core.agent import Agent

    if fast:
        model_loading.install()
    try:
        agent = Agent.load(str(MODEL))
    finally:
        model_loading.uninstall()

    async def parse_all() -> list[dict[str, Any]]:
        return [await agent.parse_message(text) for text in MESSAGES]

    return [_prediction(parsed) for parsed in asyncio.run(parse_all())]


def _prediction(parsed: dict[str, Any]) -> dict[str, Any]:
    topics = {
        name: (found["response"]["intent_response_key"], found["response"]["confidence"])
        for name, found in parsed.get("response_selector", {}).items()
        if name != "all_retrieval_intents"
    }
    ranking = [(item["name"], item["confidence"]) for item in parsed["intent_ranking"]]
    return {"ranking": ranking, "topics": topics}


@pytest.fixture(scope="module")
def both_ways() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    if not MODEL.is_file():
        pytest.fail(f"{MODEL} is missing: train the model first (`make train`).", pytrace=False)
    return predictions(fast=False), predictions(fast=True)


def test_every_message_gets_the_same_intents_topics_and_confidences_both_ways(
    both_ways: tuple[list[dict[str, Any]], list[dict[str, Any]]],
) -> None:
    rasas, ours = both_ways

    assert len(ours) == len(MESSAGES) > 300
    for message, rasa, fast in zip(MESSAGES, rasas, ours, strict=True):
        assert fast == rasa, message


def test_installing_twice_keeps_rasas_own_load_to_fall_back_on() -> None:
    from rasa.utils.tensorflow.models import RasaModel

    rasas = RasaModel.__dict__["load"]
    try:
        model_loading.install()
        model_loading.install()
        assert RasaModel.__dict__["load"].__func__ is model_loading.load_for_prediction
    finally:
        model_loading.uninstall()

    assert RasaModel.__dict__["load"] is rasas


class _Status:
    """A checkpoint restore that left a weight without its trained value."""

    def assert_existing_objects_matched(self) -> None:
        raise AssertionError("Unresolved object in checkpoint")

    def expect_partial(self) -> None:
        raise AssertionError("a partial restore is never accepted")


class _Model:
    loaded_rasas_way = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs

    def compile(self, optimizer: Any, run_eagerly: Any) -> None:
        self.run_eagerly = run_eagerly

    def load_weights(self, path: str) -> _Status:
        return _Status()

    def run_inference(self, data: Any) -> None:
        pass


def test_a_weight_missing_from_the_checkpoint_loads_rasas_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def rasas_load(cls: Any, *args: Any, **kwargs: Any) -> str:
        return "loaded Rasa's way"

    monkeypatch.setattr(model_loading, "_rasa_load", classmethod(rasas_load))

    loaded = model_loading.load_for_prediction(_Model, "weights", "example", "predict example")

    assert loaded == "loaded Rasa's way"


def test_fine_tuning_always_loads_rasas_way(monkeypatch: pytest.MonkeyPatch) -> None:
    def rasas_load(cls: Any, *args: Any, **kwargs: Any) -> str:
        return "loaded Rasa's way"

    monkeypatch.setattr(model_loading, "_rasa_load", classmethod(rasas_load))

    assert model_loading.load_for_prediction(_Model, "w", "e", "p", True) == "loaded Rasa's way"
