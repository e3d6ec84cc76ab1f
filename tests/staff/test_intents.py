"""The intents a message can be corrected to come from the domain and the FAQ topics."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.staff.intents import ROOT, intent_catalogue


def test_the_catalogue_has_every_domain_intent_and_every_faq_topic() -> None:
    catalogue = intent_catalogue()
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())

    assert set(domain["intents"]) <= set(catalogue)
    assert "faq/what_is_compassionate_release" in catalogue
    assert "nlu_fallback" not in catalogue
    assert list(catalogue) == sorted(catalogue)


def test_a_project_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "data" / "nlu").mkdir(parents=True)
    (tmp_path / "domain.yml").write_text("intents:\n  - greet\n  - faq\n  - ask: {}\n")
    (tmp_path / "data" / "nlu" / "faq.yml").write_text(
        "nlu:\n- intent: faq/costs\n  examples: |\n    - how much\n- intent: thank\n"
        "responses:\n  utter_faq/hours:\n  - text: nine to five\n"
    )

    assert intent_catalogue(tmp_path) == ("ask", "faq", "faq/costs", "faq/hours", "greet", "thank")
    assert intent_catalogue(tmp_path / "missing") == ()
