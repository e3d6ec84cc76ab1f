"""An entity the NLU found in a message, as rasa-sdk hands it over (parsed JSON, keys optional)."""

from __future__ import annotations

from typing import Any, TypedDict


class Entity(TypedDict, total=False):
    """One entity of `tracker.latest_message["entities"]` (Rasa's own shape)."""

    entity: str
    # A string for ours (spaCy's entity rulers), anything for an extractor's or a synonym's.
    value: Any
    start: int
    end: int
    extractor: str
    confidence: float | None
