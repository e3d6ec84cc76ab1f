"""Every FAQ topic has one answer; every answer ends with its sources and invents no address."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from .heldout import DOMAIN, RETRIEVAL_INTENT, TRAINING, training_examples

SOURCES = re.compile(r"\[[^\[\]]+\]$")
# What a source in brackets may name: public sources a family or a lawyer can look up (the law,
# the rules of procedure, the BOP's policy, the guideline, court decisions, the Clearinghouse's
# FAQ, bop.gov); never a file of ours.
KNOWN_SOURCE = re.compile(
    r"U\.S\.C\.|CFR|PS 5050\.50|BOP Program Statement 5050\.50|USSG|bop\.gov|D\.C\. Code"
    r"|U\.S\. Const\.|Fed\. R\. Crim\. P\. \d+"
    # "Rutherford v. United States (U.S. 2026)", "United States v. Harris, 973 F.3d 170 (3d Cir.
    # 2020)": a case name with its court and year.
    r"|\b[A-Z][a-z]+ v\. United States \(U\.S\. \d{4}\)"
    r"|\bUnited States v\. [A-Z][a-z]+, \d+ F\.\d?[a-z]* \d+ \(\d+[a-z]* Cir\. \d{4}\)"
    r"|Compassionate Release Clearinghouse FAQ"
)
# A file, a path or a development seed instead of a public source.
FILE_NAME = re.compile(
    r"(?i:\bseeds?\b)|\.(?:md|txt|ya?ml|py|json)\b|\bLEGAL\b|\.\./|"
    r"\b(?:docs|data|bot|actions|shared)/"
)
# Words that promise an outcome. "guarantee" and "promise" count only when not negated
# ("there is no guarantee", "cannot promise", "not a promise of release").
OUTCOME_PROMISE = re.compile(
    r"\b(?:will|'ll|is going to|are going to|gonna)\s+(?:(?:definitely|surely|certainly)\s+)?"
    r"(?:be released|get out|come home|go home|walk out|win|be granted|grant (?:it|the motion)"
    r"|succeed)\b"
    r"|\byou(?:'ll| will) win\b|\bfor sure\b|\bsure thing\b|\bdefinitely\b|\bcertain to\b"
)
PROMISE_WORD = re.compile(r"\b(?:guarantee[sd]?|promise[sd]?)\b", re.IGNORECASE)
NEGATION = re.compile(r"\b(?:no|not|cannot|can't|never|without)\b(?:\W+\w+){0,2}\W*$", re.I)
# British spellings the answers must not use (they are written in U.S. English).
BRITISH = re.compile(
    r"\b(?:offences?|specialised|organisations?|programmes?|recognised|practises|counselling"
    r"|licence|judgement|authorisation|defence)\b",
    re.IGNORECASE,
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


def promises(text: str) -> list[str]:
    """The phrases of a text that promise an outcome."""
    found = [m.group(0) for m in OUTCOME_PROMISE.finditer(text.lower())]
    found += [
        m.group(0)
        for m in PROMISE_WORD.finditer(text)
        if not NEGATION.search(text[max(0, m.start() - 40) : m.start()])
    ]
    return found


@pytest.mark.parametrize("name", sorted(legal_answers()))
def test_an_answer_names_public_sources_not_files(name: str) -> None:
    text = legal_answers()[name]

    assert FILE_NAME.findall(text) == []


@pytest.mark.parametrize("name", sorted(legal_answers()))
def test_an_answer_promises_no_outcome(name: str) -> None:
    assert promises(legal_answers()[name]) == []


@pytest.mark.parametrize(
    "text",
    [
        "With a lawyer he will be released.",
        "She will definitely get out this year.",
        "You will win this motion.",
        "The judge will grant it.",
        "A volunteer lawyer guarantees release.",
        "We guarantee he comes home.",
        "I promise the motion is granted.",
        "He is certain to qualify.",
        "Your dad will come home for sure.",
    ],
)
def test_the_promise_check_catches_a_promise(text: str) -> None:
    assert promises(text) != []


@pytest.mark.parametrize(
    "phrase",
    [
        "there is no guarantee",
        "cannot promise a lawyer for every case",
        "is not a promise of release",
        "where they will be treated",
        "how they will support themselves",
    ],
)
def test_the_promise_check_lets_the_answers_cautious_wording_pass(phrase: str) -> None:
    holders = [text for text in faq_answers().values() if phrase in " ".join(text.split())]

    assert holders, f"no answer says {phrase!r} any more: pick wording the answers use"
    assert promises(phrase) == []


@pytest.mark.parametrize(
    "text",
    [
        "[seed 001]",
        "see ../shared/LEGAL.md",
        "LEGAL notes",
        "our legal-sources.md",
        "the notes.txt file",
    ],
)
def test_the_file_check_catches_a_file(text: str) -> None:
    assert FILE_NAME.findall(text) != []


def test_the_file_check_lets_ordinary_words_pass() -> None:
    text = "A legal holiday, a lawyer who will succeed in explaining, proceed to court."

    assert FILE_NAME.findall(text) == []


@pytest.mark.parametrize(
    "source",
    [
        "Rutherford v. United States (U.S. 2026)",
        "Fernandez v. United States (U.S. 2026)",
        "United States v. Harris, 973 F.3d 170 (3d Cir. 2020)",
        "United States v. Williams, 987 F.3d 700 (7th Cir. 2021)",
        "Fed. R. Crim. P. 45(a)",
        "34 U.S.C. § 60541(g)",
        "28 U.S.C. § 2255",
        "Compassionate Release Clearinghouse FAQ for Loved Ones",
        "BOP Program Statement 5050.50 § 3(a)",
    ],
)
def test_public_sources_are_known(source: str) -> None:
    assert KNOWN_SOURCE.search(source)


@pytest.mark.parametrize("source", ["seed 001", "seed 002", "LEGAL.md", "a law firm blog"])
def test_files_and_vague_sources_are_not_known(source: str) -> None:
    assert not KNOWN_SOURCE.search(source)


@pytest.mark.parametrize("name", sorted(faq_answers()))
def test_an_answer_uses_us_spelling(name: str) -> None:
    assert BRITISH.findall(faq_answers()[name]) == []


@pytest.mark.parametrize("name", sorted(faq_answers()))
def test_the_30_day_wait_is_told_the_same_way_everywhere(name: str) -> None:
    """Rule 45(a) counting: the first safe day to file is the day AFTER the 30th day."""
    text = " ".join(faq_answers()[name].split())

    assert "30 days after" not in text
    if "30-day wait" in text:
        assert "the day after the 30th day" in text or "the first safe day" in text
