"""Rasa's own story test: the trained model predicts every turn of tests/conversations/test_*.yml.

`rasa test core --e2e` reads test stories with the families' words (files named test_*.yml),
runs the NLU on each message and checks the predicted intents and actions; with
`--fail-on-prediction-errors` any wrong prediction fails the run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.servers import MODEL, ROOT

pytestmark = pytest.mark.e2e

RASA = Path(sys.executable).with_name("rasa")
STORIES = Path(__file__).resolve().parent


def test_the_model_predicts_every_turn_of_the_test_stories(tmp_path: Path) -> None:
    if not MODEL.is_file():
        pytest.fail(f"{MODEL} is missing: train the model first (`make train`).", pytrace=False)
    result = subprocess.run(
        [
            str(RASA),
            "test",
            "core",
            "--e2e",
            "--stories",
            str(STORIES),
            "--model",
            str(MODEL),
            "--fail-on-prediction-errors",
            "--no-plot",
            "--out",
            str(tmp_path),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false"},
        capture_output=True,
        text=True,
        timeout=900,
    )
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text() if failed.is_file() else ""
    assert result.returncode == 0, f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert "- story:" not in details, details
