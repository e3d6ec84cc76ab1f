"""Every FAQ topic has one answer; every answer ends with its sources and invents no address."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from .heldout import DOMAIN, RETRIEVAL_INTENT, TRAINING, training_examples

SOURCES = re.compile(r"\[[^\[\]]+\]$")
# What a source in brackets may name: the law, the BOP's policy, the guideline, the seeds, bop.gov.
KNOWN_SOURCE = re.compile(
    r"U\.S\.C\.|CFR|PS 5050\.50|USSG|seed 00\d|bop\.gov|D\.C\. Code|U\.S\. Const\."
)
# Answers of the conversation section of domain.yml that state the law.
SCOPE_RESPONSES = ("utter_state_prisoner", "utter_dc_code_offender", "utter_pre_1987_offense")


def _responses(path: Path) -> dict[str, str]:
    content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {
        name: " ".join(str(variant.get("text", "")) for variant in variants)
        for name, variants in (content.get("responses") or {}).items()
    }


@cache
def faq_answers() -> dict[str, str]:
    """Every `utter_faq/<topic>` response in the data files."""
    found: dict[str, str] = {}
    for path in sorted(TRAINING.rglob("*.yml")):
        found.update(
            {
                k: v
                for k, v in _responses(path).items()
                if k.startswith(f"utter_{RETRIEVAL_INTENT}/")
            }
        )
    return found


@cache
def legal_answers() -> dict[str, str]:
    """The FAQ answers and the scope answers of domain.yml."""
    domain = _responses(DOMAIN)
    return {**faq_answers(), **{name: domain[name] for name in SCOPE_RESPONSES}}


def test_each_faq_topic_has_an_answer_and_each_answer_a_topic() -> None:
    topics = {i for i in training_examples() if i.startswith(f"{RETRIEVAL_INTENT}/")}

    assert {name.removeprefix("utter_") for name in faq_answers()} == topics


def test_faq_answers_live_in_the_data_files_not_in_the_domain() -> None:
    assert [name for name in _responses(DOMAIN) if name.startswith("utter_faq/")] == []


@pytest.mark.parametrize("name", sorted(legal_answers()))
def test_an_answer_ends_with_its_sources_in_brackets(name: str) -> None:
    text = legal_answers()[name].strip()

    sources = SOURCES.search(text)

    assert sources is not None, text[-80:]
    assert all(KNOWN_SOURCE.search(s) for s in sources.group(0)[1:-1].split(";"))


@pytest.mark.parametrize("name", sorted(legal_answers()))
def test_an_answer_invents_no_web_address(name: str) -> None:
    text = legal_answers()[name]

    assert not re.search(r"https?://|www\.|\.(org|com|net)\b", text)


@pytest.mark.parametrize("name", sorted(legal_answers()))
def test_an_answer_never_promises_release(name: str) -> None:
    text = legal_answers()[name].lower()

    assert not re.search(
        r"\bwill (be released|get out|come home)\b|(?<!not )\bguarantees? (release|that)", text
    )
