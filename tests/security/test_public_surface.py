"""Only the webhooks are public: Rasa's HTTP API is off, and the other servers listen on loopback.

Attacked as an outsider would, against the real servers started with the Procfile's options.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import httpx
import pytest

from bot.devtools.stack import Stack
from tests.e2e.servers import ROOT, Conversation

pytestmark = pytest.mark.e2e

SENDER = "family-under-attack"
# Rasa 3.6's HTTP API routes (rasa/server.py), each of which must be gone.
API_ROUTES = [
    ("GET", f"/conversations/{SENDER}/tracker"),
    ("POST", f"/conversations/{SENDER}/tracker/events"),
    ("PUT", f"/conversations/{SENDER}/tracker/events"),
    ("GET", f"/conversations/{SENDER}/story"),
    ("POST", f"/conversations/{SENDER}/execute"),
    ("POST", f"/conversations/{SENDER}/trigger_intent"),
    ("POST", f"/conversations/{SENDER}/predict"),
    ("POST", f"/conversations/{SENDER}/messages"),
    ("GET", "/status"),
    ("GET", "/domain"),
    ("POST", "/model/parse"),
    ("POST", "/model/train"),
    ("POST", "/model/test/intents"),
    ("PUT", "/model"),
    ("DELETE", "/model"),
]
LOOPBACK_HEX = "0100007F"  # 127.0.0.1 as /proc/net/tcp writes it
LISTEN = "0A"


def procfile() -> dict[str, list[str]]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return {
        name: shlex.split(command) for name, _, command in (line.partition(": ") for line in lines)
    }


def listening_addresses(port: int) -> set[str]:
    """The local addresses (hex, as the kernel writes them) that listen on `port`."""
    found: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, _, hex_port = fields[1].partition(":")
            if fields[3] == LISTEN and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_make_run_starts_rasa_without_its_http_api_and_every_server_on_loopback() -> None:
    commands = procfile()

    assert "--enable-api" not in commands["rasa"]
    assert commands["rasa"][commands["rasa"].index("--interface") + 1] == "127.0.0.1"
    assert commands["actions"][0] == "SANIC_HOST=127.0.0.1"
    assert commands["staff"][commands["staff"].index("--host") + 1] == "127.0.0.1"


@pytest.mark.parametrize(("method", "path"), API_ROUTES, ids=[f"{m} {p}" for m, p in API_ROUTES])
def test_rasas_http_api_is_not_there(running: Stack, method: str, path: str) -> None:
    Conversation(running.url).say("my dad has stage 4 cancer at FMC Butner")

    answer = httpx.request(method, f"{running.url}{path}", json={}, timeout=30)

    assert answer.status_code in {404, 405}
    assert "Butner" not in answer.text


def test_the_family_webhook_still_answers(running: Stack) -> None:
    assert "not legal advice" in Conversation(running.url).say("hello")


def test_the_model_is_still_loaded_after_an_attempt_to_unload_it(running: Stack) -> None:
    httpx.delete(f"{running.url}/model", timeout=30)

    assert "not legal advice" in Conversation(running.url).say("hi")


def test_rasa_and_the_action_server_listen_on_loopback_only(running: Stack) -> None:
    rasa_port = int(running.url.rsplit(":", 1)[1])

    assert listening_addresses(rasa_port) == {LOOPBACK_HEX}
    assert listening_addresses(running.action_port) == {LOOPBACK_HEX}


def test_a_body_over_64_kb_is_refused_before_it_reaches_the_assistant(running: Stack) -> None:
    big = {"sender": "family-big", "message": "my dad is sick " * 5_000}  # about 75 kB

    answer = httpx.post(f"{running.url}/webhooks/rest/webhook", json=big, timeout=30)

    assert answer.status_code == 413
    assert "too long" in answer.json()["error"]
