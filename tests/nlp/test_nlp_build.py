"""Building, saving, loading and describing the pipeline."""

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from spacy.language import Language

from bot.nlp import lemmas, patterns
from bot.nlp.__main__ import main
from bot.nlp.patterns import facility
from bot.nlp.pipeline import PIPELINE_NAME, build_pipeline, pipeline_meta, save_pipeline

BUILT_IN_FACTORIES = {"entity_ruler", "lemmatizer"}


def test_components_are_built_in_factories(nlp: Language) -> None:
    assert nlp.pipe_names == ["entity_ruler", "age_ruler", "lemmatizer"]
    assert {nlp.get_pipe_meta(name).factory for name in nlp.pipe_names} == BUILT_IN_FACTORIES


def test_meta_names_and_hashes_the_pipeline(nlp: Language) -> None:
    meta = nlp.meta
    assert meta["name"] == PIPELINE_NAME
    assert meta["description"]
    assert re.fullmatch(r"\d+\.\d+\.\d+\+[0-9a-f]{12}", meta["version"])
    assert meta["version"].endswith(meta["content_sha256"][:12])
    assert re.fullmatch(r"[0-9a-f]{64}", meta["patterns_sha256"])
    assert list(meta["pattern_counts"]) == list(patterns.LABELS)
    assert all(count > 0 for count in meta["pattern_counts"].values())


def test_meta_is_reproducible(nlp: Language) -> None:
    rebuilt = build_pipeline().meta
    assert rebuilt["content_sha256"] == nlp.meta["content_sha256"]
    assert rebuilt["version"] == nlp.meta["version"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        pytest.param("pattern", "patterns_sha256", id="new-pattern-changes-patterns-hash"),
        pytest.param("pattern", "version", id="new-pattern-changes-version"),
        pytest.param("lemma", "version", id="new-lemma-changes-version"),
    ],
)
def test_meta_changes_with_content(change: str, field: str) -> None:
    main_patterns, age_patterns = patterns.ruler_patterns(), patterns.context_patterns()
    table = lemmas.lemma_table()
    before = pipeline_meta(main_patterns, age_patterns, table)
    if change == "pattern":
        main_patterns = [*main_patterns, {"label": "RELATIONSHIP", "pattern": "godfather"}]
    else:
        table = {**table, "mijos": "mijo"}
    assert pipeline_meta(main_patterns, age_patterns, table)[field] != before[field]


def test_loads_without_project_code(pipeline_path: Path, tmp_path: Path) -> None:
    """Rasa loads the pipeline by path, where ``bot`` may not be importable."""
    script = textwrap.dedent(
        f"""
        import importlib.util, json, spacy
        assert importlib.util.find_spec("bot") is None
        nlp = spacy.load({str(pipeline_path)!r})
        doc = nlp("my dad is 67 and has been in fci butner for about 12 years")
        print(json.dumps([[e.text, e.label_] for e in doc.ents]))
        """
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout.splitlines()[-1]) == [
        ["dad", "RELATIONSHIP"],
        ["is 67", "AGE"],
        ["fci butner", "FACILITY"],
        ["about 12 years", "DURATION"],
    ]


def test_rasa_spacy_nlp_accepts_the_pipeline(pipeline_path: Path) -> None:
    spacy_utils = pytest.importorskip("rasa.nlu.utils.spacy_utils")
    model = spacy_utils.SpacyNLP.load_model(str(pipeline_path))
    spacy_utils.SpacyNLP.ensure_proper_language_model(model.model)
    assert model.fingerprint() == str(pipeline_path)


def test_rasa_entity_extractor_reads_entities(pipeline_path: Path) -> None:
    """Rasa extracts entities from the message as typed, so upper-case codes work."""
    spacy_utils = pytest.importorskip("rasa.nlu.utils.spacy_utils")
    extractor = pytest.importorskip("rasa.nlu.extractors.spacy_entity_extractor")
    message_module = pytest.importorskip("rasa.shared.nlu.training_data.message")
    model = spacy_utils.SpacyNLP.load_model(str(pipeline_path))
    component = extractor.SpacyEntityExtractor(extractor.SpacyEntityExtractor.get_default_config())
    message = message_module.Message.build(text="My Dad is at FCI Butner, NC")
    component.process([message], model)
    assert [(e["entity"], e["value"]) for e in message.get("entities")] == [
        ("RELATIONSHIP", "Dad"),
        ("FACILITY", "FCI Butner"),
        ("US_STATE", "NC"),
    ]


def test_save_replaces_previous_build(tmp_path: Path) -> None:
    target = tmp_path / "models" / "en_cr_pipeline"
    target.mkdir(parents=True)
    (target / "stale.txt").write_text("old build")
    assert save_pipeline(target) == target
    assert not (target / "stale.txt").exists()
    assert (target / "meta.json").is_file()
    assert [path.name for path in target.parent.iterdir()] == ["en_cr_pipeline"]


def test_cli_builds_to_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "en_cr_pipeline"
    assert main(["build", str(target)]) == 0
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == PIPELINE_NAME
    assert meta["version"] in capsys.readouterr().out


def test_cli_requires_a_command() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2


def test_at_least_sixty_bop_facilities() -> None:
    assert len(facility.FACILITIES) >= 60
    assert len(set(facility.canonical_names())) == len(facility.canonical_names())


@pytest.mark.parametrize(
    "name",
    [
        "FCI Butner",
        "FMC Butner",
        "FMC Carswell",
        "FMC Devens",
        "FMC Rochester",
        "FMC Lexington",
        "FMC Fort Worth",
        "USMCFP Springfield",
        "USP Atlanta",
        "FCI Terminal Island",
        "MDC Brooklyn",
    ],
)
def test_required_facility_is_listed(name: str) -> None:
    assert name in facility.canonical_names()
