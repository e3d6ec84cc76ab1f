"""The intents a flagged message can be corrected to: the domain's, and each FAQ topic.

Read from domain.yml and data/nlu/*.yml (the FAQ topics are retrieval intents, `faq/<topic>`,
whose responses live next to their examples).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
RETRIEVAL_RESPONSE_PREFIX = "utter_"
NOT_CORRECTIONS = frozenset({"nlu_fallback"})


@lru_cache(maxsize=4)
def intent_catalogue(root: Path = ROOT) -> tuple[str, ...]:
    """Every intent name the assistant is trained on, sorted ("faq/costs" style included)."""
    names: set[str] = set()
    domain = _load(root / "domain.yml")
    names.update(str(intent) for intent in domain.get("intents") or () if isinstance(intent, str))
    names.update(
        str(next(iter(intent)))
        for intent in domain.get("intents") or ()
        if isinstance(intent, dict) and intent
    )
    retrieval: set[str] = set()
    for path in sorted((root / "data" / "nlu").glob("*.yml")):
        document = _load(path)
        for entry in document.get("nlu") or ():
            if isinstance(entry, dict) and isinstance(entry.get("intent"), str):
                name = entry["intent"]
                (retrieval if "/" in name else names).add(name)
        for response in document.get("responses") or {}:
            base, slash, topic = str(response).partition("/")
            if slash and base.startswith(RETRIEVAL_RESPONSE_PREFIX):
                retrieval.add(f"{base.removeprefix(RETRIEVAL_RESPONSE_PREFIX)}/{topic}")
    return tuple(sorted((names | retrieval) - NOT_CORRECTIONS))


def _load(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document if isinstance(document, dict) else {}
