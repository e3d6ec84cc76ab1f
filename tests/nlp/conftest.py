"""Builds the spaCy pipeline once per test session and loads it back from disk."""

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from bot.nlp.pipeline import save_pipeline


@pytest.fixture(scope="session")
def pipeline_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the pipeline into a session temporary directory."""
    return save_pipeline(tmp_path_factory.mktemp("spacy") / "en_cr_pipeline")


@pytest.fixture(scope="session")
def nlp(pipeline_path: Path) -> Language:
    """Load the built pipeline the way Rasa does: by path."""
    return spacy.load(pipeline_path)
