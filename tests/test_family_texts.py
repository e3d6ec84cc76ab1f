"""Every text a family can see names public sources, never a file of ours, and promises nothing.

Family-facing texts: every response in domain.yml and the data files (FAQ answers), every text of
the wording tables (bot/wording: what the code itself says), and everything the engine, the
explanations and the warden letter write for a spread of cases.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.drafts import draft_warden_request
from bot.explain import explain
from bot.legal import assess
from bot.wording import TABLES

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 12, 1)
# A file name, a path, or one of the development notes the product must not point to.
NAMES_A_FILE = re.compile(
    r"\bseeds?\b\s*0*\d*|\.\./|\bshared/|(?-i:\bLEGAL\b)|\bDESIGN\.md\b"
    r"|\b[\w-]+\.(?:md|txt|py|ya?ml|json|csv)\b",
    re.IGNORECASE,
)
# Words that promise an outcome, unless a negation comes just before them.
PROMISE = re.compile(
    r"\b(?:will|is going to|are going to)\s+(?:surely\s+|definitely\s+)?"
    r"(?:be released|be freed|come home|go home|get out|win|be granted|qualify)\b"
    r"|\b(?:guarantee[sd]?|promise[sd]?)\b(?!\s+no\b)"
    r"|\b(?:definitely|certainly)\s+(?:qualif|be released|win|get)",
    re.IGNORECASE,
)
NEGATION = re.compile(
    r"\b(?:not|no|never|cannot|can't|doesn't|don't|won't|isn't|nobody|without)\b[^.;:]{0,30}$",
    re.IGNORECASE,
)
# The old, wrong count: filing "30 days after" receipt is a day early (Fed. R. Crim. P. 45(a)).
A_DAY_EARLY = re.compile(r"\b30 days (?:after|from|later)\b", re.IGNORECASE)
CASES: tuple[dict[str, Any], ...] = (
    {},
    {"jurisdiction": "state", "state": "OH"},
    {"jurisdiction": "dc_code"},
    {"jurisdiction": "federal", "offense_date": "1980-01-01", "parolable_sentence": True},
    {"jurisdiction": "federal", "offense_date": "1980-01-01", "parolable_sentence": False},
    {
        "jurisdiction": "federal",
        "offense_date": "2005-01-01",
        "age": 71,
        "sentence_months": 480,
        "served_months": 250,
        "terminal_illness": True,
        "terminal_diagnosis_on": "2026-11-01",
        "serious_condition": True,
        "self_care": "limited",
        "care_not_provided": True,
        "outbreak_at_facility": True,
        "outbreak_risk_factors": True,
        "deteriorating_health": True,
        "child_caregiver_lost": True,
        "spouse_incapacitated": True,
        "parent_incapacitated": True,
        "abused_in_custody": True,
        "warden_request_received": "2026-10-01",
        "warden_denied_on": "2026-10-20",
    },
    {
        "jurisdiction": "federal",
        "offense_date": "2010-01-01",
        "age": 40,
        "served_months": 150,
        "abused_in_custody": True,
        "abuse_established_by": "not_established",
        "final_denial_on": "2026-11-02",
    },
)


def _response_texts(path: Path) -> Iterator[tuple[str, str]]:
    content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for name, variants in (content.get("responses") or {}).items():
        for variant in variants:
            yield f"{path.name}:{name}", str(variant.get("text", ""))
            for button in variant.get("buttons") or []:
                yield f"{path.name}:{name}:button", str(button.get("title", ""))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def family_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for every family-facing text."""
    for path in [ROOT / "domain.yml", *sorted((ROOT / "data").rglob("*.yml"))]:
        yield from _response_texts(path)
    for language, table in TABLES.items():
        for key, text in table.items():
            yield f"wording {language} {key}", text
    for number, case in enumerate(CASES):
        assessment = assess(case, TODAY)
        as_json = assessment.to_dict()
        for text in _strings({k: v for k, v in as_json.items() if k != "law_in_force"}):
            yield f"assessment {number}", text
        for text in explain(assessment):
            yield f"explanation {number}", text
        if as_json["route"] in {"3582", "4205g", "unknown"}:
            draft = draft_warden_request(assessment)
            for text in (draft.text, *draft.notes):
                yield f"letter {number}", text


