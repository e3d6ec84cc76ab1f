"""Run the real action server and Rasa server on free loopback ports, for tests and benchmarks."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "assistant.tar.gz"
RASA = Path(sys.executable).with_name("rasa")
# Rasa's server with the fix in bot/server.py applied, as the Procfile starts it.
RASA_SERVER = (sys.executable, "-m", "bot.server")
READY_TIMEOUT_SECONDS = 180.0
LOOPBACK = "127.0.0.1"


class StackError(RuntimeError):
    """A server exited or did not become ready; the message ends with its log."""


@dataclass
class Server:
    """One server process of the stack, which a fault test may kill and start again."""

    name: str
    args: list[str]
    log: Path
    env: Mapping[str, str]
    ready_url: str
    process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        """The running process's id."""
        assert self.process is not None, f"{self.name} server is not running"
        return self.process.pid

    def start(self) -> None:
        """Start the process (its log is appended to, so a restart keeps the first life's)."""
        self.process = _start(self.args, self.log, self.env)

    def wait_until_ready(self, deadline: float) -> None:
        """Return once the server answers its ready URL; StackError if it exits or times out."""
        assert self.process is not None
        _wait_until_ready(self.ready_url, self.process, self.log, deadline)

    def restart(self) -> None:
        """Start the process again (after a kill) and wait until it answers."""
        self.start()
        self.wait_until_ready(time.monotonic() + READY_TIMEOUT_SECONDS)

    def kill(self) -> None:
        """kill -9 the server and everything it started, as a crash or an OOM kill would."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        """Stop the server politely (SIGTERM), then by force."""
        if self.process is not None:
            _stop(self.process)


@dataclass(frozen=True)
class Stack:
    """The running servers: Rasa's base URL, the two servers, and the action server's port."""

    url: str
    rasa: Server
    actions: Server
    action_port: int


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _start(args: list[str], log: Path, env: Mapping[str, str]) -> subprocess.Popen[bytes]:
    full_env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_WARN_20": "0",
        # Every simulated family of a test or benchmark comes from 127.0.0.1 and answers at
        # machine speed: the webhooks' per-client limits would refuse them as one flood. The
        # tests of those limits (tests/security/test_limits.py) set their own.
        "RATE_LIMIT_PER_ADDRESS": "100000",
        "RATE_LIMIT_PER_SENDER": "100000",
        **env,
    }
    with log.open("ab") as out:
        # A session of its own, so stopping it also stops anything it started.
        return subprocess.Popen(
            args,
            cwd=ROOT,
            env=full_env,
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
            raise StackError(
                f"{log.stem} server exited with code {process.returncode} before it was ready:\n"
                f"{_tail(log)}"
            )
        try:
            if httpx.get(url, timeout=2.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(1.0)
    raise StackError(
        f"{log.stem} server not ready at {url} after {READY_TIMEOUT_SECONDS:.0f} s:\n{_tail(log)}"
    )


def rasa_process(
    name: str,
    logs: Path,
    endpoints: Path,
    env: Mapping[str, str],
    model: Path,
    port: int,
    extra_args: Sequence[str] = (),
) -> Server:
    """A Rasa server as the Procfile starts it (not started yet); its log is `logs/<name>.log`."""
    return Server(
        name,
        [
            *RASA_SERVER,
            "run",
            "--model",
            str(model),
            "--interface",
            LOOPBACK,
            "--port",
            str(port),
            "--endpoints",
            str(endpoints),
            "--credentials",
            str(ROOT / "credentials.yml"),
            *extra_args,
        ],
        logs / f"{name}.log",
        env,
        # A channel's health route answers once the model is loaded (Rasa loads it before it
        # starts listening).
        f"http://127.0.0.1:{port}/webhooks/rest/",
    )


@contextmanager
def rasa_stack(
    logs: Path,
    endpoints: Path,
    action_port: int,
    env: Mapping[str, str] | None = None,
    model: Path = MODEL,
    rasa_port: int | None = None,
    extra_args: Sequence[str] = (),
) -> Iterator[Stack]:
    """Run `rasa run actions` on `action_port` and `rasa run` with `endpoints` until exit.

    `rasa_port` (default: a free port) and `extra_args` for `rasa run` (e.g. `--cors ...`) are
    for tests that must know the server's address before it starts.
    """
    if not model.is_file():
        raise StackError(f"{model} is missing: train a model first (`make train`).")
    env = env or {}
    rasa_port = rasa_port or free_port()
    actions_log = logs / "actions.log"
    # As the Procfile starts them: both through bot.server (its log safeguard), the action
    # server on loopback only (rasa-sdk reads SANIC_HOST), and Rasa without its HTTP API,
    # so only the channels' webhooks answer.
    actions = Server(
        "actions",
        [*RASA_SERVER, "run", "actions", "--actions", "actions", "--port", str(action_port)],
        actions_log,
        {"SANIC_HOST": LOOPBACK, **env},
        f"http://127.0.0.1:{action_port}/health",
    )
    rasa = rasa_process("rasa", logs, endpoints, env, model, rasa_port, extra_args)
    servers = (actions, rasa)
    try:
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        for server in servers:
            server.start()
        for server in servers:
            server.wait_until_ready(deadline)
        yield Stack(f"http://127.0.0.1:{rasa_port}", rasa, actions, action_port)
    finally:
        for server in reversed(servers):
            server.stop()


PRODUCTION_ENDPOINTS = ROOT / "deploy" / "endpoints.production.yml"
ERASING_STORE = "bot.storage.tracker_store.ErasingSQLTrackerStore"
TEST_SENDER_HASH_KEY = "test-stack-sender-hash-key-0123456789abcdef"


def production_config(action_port: int, database: str) -> tuple[Path, dict[str, str]]:
    """deploy/endpoints.production.yml and its variables, for the services on loopback.

    Migrates the staff tables of `database` (a local PostgreSQL database) first.
    """
    from bot.devtools.postgres import PG_HOST, PG_PORT, PG_USER
    from bot.devtools.postgres import url as postgres_url
    from bot.storage.migrate import upgrade

    database_url = postgres_url(database)
    upgrade(database_url)
    return PRODUCTION_ENDPOINTS, {
        "ACTION_SERVER_URL": f"http://127.0.0.1:{action_port}/webhook",
        "DATABASE_URL": database_url,
        "DB_HOST": PG_HOST,
        "DB_PORT": str(PG_PORT),
        "DB_NAME": database,
        "DB_USER": PG_USER,
        "DB_PASSWORD": "",
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": "6379",
        "RABBITMQ_HOST": "127.0.0.1",
        "RABBITMQ_USER": "guest",
        "RABBITMQ_PASSWORD": "guest",
        # A deployment says what it is (bot/server.py refuses to start otherwise).
        "ENVIRONMENT": "production",
        # Required with ENVIRONMENT=production (bot/storage/pseudonyms.py); a test-only key.
        "SENDER_HASH_KEY": TEST_SENDER_HASH_KEY,
        # Rasa refuses to start unless the staff tools would lock through the same file.
        "ENDPOINTS_FILE": str(PRODUCTION_ENDPOINTS),
    }


def sqlite_config(directory: Path, action_port: int) -> tuple[Path, dict[str, str]]:
    """An endpoints file and variables for a throwaway SQLite database in `directory`.

    The same stores as `make run` (erasure on request; locks shared by processes in the same
    database), with its staff tables migrated.
    """
    from bot.storage.lock_store import SQL_LOCK_STORE
    from bot.storage.migrate import upgrade

    database = directory / "rasa.db"
    database_url = f"sqlite:///{database}"
    upgrade(database_url)
    endpoints = directory / "endpoints.yml"
    endpoints.write_text(
        f"action_endpoint:\n  url: http://127.0.0.1:{action_port}/webhook\n"
        f"tracker_store:\n  type: {ERASING_STORE}\n  dialect: sqlite\n  db: {database}\n"
        f"lock_store:\n  type: {SQL_LOCK_STORE}\n  url: {database_url}\n"
    )
    return endpoints, {"DATABASE_URL": database_url}


@contextmanager
def rasa_server(
    logs: Path,
    name: str,
    endpoints: Path,
    env: Mapping[str, str] | None = None,
    model: Path = MODEL,
) -> Iterator[str]:
    """One more `rasa run`, as `rasa_stack` starts it, against the same `endpoints`; its URL.

    For several Rasa servers behind one proxy, sharing a tracker store and a lock store. Its log
    is `logs/<name>.log`.
    """
    if not model.is_file():
        raise StackError(f"{model} is missing: train a model first (`make train`).")
    port = free_port()
    rasa = rasa_process(name, logs, endpoints, env or {}, model, port)
    try:
        rasa.start()
        rasa.wait_until_ready(time.monotonic() + READY_TIMEOUT_SECONDS)
        yield f"http://127.0.0.1:{port}"
    finally:
        rasa.stop()
