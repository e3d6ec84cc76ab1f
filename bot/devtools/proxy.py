"""Run Debian's nginx with the README's config (deploy/nginx/) in front of Rasa, for tests.

`run_proxy` renders deploy/nginx/cr-assistant.conf (the one production uses) for loopback
ports, a self-signed certificate and a log in a temporary directory, and runs nginx in the
foreground until exit. Needs /usr/sbin/nginx (`./scripts/proxy.sh`) and `openssl`.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.devtools.stack import LOOPBACK, ROOT, free_port

TEMPLATE = ROOT / "deploy" / "nginx" / "cr-assistant.conf"
NGINX = Path("/usr/sbin/nginx")
OPENSSL = "openssl"
READY_TIMEOUT_SECONDS = 20.0
VARIABLE = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")


class ProxyError(RuntimeError):
    """nginx is missing, refused its config or did not start; the message says which."""


@dataclass(frozen=True)
class Proxy:
    """A running nginx: its HTTPS and HTTP addresses, the CA file to trust and its logs."""

    https_url: str
    http_url: str
    certificate: Path
    access_log: Path
    error_log: Path
    pid: int


def render(template: str, variables: Mapping[str, str]) -> str:
    """`template` with every `${NAME}` replaced; a name without a value, or unused, is an error."""
    used = set(VARIABLE.findall(template))
    missing, unused = used - variables.keys(), variables.keys() - used
    if missing or unused:
        raise ProxyError(
            f"template variables: missing {sorted(missing)}, not in the template {sorted(unused)}"
        )
    return VARIABLE.sub(lambda match: variables[match.group(1)], template)


def upstream_servers(addresses: Sequence[str]) -> str:
    """The upstream block's lines for Rasa servers at `addresses` ("HOST:PORT")."""
    if not addresses:
        raise ProxyError("at least one Rasa server is needed behind the proxy")
    return "\n    ".join(f"server {address};" for address in addresses)


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for localhost and 127.0.0.1 and its key, made with openssl in `directory`."""
    certificate, key = directory / "proxy.crt", directory / "proxy.key"
    subprocess.run(
        [
            OPENSSL,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
        ],
        check=True,
        capture_output=True,
    )
    return certificate, key


def _main_config(directory: Path, site: Path) -> str:
    # Debian's /etc/nginx/nginx.conf runs the workers as www-data. Here the workers run as the
    # user the tests run as (root in CI): every file nginx needs is in a private temporary
    # directory that www-data cannot enter, and this nginx listens on loopback only, for the
    # length of a test run.
    # (Not root: nginx cannot switch users, and the workers run as that user anyway.)
    user = "user root root;" if os.getuid() == 0 else ""
    temp = directory / "temp"
    return "\n".join(
        [
            "# Written by bot.devtools.proxy for one test run; the site is deploy/nginx/'s.",
            user,
            "worker_processes 1;",
            f"pid {directory / 'nginx.pid'};",
            f"error_log {directory / 'error.log'} info;",
            "events { worker_connections 512; }",
            "http {",
            *(f"    {kind}_temp_path {temp / kind};" for kind in _TEMP_KINDS),
            f"    include {site};",
            "}",
            "",
        ]
    )


_TEMP_KINDS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def _wait_until_listening(port: int, process: subprocess.Popen[bytes], error_log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ProxyError(f"nginx exited with code {process.returncode}:\n{_read(error_log)}")
        try:
            with socket.create_connection((LOOPBACK, port), timeout=1.0):
                return
        except OSError:
            time.sleep(0.2)
    raise ProxyError(f"nginx is not listening on {port}:\n{_read(error_log)}")


def _read(path: Path) -> str:
    return path.read_text(errors="replace") if path.exists() else "(no log)"


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        # QUIT: finish the requests in flight, then exit (as `nginx -s quit`).
        process.send_signal(signal.SIGQUIT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@contextmanager
def run_proxy(directory: Path, rasa_urls: Sequence[str]) -> Iterator[Proxy]:
    """nginx with deploy/nginx/cr-assistant.conf in front of `rasa_urls`, until exit.

    `rasa_urls` are the Rasa servers' base URLs ("http://127.0.0.1:PORT"); `directory` receives
    the rendered config, the certificate and the logs.
    """
    if not NGINX.is_file():
        raise ProxyError(f"{NGINX} is missing: run ./scripts/proxy.sh (Debian's nginx).")
    directory.mkdir(parents=True, exist_ok=True)
    for kind in _TEMP_KINDS:
        (directory / "temp" / kind).mkdir(parents=True, exist_ok=True)
    certificate, key = self_signed_certificate(directory)
    https_port, http_port = free_port(), free_port()
    access_log, error_log = directory / "access.log", directory / "error.log"
    site = directory / "cr-assistant.conf"
    site.write_text(
        render(
            TEMPLATE.read_text(),
            {
                "RASA_UPSTREAM_SERVERS": upstream_servers(
                    [url.removeprefix("http://").rstrip("/") for url in rasa_urls]
                ),
                "HTTPS_LISTEN": f"{LOOPBACK}:{https_port}",
                "HTTP_LISTEN": f"{LOOPBACK}:{http_port}",
                "TLS_CERTIFICATE": str(certificate),
                "TLS_CERTIFICATE_KEY": str(key),
                "ACCESS_LOG": str(access_log),
            },
        )
    )
    main = directory / "nginx.conf"
    main.write_text(_main_config(directory, site))
    command = [str(NGINX), "-p", str(directory), "-e", str(error_log), "-c", str(main)]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if checked.returncode != 0:
        raise ProxyError(f"nginx refused the config:\n{checked.stderr}")
    process = subprocess.Popen(
        [*command, "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_until_listening(https_port, process, error_log)
        yield Proxy(
            f"https://{LOOPBACK}:{https_port}",
            f"http://{LOOPBACK}:{http_port}",
            certificate,
            access_log,
            error_log,
            process.pid,
        )
    finally:
        _stop(process)
