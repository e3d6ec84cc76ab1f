"""Every citation names a public source, and docs/legal-sources.md describes each one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.legal import law, sources

from .conftest import FEDERAL_NEW_LAW, assessed

DOC = Path(__file__).resolve().parents[2] / "docs" / "legal-sources.md"
# How each public source begins when it is cited; every citation must contain one of them.
CITED_AS = (
    "18 U.S.C.",
    "28 U.S.C.",
    "34 U.S.C.",
    "5 U.S.C.",
    "28 CFR",
    "BOP Program Statement 5050.50",
    "USSG § 1B1.13",
    "Fed. R. Crim. P.",
    "v. United States",
    "United States v.",
    "D.C. Code",
    "Compassionate Release Clearinghouse FAQ for Loved Ones",
)
# A case where every rule, deadline and note has something to say.
EVERYTHING = {
    **FEDERAL_NEW_LAW,
    "age": 72,
    "sentence_months": "life",
    "served_months": 370,
    "terminal_illness": True,
    "life_expectancy_months": 30,
    "terminal_diagnosis_on": "2026-09-01",
    "debilitating_condition": True,
    "self_care": "limited",
    "care_not_provided": True,
    "outbreak_at_facility": True,
    "outbreak_risk_factors": True,
    "aging_deterioration": True,
    "child_caregiver_lost": True,
    "spouse_incapacitated": True,
    "parent_incapacitated": True,
    "abused_in_custody": True,
    "abuse_established_by": "not_established",
    "warden_request_received": "2026-06-04",
    "warden_denied_on": "2026-06-20",
    "bp9_filed_on": "2026-07-01",
    "bp9_denied_on": "2026-07-15",
    "bp10_filed_on": "2026-07-20",
    "regional_denied_on": "2026-08-20",
    "bp11_filed_on": "2026-09-01",
}


def citations(result: dict[str, Any]) -> list[str]:
    found = [result["route_detail"]["citation"]]
    for group in ("bop_criteria", "court_grounds"):
        found += [rule["citation"] for rule in result[group].values()]
    found += [deadline["citation"] for deadline in result["deadlines"].values()]
    found += [entry["source"] for entry in result["law_in_force"]]
    return found


@pytest.mark.parametrize(
    "facts",
    [
        pytest.param(EVERYTHING, id="every rule and deadline"),
        pytest.param(
            {**FEDERAL_NEW_LAW, "served_months": 200, "as_of": "2026-05-27"},
            id="before Rutherford",
        ),
        pytest.param({"jurisdiction": "state"}, id="state"),
        pytest.param({"jurisdiction": "dc_code"}, id="D.C. Code"),
        pytest.param(
            {"jurisdiction": "federal", "offense_date": "1980-01-01", "parolable_sentence": True},
            id="4205(g)",
        ),
    ],
)
def test_every_citation_names_a_public_source(facts: dict[str, Any]) -> None:
    for citation in citations(assessed(**facts)):
        assert any(name in citation for name in CITED_AS), citation
        assert "seed" not in citation.lower()


def test_every_source_is_described_in_the_legal_sources_document() -> None:
    doc = DOC.read_text(encoding="utf-8")
    for source in sources.SOURCES:
        assert f"### {source.cited_as}" in doc
        for field in (source.title, source.version, source.where.split(" ")[0], source.used_for):
            assert field in doc, field


def test_every_dated_version_is_in_the_legal_sources_document() -> None:
    doc = DOC.read_text(encoding="utf-8")
    for rule in law.DATED_RULES:
        for version in rule.versions:
            since = version.since.isoformat() if version.since else "before 2023-11-01"
            until = version.until.isoformat() if version.until else "(in force)"
            assert f"| `{rule.id}`: {rule.title} | {since} | {until} | {version.source} |" in doc


def test_every_source_is_public() -> None:
    for source in sources.SOURCES:
        assert source.where.startswith("https://"), source.cited_as
