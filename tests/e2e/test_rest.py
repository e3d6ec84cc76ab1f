"""End to end over REST: the trained model, `rasa run` and `rasa run actions`, real messages.

Needs models/assistant.tar.gz (`make train`). The servers run on free ports with their own
endpoints file and a throwaway SQLite tracker store, and are stopped when the session ends.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "assistant.tar.gz"
RASA = Path(sys.executable).with_name("rasa")
READY_TIMEOUT_SECONDS = 180.0
REPLY_TIMEOUT_SECONDS = 60.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_WARN_20": "0",
    }
    with log.open("wb") as out:
        # A session of its own, so stopping it also stops anything it started.
        return subprocess.Popen(
            [str(RASA), *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def _wait_until_ready(
    url: str, process: subprocess.Popen[bytes], log: Path, deadline: float
) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"{log.stem} server exited with code {process.returncode} before it was ready:\n"
                f"{_tail(log)}",
                pytrace=False,
            )
        try:
            if httpx.get(url, timeout=2.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(1.0)
    pytest.fail(
        f"{log.stem} server not ready at {url} after {READY_TIMEOUT_SECONDS:.0f} s:\n{_tail(log)}",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def rasa_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a running Rasa server whose actions run on a running action server."""
    if not MODEL.is_file():
        pytest.fail(
            f"{MODEL.relative_to(ROOT)} is missing: the end-to-end tests need a trained model. "
            "Build it with `make train` (or `PYTHONPATH=. .venv/bin/rasa train "
            "--fixed-model-name assistant --out models`).",
            pytrace=False,
        )
    tmp = tmp_path_factory.mktemp("e2e")
    action_port, rasa_port = _free_port(), _free_port()
    endpoints = tmp / "endpoints.yml"
    endpoints.write_text(
        f"action_endpoint:\n  url: http://127.0.0.1:{action_port}/webhook\n"
        f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {tmp / 'rasa.db'}\n"
        "lock_store:\n  type: in_memory\n"
    )
    actions_log, rasa_log = tmp / "actions.log", tmp / "rasa.log"
    processes: list[subprocess.Popen[bytes]] = []
    try:
        actions = _start(
            ["run", "actions", "--actions", "actions", "--port", str(action_port)], actions_log
        )
        processes.append(actions)
        rasa = _start(
            [
                "run",
                "--model",
                str(MODEL),
                "--enable-api",
                "--interface",
                "127.0.0.1",
                "--port",
                str(rasa_port),
                "--endpoints",
                str(endpoints),
                "--credentials",
                str(ROOT / "credentials.yml"),
            ],
            rasa_log,
        )
        processes.append(rasa)
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        _wait_until_ready(f"http://127.0.0.1:{action_port}/health", actions, actions_log, deadline)
        _wait_until_ready(f"http://127.0.0.1:{rasa_port}/status", rasa, rasa_log, deadline)
        yield f"http://127.0.0.1:{rasa_port}"
    finally:
        for process in reversed(processes):
            _stop(process)


class Conversation:
    """One family's conversation over the REST channel."""

    def __init__(self, rasa_url: str) -> None:
        self._url = f"{rasa_url}/webhooks/rest/webhook"
        self._sender = f"e2e-{uuid.uuid4().hex}"

    def say(self, text: str) -> str:
        """Sends `text` and returns the assistant's replies joined into one text."""
        response = httpx.post(
            self._url,
            json={"sender": self._sender, "message": text},
            timeout=REPLY_TIMEOUT_SECONDS,
        )
        response.raise_for_status()
        replies = response.json()
        assert replies, f"no reply to {text!r}"
        return "\n".join(str(reply.get("text", "")) for reply in replies)


@pytest.fixture
def family(rasa_url: str) -> Conversation:
    """A new conversation with its own sender id."""
    return Conversation(rasa_url)


def test_greeting_says_what_the_assistant_is_and_is_not(family: Conversation) -> None:
    reply = family.say("hi")

    assert "general information, not legal advice" in reply
    assert "not a lawyer" in reply
    assert "not a court" in reply
    assert "stored privately" in reply


def test_a_question_gets_an_answer_that_ends_with_its_source(family: Conversation) -> None:
    reply = family.say("what is compassionate release?")

    assert "sentence reduction" in reply
    assert reply.rstrip().endswith("]")
    assert "[18 U.S.C. § 3582(c)(1)(A)" in reply


def test_a_state_prisoner_is_told_the_federal_law_does_not_apply(family: Conversation) -> None:
    reply = family.say("my son is in a state prison in ohio, can he get compassionate release")

    assert "28 CFR 571.64" in reply
    assert "FAMM" in reply


def test_the_earliest_court_date_is_30_days_after_the_warden_received_the_request(
    family: Conversation,
) -> None:
    reply = family.say(
        "the warden received my dad's request on January 10, 2026. when can we file?"
    )

    assert "Saturday 10 January 2026" in reply
    assert "Monday 9 February 2026" in reply
    assert "18 U.S.C. § 3582(c)(1)(A)" in reply
    assert "not legal advice" in reply


def test_without_a_date_the_assistant_asks_and_then_answers_the_date_alone(
    family: Conversation,
) -> None:
    question = family.say("when can we file in court?")
    answer = family.say("march 3 2026")

    assert "On what date did the warden receive the request?" in question
    assert "3 March 2026" in answer
    assert "2 April 2026" in answer


def test_a_family_that_does_not_know_the_date_yet_is_reassured(family: Conversation) -> None:
    family.say("when can we file in court?")
    reply = family.say("no we don't know yet")

    assert "When you know that date, just tell me" in reply


def test_a_no_out_of_context_is_not_taken_for_a_missing_date(family: Conversation) -> None:
    reply = family.say("no")

    assert "Is there anything else you'd like to know?" in reply


def test_gibberish_gets_a_kind_fallback(family: Conversation) -> None:
    reply = family.say("mnbvcx lkjhg")

    assert "I'm not sure I understood" in reply
