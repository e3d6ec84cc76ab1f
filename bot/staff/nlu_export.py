"""Corrected messages as Rasa NLU training data (YAML), to review and add to data/nlu/."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

RASA_TRAINING_FORMAT = "3.1"
# "[text](entity)", "[text]{...}" and "[text][{...}, ...]" are entity annotations in Rasa's
# examples: a family's brackets must not turn into one, so a "]" never touches what follows it.
_ANNOTATION = re.compile(r"\]([({\[])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def example_text(text: str) -> str:
    """A message as one line of a Rasa example block, its words unchanged."""
    line = " ".join(_CONTROL.sub(" ", text).split())
    return _ANNOTATION.sub(r"] \1", line)


def training_data(corrections: Iterable[tuple[str, str]], exported_on: date) -> str:
    """NLU training data with one block per corrected intent, each example once."""
    by_intent: dict[str, list[str]] = {}
    count = 0
    for intent, text in corrections:
        line = example_text(text)
        if line and line not in by_intent.setdefault(intent, []):
            by_intent[intent].append(line)
            count += 1
    lines = [
        f"# Exported from the staff console on {exported_on.isoformat()}: {count} corrected "
        "family messages.",
        "# Review each one (and remove anything that identifies a family) before adding it to",
        "# data/nlu/.",
        f'version: "{RASA_TRAINING_FORMAT}"',
        "nlu:" if by_intent else "nlu: []",
    ]
    for intent in sorted(by_intent):
        if not by_intent[intent]:
            continue
        lines.append(f"- intent: {intent}")
        lines.append("  examples: |")
        lines.extend(f"    - {example}" for example in by_intent[intent])
    return "\n".join(lines) + "\n"
