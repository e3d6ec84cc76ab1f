"""Build and save ``en_cr_pipeline``: tokenizer, lookup lemmatizer, two entity rulers.

Only built-in spaCy factories are used, so ``spacy.load(path)`` needs neither this
package nor spacy-lookups-data. ``nlp.meta`` carries a content hash of the patterns and
the lemma table; the version's local part (``0.1.0+<hash>``) changes whenever they do.
"""

import shutil
import tempfile
from os import PathLike
from pathlib import Path
from typing import Any, cast

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler, Lemmatizer

from bot.nlp import lemmas, patterns
from bot.nlp.patterns import EntityPattern

PIPELINE_NAME = "en_cr_pipeline"
BASE_VERSION = "0.1.0"
DESCRIPTION = (
    "Rule-based English pipeline for the compassionate-release assistant: tokenizer, "
    "lookup lemmatizer (spacy-lookups-data) and entity rulers for RELATIONSHIP, FACILITY, "
    "US_STATE, DURATION and AGE. Built in code by `python -m bot.nlp build`."
)
RULER = "entity_ruler"
AGE_RULER = "age_ruler"
RULER_CONFIG = {"phrase_matcher_attr": "LOWER", "validate": True, "overwrite_ents": False}


def build_pipeline() -> Language:
    """Build the pipeline in memory, ready to use or save."""
    nlp = spacy.blank("en")
    main_patterns = patterns.ruler_patterns()
    age_patterns = patterns.context_patterns()
    # Rulers first: a ruler runs the components before it on its phrase patterns.
    for name, ruler_patterns in ((RULER, main_patterns), (AGE_RULER, age_patterns)):
        ruler = cast(EntityRuler, nlp.add_pipe("entity_ruler", name=name, config=RULER_CONFIG))
        ruler.add_patterns(cast(list[dict[str, Any]], ruler_patterns))
    table = lemmas.lemma_table()
    lemmatizer = cast(Lemmatizer, nlp.add_pipe("lemmatizer", config={"mode": "lookup"}))
    lemmatizer.initialize(lookups=lemmas.lemma_lookups(table))

    nlp.meta.update(pipeline_meta(main_patterns, age_patterns, table))
    return nlp


def pipeline_meta(
    main_patterns: list[EntityPattern],
    age_patterns: list[EntityPattern],
    lemma_table: dict[str, str],
) -> dict[str, Any]:
    """Return the ``nlp.meta`` fields that name the pipeline and hash its content."""
    patterns_sha256 = patterns.digest({RULER: main_patterns, AGE_RULER: age_patterns})
    content_sha256 = patterns.digest({"patterns": patterns_sha256, "lemmas": lemma_table})
    return {
        "name": PIPELINE_NAME,
        "version": f"{BASE_VERSION}+{content_sha256[:12]}",
        "description": DESCRIPTION,
        "author": "compassionate-release-assistant",
        "license": "MIT (patterns); lemma table from spacy-lookups-data",
        "patterns_sha256": patterns_sha256,
        "content_sha256": content_sha256,
        "pattern_counts": patterns.pattern_counts(main_patterns + age_patterns),
    }


def save_pipeline(path: str | PathLike[str]) -> Path:
    """Build the pipeline and write it to ``path``, replacing what was there."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp = build_pipeline()
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        nlp.to_disk(staging)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return target
