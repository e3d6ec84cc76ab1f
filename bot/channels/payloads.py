"""Slash text is text: only our own buttons' payloads reach Rasa as intents.

Rasa reads any message that starts with "/" as an intent, with entities in JSON after it
('/inform{"age": 200}'), and logs the text of one it cannot parse. A family typing "/" (or
someone probing the webhook) must not set slots or reach the logs that way, so a message that
starts with "/" and is not exactly one of our payloads loses its leading slashes and is read as
words. Our payloads: every button in domain.yml's responses, and "/<intent>" for each of the
domain's intents (the fallback's "did you mean ...?" buttons). Telegram does the same in its
own channel (bot/channels/telegram/updates.py).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DOMAIN = Path(__file__).resolve().parents[2] / "domain.yml"
SLASH = "/"


def _unescape(payload: str) -> str:
    # Response texts and payloads are format strings: "{{" in the domain is a literal "{".
    return payload.replace("{{", "{").replace("}}", "}")


def payloads_of(domain: dict[str, Any]) -> frozenset[str]:
    """Every payload the assistant's own buttons can send, from a domain's contents."""
    intents = (
        name
        for intent in domain.get("intents") or ()
        for name in (intent if isinstance(intent, dict) else (intent,))
    )
    found = {f"{SLASH}{name}" for name in intents if isinstance(name, str)}
    for variants in (domain.get("responses") or {}).values():
        for variant in variants or ():
            for button in variant.get("buttons") or ():
                payload = button.get("payload")
                if isinstance(payload, str) and payload.startswith(SLASH):
                    found.add(_unescape(payload))
    return frozenset(found)


@lru_cache(maxsize=1)
def our_payloads() -> frozenset[str]:
    """The payloads of the project's domain.yml, read once."""
    return payloads_of(yaml.safe_load(DOMAIN.read_text(encoding="utf-8")) or {})


def as_words(text: str, payloads: frozenset[str] | None = None) -> str:
    """`text`, unless it starts with "/" and is not one of our payloads: then without the slashes."""
    if not text.startswith(SLASH) or text in (our_payloads() if payloads is None else payloads):
        return text
    return text.lstrip(SLASH).strip()
