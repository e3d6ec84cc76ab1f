"""How well the trained model understands messages it never saw (tests/nlu/heldout.yml).

Runs `rasa test nlu` on the held-out set with the trained model (models/assistant.tar.gz, or
E2E_MODEL), writes tests/nlu/REPORT.md and requires a macro-F1 of at least 0.90 over every
intent, with each FAQ topic counted as its own label (`faq/<topic>`): a FAQ message counts as
right only when the intent classifier says `faq` AND the ResponseSelector picks its topic.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tarfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

from .heldout import HELDOUT, RETRIEVAL_INTENT, ROOT, heldout_examples

pytestmark = pytest.mark.e2e

MODEL = Path(os.environ.get("E2E_MODEL", ROOT / "models" / "assistant.tar.gz"))
REPORT = ROOT / "tests" / "nlu" / "REPORT.md"
RASA = Path(sys.executable).with_name("rasa")
MIN_MACRO_F1 = 0.90
TIMEOUT_SECONDS = 900


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of one label, and how many held-out examples it has."""

    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Prediction:
    """One held-out example: its label, the model's label and the classifier's confidence."""

    text: str
    target: str
    predicted: str
    confidence: float


def scores(predictions: list[Prediction]) -> dict[str, Scores]:
    """Per-label scores over the labels of the held-out set."""
    labels = sorted({p.target for p in predictions})
    table: dict[str, Scores] = {}
    for label in labels:
        hits = sum(1 for p in predictions if p.target == label and p.predicted == label)
        predicted = sum(1 for p in predictions if p.predicted == label)
        support = sum(1 for p in predictions if p.target == label)
        precision = hits / predicted if predicted else 0.0
        recall = hits / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = Scores(precision, recall, f1, support)
    return table


def average(table: dict[str, Scores], weighted: bool) -> Scores:
    """Macro (every label counts the same) or support-weighted average."""
    total = sum(s.support for s in table.values())
    weights = {k: (s.support / total if weighted else 1 / len(table)) for k, s in table.items()}
    return Scores(
        precision=sum(weights[k] * s.precision for k, s in table.items()),
        recall=sum(weights[k] * s.recall for k, s in table.items()),
        f1=sum(weights[k] * s.f1 for k, s in table.items()),
        support=total,
    )