def names_a_file(text: str) -> str | None:
    """The part of `text` that names a file or a development note, if any."""
    found = NAMES_A_FILE.search(text)
    return found.group(0) if found else None


def promises(text: str) -> str | None:
    """The words of `text` that promise an outcome (not negated), if any."""
    for found in PROMISE.finditer(text):
        if not NEGATION.search(text[: found.start()]):
            return found.group(0)
    return None


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        pytest.param("Keep a copy [seed 001].", "seed 001", id="a seed"),
        pytest.param("See LEGAL.md for the law.", "LEGAL", id="the legal notes"),
        pytest.param("As ../shared/seeds/003 says", "../", id="a path outside the repository"),
        pytest.param("Read docs/legal-sources.md.", "legal-sources.md", id="a document of ours"),
        pytest.param("[28 CFR 571.61(a); bop.gov]", None, id="a public source and a site"),
        pytest.param("[United States v. Alam, 960 F.3d 831 (6th Cir. 2020)]", None, id="a case"),
    ],
)
def test_a_file_name_is_caught_and_a_public_source_is_not(text: str, flagged: str | None) -> None:
    assert names_a_file(text) == flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        pytest.param("Your dad will be released.", "will be released", id="release"),
        pytest.param("We guarantee a lawyer.", "guarantee", id="a guarantee"),
        pytest.param("She will definitely qualify.", "will definitely qualify", id="qualify"),
        pytest.param("He is going to come home soon.", "is going to come home", id="home"),
        pytest.param("A lawyer does not guarantee success.", None, id="a negated guarantee"),
        pytest.param("There is no guarantee it works.", None, id="no guarantee"),
        pytest.param("It does not promise any outcome.", None, id="no promise"),
        pytest.param("The judge decides.", None, id="nothing promised"),
    ],
)
def test_a_promise_is_caught_and_a_caveat_is_not(text: str, flagged: str | None) -> None:
    assert promises(text) == flagged


def test_no_family_text_names_a_file() -> None:
    found = [(where, names_a_file(text)) for where, text in family_texts() if names_a_file(text)]
    assert found == []


def test_no_family_text_promises_an_outcome() -> None:
    found = [(where, promises(text)) for where, text in family_texts() if promises(text)]
    assert found == []


@pytest.mark.parametrize(
    ("text", "early"),
    [
        pytest.param("They may file 30 days after the warden received it.", True, id="old count"),
        pytest.param("It can be filed 30 days from receipt.", True, id="from receipt"),
        pytest.param("The first safe day is the day after the 30th day.", False, id="new count"),
    ],
)
def test_the_old_count_is_caught(text: str, early: bool) -> None:
    assert bool(A_DAY_EARLY.search(text)) is early


def test_no_family_text_counts_the_30_days_a_day_early() -> None:
    found = [(where, text) for where, text in family_texts() if A_DAY_EARLY.search(text)]
    assert found == []


def test_the_product_never_points_outside_its_repository() -> None:
    paths = [
        ROOT / "README.md",
        *ROOT.glob("docs/*.md"),
        *ROOT.glob("bot/**/*.py"),
        *ROOT.glob("actions/*.py"),
        *ROOT.glob("bot/**/*.html"),
        *ROOT.glob("bot/**/*.js"),
        ROOT / "domain.yml",
        *ROOT.glob("data/**/*.yml"),
    ]
    outside = re.compile(r"\.\./shared|shared/seeds|LEGAL\.md|DESIGN\.md")
    assert [str(path.relative_to(ROOT)) for path in paths if outside.search(path.read_text())] == []


def test_the_wording_tables_are_among_the_texts_checked() -> None:
    assert ("wording en explain.none_fits", TABLES["en"]["explain.none_fits"]) in family_texts()
