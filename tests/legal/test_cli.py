"""`python -m bot.legal assess`: the contract staff and acceptance tests rely on."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.legal.__main__ import main, run_assess

from .conftest import COURT_IDS

ROOT = Path(__file__).resolve().parents[2]
REQUIRED_KEYS = {"route", "bop_criteria", "court_grounds", "deadlines", "documents", "next_steps"}
BOP_IDS = {
    "terminal_medical",
    "debilitated_medical",
    "elderly_70_30",
    "elderly_with_medical",
    "elderly_other",
    "caregiver_child",
    "caregiver_spouse",
}


def cli(stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.legal", "assess"],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_good_case_prints_one_assessment() -> None:
    case = {
        "as_of": "2026-03-10",
        "jurisdiction": "federal",
        "offense_date": "2012-04-01",
        "birth_date": "1958-01-15",
        "sentence_months": 240,
        "served_months": 150,
        "terminal_illness": True,
        "life_expectancy_months": 12,
        "warden_request_received": "2026-03-03",
    }
    done = cli(json.dumps(case))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    result = json.loads(done.stdout)
    assert result.keys() >= REQUIRED_KEYS
    assert result["route"] == "3582"
    assert set(result["bop_criteria"]) == BOP_IDS
    assert list(result["court_grounds"]) == list(COURT_IDS)
    for rule in [*result["bop_criteria"].values(), *result["court_grounds"].values()]:
        assert rule["status"] in {"met", "not_met", "unknown"}
        assert isinstance(rule["missing"], list)
        assert rule["citation"]
    assert result["bop_criteria"]["terminal_medical"]["status"] == "met"
    # Day 30 is Thursday, April 2, 2026; the first safe day is the day after.
    assert result["deadlines"]["court_motion_earliest"]["date"] == "2026-04-03"
    assert result["deadlines"]["terminal_processing_due"]["date"] == "2026-03-17"
    assert result["age_on_as_of"] == 68


def test_as_of_defaults_to_today() -> None:
    done = cli("{}")
    assert done.returncode == 0
    assert json.loads(done.stdout)["as_of"] == date.today().isoformat()


@pytest.mark.parametrize(
    ("stdin", "key"),
    [
        pytest.param('{"favourite_colour": "blue"}', "favourite_colour", id="unknown key"),
        pytest.param('{"birth_date": "2023-02-29"}', "birth_date", id="impossible date"),
        pytest.param('{"served_months": -1}', "served_months", id="negative number"),
        pytest.param('{"self_care": "sometimes"}', "self_care", id="wrong enum value"),
        pytest.param(
            '{"served_months": 300, "sentence_months": 120}',
            "served_months",
            id="more served than sentenced",
        ),
        pytest.param(
            '{"as_of": "2026-01-01", "birth_date": "2026-06-01"}',
            "birth_date",
            id="birth date after as_of",
        ),
        pytest.param("{not json", "input", id="not JSON"),
        pytest.param('{"age": NaN}', "input", id="NaN is not JSON"),
        pytest.param('"just text"', "case", id="not an object"),
        pytest.param("", "input", id="empty stdin"),
    ],
)
def test_bad_input_exits_2_with_one_line(stdin: str, key: str) -> None:
    done = cli(stdin)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{key}: ")


def test_run_assess_in_process() -> None:
    out, err = io.StringIO(), io.StringIO()
    code = run_assess(io.StringIO('{"jurisdiction": "state"}'), out, err, date(2026, 1, 2))
    assert code == 0
    assert json.loads(out.getvalue())["as_of"] == "2026-01-02"
    assert err.getvalue() == ""


@pytest.mark.parametrize(
    "stdin",
    [pytest.param("{", id="truncated JSON"), pytest.param('{"age": Infinity}', id="Infinity")],
)
def test_run_assess_rejects_bad_json_in_process(stdin: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run_assess(io.StringIO(stdin), out, err, date(2026, 1, 2)) == 2
    assert out.getvalue() == ""
    assert err.getvalue().startswith("input: not valid UTF-8 JSON")


def test_invalid_utf8_is_rejected() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot.legal", "assess"],
        input=b'{"state": "\xff"}',
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.decode().startswith("input: ")


def test_main_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"age": 300}')))
    assert main(["assess"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("age: ")


def test_main_requires_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main([])
    assert raised.value.code == 2
