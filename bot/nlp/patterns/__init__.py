"""Entity patterns for the pipeline's two entity rulers, one module per label.

Patterns are written as small Python modules rather than JSONL files: most of them are
generated (every facility in several written forms, every duration with every hedge
word such as "about"), the generators are typed and checked by mypy, and each module
documents its own choices. The built pipeline stores the expanded patterns as JSONL
inside ``entity_ruler/`` and ``age_ruler/``, so nothing here is needed at load time.

Labels are exact strings shared with the Rasa NLU data and the dialogue.
"""

import hashlib
import json

from bot.nlp.patterns import age, duration, facility, relationship, us_state
from bot.nlp.patterns.common import LABELS, EntityPattern

__all__ = ["LABELS", "EntityPattern", "context_patterns", "digest", "ruler_patterns"]


def ruler_patterns() -> list[EntityPattern]:
    """Return the patterns of the main ``entity_ruler`` (longest match wins)."""
    return [
        *relationship.patterns(),
        *facility.patterns(),
        *us_state.patterns(),
        *duration.patterns(),
        *age.patterns(),
    ]


def context_patterns() -> list[EntityPattern]:
    """Return the patterns of ``age_ruler``, which never overrides an earlier entity."""
    return age.context_patterns()


def pattern_counts(patterns: list[EntityPattern]) -> dict[str, int]:
    """Count patterns per label, in the order of :data:`LABELS`."""
    counts = dict.fromkeys(LABELS, 0)
    for pattern in patterns:
        counts[pattern["label"]] = counts.get(pattern["label"], 0) + 1
    return counts


def digest(data: object) -> str:
    """Return the SHA-256 of ``data`` serialised as canonical JSON."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
