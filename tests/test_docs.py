"""docs/conversation.md names every FAQ topic the training data answers."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_faq_topic_is_listed_in_the_conversation_contract() -> None:
    topics = {
        match
        for path in (ROOT / "data" / "nlu").glob("faq_*.yml")
        for match in re.findall(r"^\s*- intent: (faq/\w+)", path.read_text(), re.MULTILINE)
    }
    listed = set(re.findall(r"`(faq/\w+)`", (ROOT / "docs" / "conversation.md").read_text()))

    assert len(topics) >= 30
    assert topics == listed
