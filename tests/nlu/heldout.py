"""Read the NLU training files and the held-out set without loading Rasa."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
TRAINING = ROOT / "data"
DOMAIN = ROOT / "domain.yml"
RETRIEVAL_INTENT = "faq"

_ANNOTATION = re.compile(r"\[([^\]]*)\](\([^)]*\)|\{[^}]*\})")


def examples(path: Path) -> dict[str, list[str]]:
    """The examples of each intent in one Rasa NLU YAML file ({} if it has no `nlu:` key)."""
    content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found: dict[str, list[str]] = {}
    for block in content.get("nlu") or []:
        if "intent" not in block:
            continue
        lines = str(block.get("examples") or "").splitlines()
        texts = [line.strip()[2:].strip() for line in lines if line.strip().startswith("- ")]
        found.setdefault(str(block["intent"]), []).extend(texts)
    return found


def training_examples() -> dict[str, list[str]]:
    """The examples of each intent across every YAML file under data/."""
    merged: dict[str, list[str]] = {}
    for path in sorted(TRAINING.rglob("*.yml")):
        for intent, texts in examples(path).items():
            merged.setdefault(intent, []).extend(texts)
    return merged


def heldout_examples() -> dict[str, list[str]]:
    """The held-out examples of each intent (FAQ topics under their full `faq/<topic>` name)."""
    return examples(HELDOUT)


def normalise(text: str) -> str:
    """A text as compared for "the same example": entity markup removed, case, spacing and
    end punctuation ignored."""
    plain = _ANNOTATION.sub(r"\1", text).lower()
    return " ".join(plain.split()).strip(" .,!?¿¡")


def domain_intents() -> list[str]:
    """The intents listed in domain.yml."""
    domain = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))
    return [next(iter(i)) if isinstance(i, dict) else str(i) for i in domain["intents"]]
