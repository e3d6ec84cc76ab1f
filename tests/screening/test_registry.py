"""The question registry: domain.yml and the engine agree with it, question by question."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.legal.case import BOOL_KEYS_IN_ORDER, Case
from bot.screening.facts import FAMILY_CATEGORIES, FAMILY_FACTS
from bot.screening.registry import (
    BOOL_SLOTS,
    FAMILY_SLOTS,
    FORM_SLOTS,
    KINDS,
    OPEN_QUESTIONS,
    QUESTIONS,
    REGISTRY,
    SUMMARY,
    SUPPORTING_SLOTS,
    WHY_RESPONSES,
    Question,
)

ROOT = Path(__file__).resolve().parents[2]
ENGINE_KEYS = frozenset(f.name for f in fields(Case))


def _domain() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "domain.yml").read_text())
    return loaded


def test_every_slot_is_listed_once() -> None:
    slots = [question.slot for question in REGISTRY]

    assert len(slots) == len(set(slots))


def test_the_form_asks_the_registry_questions_in_its_order() -> None:
    assert _domain()["forms"]["eligibility_form"]["required_slots"] == list(FORM_SLOTS)


@pytest.mark.parametrize("question", REGISTRY, ids=lambda q: q.slot)
def test_every_slot_is_in_the_domain(question: Question) -> None:
    assert question.slot in _domain()["slots"]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.slot)
def test_every_question_is_asked_and_explained_by_a_response(question: Question) -> None:
    responses = _domain()["responses"]

    assert question.ask_response in responses
    assert question.why_response in responses
    assert WHY_RESPONSES[question.slot] == question.why_response


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.slot)
def test_an_asked_slot_is_filled_only_while_its_question_is_asked(question: Question) -> None:
    # warden_request_received is also set by action_court_deadline, through a custom mapping.
    for mapping in _domain()["slots"][question.slot]["mappings"]:
        assert mapping["type"] == "custom" or mapping["conditions"] == [
            {"active_loop": "eligibility_form", "requested_slot": question.slot}
        ]


def test_the_facts_around_the_form_are_never_asked() -> None:
    domain = _domain()

    assert SUPPORTING_SLOTS == ("state", "facility", "relationship")
    for slot in SUPPORTING_SLOTS:
        assert slot not in KINDS
        assert domain["slots"][slot]["mappings"] == [{"type": "custom"}]


@pytest.mark.parametrize("question", REGISTRY, ids=lambda q: q.slot)
def test_every_engine_key_is_an_input_of_the_engine(question: Question) -> None:
    assert question.engine_key is None or question.engine_key in ENGINE_KEYS


def test_the_yes_no_questions_are_the_engine_yes_no_facts_in_its_order() -> None:
    assert BOOL_SLOTS == BOOL_KEYS_IN_ORDER


def test_every_asked_fact_but_the_family_and_the_confirmation_fills_one_engine_key() -> None:
    without = [q.slot for q in QUESTIONS if q.engine_key is None]

    assert without == ["family_situation", "confirm_facts"]


def test_the_summary_shows_every_fact_but_the_state_relationship_and_confirmation() -> None:
    shown = {question.slot for question in SUMMARY}

    assert shown == {q.slot for q in REGISTRY} - {"state", "relationship", "confirm_facts"}


def test_the_open_questions_are_asked_about_the_engine_input_keys() -> None:
    assert set(OPEN_QUESTIONS) <= ENGINE_KEYS
    assert {"jurisdiction", "offense_date"} <= OPEN_QUESTIONS.keys()


def test_each_family_circumstance_starts_with_the_fact_a_none_answer_rules_out() -> None:
    for category, fact in FAMILY_FACTS.items():
        assert next(q.slot for q in QUESTIONS if q.family == category) == fact


def test_the_caregiver_questions_follow_the_family_question() -> None:
    family = FORM_SLOTS.index("family_situation")

    assert all(FORM_SLOTS.index(slot) > family for slot in FAMILY_SLOTS)
    assert set(FAMILY_SLOTS.values()) == set(FAMILY_CATEGORIES)