def _read(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def combined_predictions(out: Path) -> list[Prediction]:
    """Each held-out example with the label the assistant would act on."""
    intents = _read(out / "intent_successes.json") + _read(out / "intent_errors.json")
    responses = _read(out / "response_selection_successes.json") + _read(
        out / "response_selection_errors.json"
    )
    topic_of = {r["text"]: r["intent_response_key_prediction"]["name"] for r in responses}
    target_of = {text: intent for intent, texts in heldout_examples().items() for text in texts}
    predictions = []
    for result in intents:
        text = result["text"]
        predicted = str(result["intent_prediction"]["name"])
        if predicted == RETRIEVAL_INTENT:
            predicted = str(topic_of.get(text) or f"{RETRIEVAL_INTENT}/(topic not evaluated)")
        predictions.append(
            Prediction(
                text=text,
                target=target_of[text],
                predicted=predicted,
                confidence=float(result["intent_prediction"]["confidence"] or 0.0),
            )
        )
    return predictions


def fallback_threshold() -> float:
    """The FallbackClassifier threshold in config.yml."""
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    for component in config["pipeline"]:
        if component["name"] == "FallbackClassifier":
            return float(component["threshold"])
    return 0.0


def model_fingerprint(model: Path) -> list[str]:
    """Lines that identify the model: file, size, mtime, sha256, Rasa's own id and date."""
    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    mtime = datetime.fromtimestamp(model.stat().st_mtime, tz=timezone.utc)
    lines = [
        f"- model: `{model.relative_to(ROOT) if model.is_relative_to(ROOT) else model}`"
        f" ({model.stat().st_size:,} bytes, modified {mtime:%Y-%m-%d %H:%M:%S} UTC)",
        f"- sha256: `{digest[:16]}…`",
    ]
    with tarfile.open(model) as archive:
        for member in archive:
            handle = (
                archive.extractfile(member) if member.name.lstrip("/") == "metadata.json" else None
            )
            if handle is not None:
                metadata = json.load(handle)
                lines.append(
                    f"- Rasa model id `{metadata.get('model_id')}`, trained"
                    f" {metadata.get('trained_at')}, Rasa"
                    f" {metadata.get('rasa_open_source_version')}"
                )
                break
    return lines


def _table(rows: Iterable[tuple[str, Scores]]) -> list[str]:
    lines = ["| label | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
    lines += [
        f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.support} |"
        for name, s in rows
    ]
    return lines


def _rasa_report(path: Path, title: str) -> list[str]:
    if not path.exists():
        return [f"### {title}", "", "Rasa wrote no report.", ""]
    report = json.loads(path.read_text(encoding="utf-8"))
    rows = [
        (name, Scores(v["precision"], v["recall"], v["f1-score"], int(v["support"])))
        for name, v in sorted(report.items(), key=lambda item: (item[0].endswith(" avg"), item[0]))
        if isinstance(v, dict) and "f1-score" in v
    ]
    return [f"### {title}", "", *_table(rows), "", f"accuracy: {report.get('accuracy', 0):.3f}", ""]


def write_report(out: Path, predictions: list[Prediction]) -> float:
    """Writes tests/nlu/REPORT.md and returns the combined macro-F1."""
    table = scores(predictions)
    macro, weighted = average(table, weighted=False), average(table, weighted=True)
    accuracy = sum(p.target == p.predicted for p in predictions) / len(predictions)
    threshold = fallback_threshold()
    unsure = [p for p in predictions if p.confidence < threshold]
    errors = [p for p in predictions if p.target != p.predicted]
    lines = [
        "# NLU on held-out examples",
        "",
        "Written by `tests/nlu/test_nlu_report.py` (pytest -m e2e); do not edit by hand.",
        "",
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        *model_fingerprint(MODEL),
        f"- held-out set: `{HELDOUT.relative_to(ROOT)}`, {len(predictions)} examples,"
        f" {len(table)} labels (each FAQ topic is a label)",
        "",
        "## Combined: intent, and for `faq` the ResponseSelector's topic",
        "",
        f"**macro-F1 {macro.f1:.3f}** (required ≥ {MIN_MACRO_F1:.2f}), weighted F1"
        f" {weighted.f1:.3f}, accuracy {accuracy:.3f}.",
        "",
        *_table(
            [
                *sorted(table.items()),
                ("**macro avg**", macro),
                ("**weighted avg**", weighted),
            ]
        ),
        "",
        f"{len(unsure)} of {len(predictions)} held-out messages got a classifier confidence below"
        f" the FallbackClassifier threshold ({threshold}); in a conversation they would get"
        ' "did you mean …?" instead of a direct answer. (`rasa test` scores the top intent.)',
        "",
        "## Misses",
        "",
        "| text | expected | predicted | confidence |",
        "|---|---|---|---:|",
        *[
            f"| {p.text} | {p.target} | {p.predicted} | {p.confidence:.2f} |"
            for p in sorted(errors, key=lambda p: (p.target, p.text))
        ],
        "",
        "## Rasa's own reports",
        "",
        *_rasa_report(out / "intent_report.json", "Intents (`faq` as one intent)"),
        *_rasa_report(
            out / "response_selection_report.json", "ResponseSelector (FAQ examples only)"
        ),
    ]
    REPORT.write_text("\n".join(lines), encoding="utf-8")
    return macro.f1


def test_heldout_macro_f1_is_at_least_090(tmp_path: Path) -> None:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} does not exist: run `make train` first", pytrace=False)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_WARN_20": "0",
    }
    command = [str(RASA), "test", "nlu", "--nlu", str(HELDOUT), "--model", str(MODEL)]
    command += ["--out", str(tmp_path), "--successes", "--no-plot"]
    finished = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]

    predictions = combined_predictions(tmp_path)
    macro_f1 = write_report(tmp_path, predictions)

    assert len(predictions) == sum(len(t) for t in heldout_examples().values())
    assert macro_f1 >= MIN_MACRO_F1, f"held-out macro-F1 {macro_f1:.3f}; see {REPORT}"
