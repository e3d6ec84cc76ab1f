"""The public address: Debian's nginx with deploy/nginx/cr-assistant.conf in front of Rasa.

Attacked as an outsider would, over HTTPS, against the real Rasa and action servers behind the
real proxy (the config the README recommends, rendered for loopback). Only the widget's webhook
and files and Telegram's webhook get through; everything else is refused by the proxy itself.
A second, smaller proxy in front of a recording server shows what reaches the upstream.
"""

from __future__ import annotations

import http.client
import itertools
import json
import re
import shutil
import ssl
import subprocess
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from bot.channels.telegram.config import SECRET_HEADER
from bot.channels.text import MAX_BODY_BYTES
from bot.channels.webchat.assets import ASSETS
from bot.devtools.proxy import (
    NGINX,
    TEMPLATE,
    VARIABLE,
    Proxy,
    ProxyError,
    render,
    run_proxy,
    self_signed_certificate,
    upstream_servers,
)
from bot.devtools.stack import LOOPBACK, ROOT, free_port
from tests.channels.telegram import updates
from tests.channels.telegram.fake_bot_api import WEBHOOK_SECRET

from .conftest import WIDGET_SITE, BehindProxy

pytestmark = pytest.mark.e2e

SENDER = "family-under-attack"
# Not public: Rasa's HTTP API (rasa/server.py, also the routes Rasa answers without
# --enable-api), our REST channel and the channels' health checks.
RASA_ROUTES = [
    ("GET", "/"),
    ("GET", "/version"),
    ("GET", "/status"),
    ("GET", "/domain"),
    ("PUT", "/model"),
    ("DELETE", "/model"),
    ("POST", "/model/parse"),
    ("POST", "/model/train"),
    ("GET", f"/conversations/{SENDER}/tracker"),
    ("POST", f"/conversations/{SENDER}/tracker/events"),
    ("PUT", f"/conversations/{SENDER}/tracker/events"),
    ("GET", f"/conversations/{SENDER}/story"),
    ("POST", f"/conversations/{SENDER}/execute"),
    ("POST", f"/conversations/{SENDER}/trigger_intent"),
    ("POST", f"/conversations/{SENDER}/messages"),
    ("POST", "/webhooks/rest/webhook"),
    ("GET", "/webhooks/rest/"),
    ("GET", "/webhooks/webchat/"),
    ("GET", "/webhooks/telegram/"),
    ("GET", "/webhooks/webchat/../../status"),
]
# The action server's routes (rasa-sdk) and the staff console's (bot/staff/views/).
ACTION_SERVER_ROUTES = [("POST", "/webhook"), ("GET", "/health"), ("GET", "/actions")]
STAFF_ROUTES = [
    ("GET", "/login"),
    ("POST", "/login"),
    ("POST", "/logout"),
    ("GET", "/account/password"),
    ("GET", "/dashboard/"),
    ("GET", "/referrals/"),
    ("GET", "/conversations/"),
    ("GET", f"/conversations/view/{SENDER}"),
    ("GET", f"/conversations/export/{SENDER}"),
    ("POST", "/conversations/erase"),
    ("GET", "/admin/users"),
    ("GET", "/admin/audit"),
    ("GET", "/admin/export/nlu.yml"),
    ("GET", "/vendor/htmx.min.js"),
]
# Public paths, but not with these methods.
WRONG_METHODS = [
    ("GET", "/webhooks/webchat/webhook"),
    ("PUT", "/webhooks/webchat/webhook"),
    ("DELETE", "/webhooks/webchat/webhook"),
    ("GET", "/webhooks/telegram/webhook"),
    ("OPTIONS", "/webhooks/telegram/webhook"),
    ("PUT", "/webhooks/telegram/webhook"),
    ("POST", "/webhooks/webchat/widget.js"),
    ("PUT", "/webhooks/webchat/demo"),
    ("DELETE", "/webhooks/webchat/vendor/marked.esm.js"),
    ("TRACE", "/webhooks/webchat/demo"),
]
# Spellings of private paths meant to slip past a prefix match; sent byte for byte.
TRICK_TARGETS = [
    "/webhooks/webchat/webhook/../../rest/webhook",
    "/webhooks/webchat/%2e%2e/%2e%2e/status",
    "/webhooks/webchat/widget.js/../../../conversations/x/tracker",
    "/webhooks/telegram/webhook%2f..%2f..%2frest%2fwebhook",
    "//status",
    "/WEBHOOKS/REST/WEBHOOK",
    "/webhooks/webchat/webhook;/../../status",
]
REFUSED = {403, 404, 405}
NGINX_PAGE = "<center>nginx</center>"  # the proxy's own error page, not Rasa's answer
PUBLIC_FILES = [*ASSETS, "demo"]
# One line of the access log: time, method, path, status, bytes, time, upstream, upstream time.
ACCESS_LINE = re.compile(
    r"^\S+ [A-Z]+ /\S* \d{3} \d+ [\d.]+ (?:-|127\.0\.0\.1:\d+) (?:-|[\d.]+)(?:, [\d.]+)*$"
)
_chat_ids = itertools.count(8_100_000_001)
FLOOD = 60  # preflights at once from one address; 21 pass (5 a second, bursts of 20)


def ids(routes: list[tuple[str, str]]) -> list[str]:
    """Test ids that say what is attacked: "DELETE /model"."""
    return [f"{method} {path}" for method, path in routes]


def client(proxy: Proxy, **options: object) -> httpx.Client:
    """An HTTPS client that trusts the proxy's test certificate."""
    return httpx.Client(verify=str(proxy.certificate), timeout=60, **options)


def raw(proxy: Proxy, method: str, target: str, body: bytes = b"") -> tuple[int, str]:
    """Send `target` exactly as written (no client-side clean-up of dots or escapes)."""
    context = ssl.create_default_context(cafile=str(proxy.certificate))
    port = int(proxy.https_url.rsplit(":", 1)[1])
    connection = http.client.HTTPSConnection(LOOPBACK, port, context=context, timeout=30)
    try:
        connection.request(method, target, body=body or None)
        answer = connection.getresponse()
        return answer.status, answer.read().decode(errors="replace")
    finally:
        connection.close()


def widget_message(text: str, sender: str | None = None) -> dict[str, str]:
    """The widget's JSON for one message."""
    return {"sender": sender or str(uuid.uuid4()), "message": text}


# -- what is public works through the proxy -------------------------------------------------


def test_the_widget_gets_a_real_reply_through_the_proxy(behind_proxy: BehindProxy) -> None:
    with client(behind_proxy.proxy) as https:
        answer = https.post(
            f"{behind_proxy.proxy.https_url}/webhooks/webchat/webhook",
            json=widget_message("hello"),
            headers={"Origin": WIDGET_SITE},
        )

    assert answer.status_code == 200
    texts = " ".join(message.get("text", "") for message in answer.json()["messages"])
    assert "not legal advice" in texts
    assert answer.headers["access-control-allow-origin"] == WIDGET_SITE


def test_the_widgets_preflight_is_answered_for_the_allowed_site(
    behind_proxy: BehindProxy,
) -> None:
    with client(behind_proxy.proxy) as https:
        answer = https.options(
            f"{behind_proxy.proxy.https_url}/webhooks/webchat/webhook",
            headers={"Origin": WIDGET_SITE, "Access-Control-Request-Method": "POST"},
        )

    assert answer.status_code in {200, 204}
    assert answer.headers["access-control-allow-origin"] == WIDGET_SITE


def test_a_page_on_another_site_is_still_refused_by_the_widgets_channel(
    behind_proxy: BehindProxy,
) -> None:
    with client(behind_proxy.proxy) as https:
        answer = https.post(
            f"{behind_proxy.proxy.https_url}/webhooks/webchat/webhook",
            json=widget_message("hello"),
            headers={"Origin": "https://evil.example"},
        )

    assert answer.status_code == 403


@pytest.mark.parametrize("name", PUBLIC_FILES)
def test_every_file_the_widget_needs_is_served_through_the_proxy(
    behind_proxy: BehindProxy, name: str
) -> None:
    with client(behind_proxy.proxy) as https:
        answer = https.get(f"{behind_proxy.proxy.https_url}/webhooks/webchat/{name}")

    assert answer.status_code == 200
    assert answer.content


def test_telegram_updates_with_the_secret_header_get_answered(
    behind_proxy: BehindProxy,
) -> None:
    chat_id = next(_chat_ids)

    with client(behind_proxy.proxy) as https:
        answer = https.post(
            f"{behind_proxy.proxy.https_url}/webhooks/telegram/webhook",
            json=updates.text(chat_id, "hello"),
            headers={SECRET_HEADER: WEBHOOK_SECRET},
        )

    assert answer.status_code == 200
    sent = behind_proxy.telegram.calls_to("sendMessage", chat_id)
    assert any("not legal advice" in str(call.params["text"]) for call in sent)


@pytest.mark.parametrize(
    ("secret", "status"),
    [(None, 401), ("a-wrong-secret_0123456789-abcdefghijklmnop", 403)],
    ids=["without the secret header", "with a wrong secret"],
)
def test_telegram_updates_without_the_right_secret_are_refused(
    behind_proxy: BehindProxy, secret: str | None, status: int
) -> None:
    chat_id = next(_chat_ids)
    headers = {SECRET_HEADER: secret} if secret is not None else {}

    with client(behind_proxy.proxy) as https:
        answer = https.post(
            f"{behind_proxy.proxy.https_url}/webhooks/telegram/webhook",
            json=updates.text(chat_id, "hello"),
            headers=headers,
        )

    assert answer.status_code == status
    assert behind_proxy.telegram.calls_to("sendMessage", chat_id) == []


# -- everything else is refused by the proxy ------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    RASA_ROUTES + ACTION_SERVER_ROUTES + STAFF_ROUTES + WRONG_METHODS,
    ids=ids(RASA_ROUTES + ACTION_SERVER_ROUTES + STAFF_ROUTES + WRONG_METHODS),
)
def test_the_proxy_refuses_what_is_not_public(
    behind_proxy: BehindProxy, method: str, path: str
) -> None:
    with client(behind_proxy.proxy) as https:
        answer = https.request(method, f"{behind_proxy.proxy.https_url}{path}", json={})

    assert answer.status_code in REFUSED
    assert NGINX_PAGE in answer.text


@pytest.mark.parametrize("target", TRICK_TARGETS)
def test_no_spelling_of_a_private_path_gets_past_the_proxy(
    behind_proxy: BehindProxy, target: str
) -> None:
    status, text = raw(behind_proxy.proxy, "GET", target)

    assert status in REFUSED | {400}
    assert NGINX_PAGE in text


def test_plain_http_only_redirects_to_https(behind_proxy: BehindProxy) -> None:
    answer = httpx.post(
        f"{behind_proxy.proxy.http_url}/webhooks/telegram/webhook",
        json=updates.text(next(_chat_ids), "hello"),
        headers={SECRET_HEADER: WEBHOOK_SECRET},
    )

    assert answer.status_code == 301
    assert answer.headers["location"].startswith("https://")


@pytest.mark.parametrize(
    "path", ["/webhooks/webchat/webhook", "/webhooks/telegram/webhook"], ids=["widget", "telegram"]
)
@pytest.mark.parametrize("chunked", [False, True], ids=["with a length", "chunked"])
def test_a_body_over_64_kb_is_refused_by_the_proxy(
    behind_proxy: BehindProxy, path: str, chunked: bool
) -> None:
    body = b"x" * (MAX_BODY_BYTES + 1)
    content: bytes | Iterator[bytes] = iter([body[:40_000], body[40_000:]]) if chunked else body

    with client(behind_proxy.proxy) as https:
        answer = https.post(
            f"{behind_proxy.proxy.https_url}{path}",
            content=content,
            headers={"Origin": WIDGET_SITE, SECRET_HEADER: WEBHOOK_SECRET},
        )

    assert answer.status_code == 413
    assert NGINX_PAGE in answer.text  # the proxy's refusal, not the channel's


@pytest.mark.parametrize(
    "path", ["/status", "/webhooks/webchat/widget.js"], ids=["refused", "proxied"]
)
def test_the_server_header_shows_no_version(behind_proxy: BehindProxy, path: str) -> None:
    with client(behind_proxy.proxy) as https:
        answer = https.get(f"{behind_proxy.proxy.https_url}{path}")

    assert answer.headers["server"] == "nginx"
    assert "1.22" not in answer.text


def test_every_answer_tells_browsers_to_stay_on_https(behind_proxy: BehindProxy) -> None:
    with client(behind_proxy.proxy) as https:
        answer = https.get(f"{behind_proxy.proxy.https_url}/webhooks/webchat/demo")

    assert answer.headers["strict-transport-security"].startswith("max-age=")


def test_a_flood_from_one_address_is_refused_with_429(behind_proxy: BehindProxy) -> None:
    url = f"{behind_proxy.proxy.https_url}/webhooks/webchat/webhook"
    headers = {"Origin": WIDGET_SITE, "Access-Control-Request-Method": "POST"}
    # From an address of its own (127.0.0.3), so the other tests' address keeps its budget;
    # all at once, so a slow machine cannot spread them out under the rate.
    transport = httpx.HTTPTransport(
        local_address="127.0.0.3", verify=str(behind_proxy.proxy.certificate)
    )
    start = threading.Barrier(FLOOD)

    with client(behind_proxy.proxy, transport=transport, limits=httpx.Limits()) as https:

        def preflight(_: int) -> int:
            start.wait()
            return https.options(url, headers=headers).status_code

        with ThreadPoolExecutor(FLOOD) as pool:
            statuses = list(pool.map(preflight, range(FLOOD)))

    assert statuses.count(429) >= FLOOD // 4
    assert {200, 204} & set(statuses)
    assert set(statuses) <= {200, 204, 429}


def test_the_access_log_has_no_client_address_and_no_query_string(
    behind_proxy: BehindProxy,
) -> None:
    marker = f"q{uuid.uuid4().hex}"
    transport = httpx.HTTPTransport(
        local_address="127.0.0.2", verify=str(behind_proxy.proxy.certificate)
    )
    with client(behind_proxy.proxy, transport=transport) as https:
        https.get(f"{behind_proxy.proxy.https_url}/webhooks/webchat/widget.js?who={marker}")
        https.get(f"{behind_proxy.proxy.https_url}/status?who={marker}")

    log = behind_proxy.proxy.access_log.read_text()
    lines = log.splitlines()
    assert any(line.split()[2] == "/webhooks/webchat/widget.js" for line in lines)
    assert "127.0.0.2" not in log
    assert marker not in log
    assert all(ACCESS_LINE.match(line) for line in lines), lines


# -- what reaches the upstream ----------------------------------------------------------------


@dataclass
class Recorder:
    """A plain HTTP server that records every request it gets and answers 200."""

    requests: list[dict[str, object]] = field(default_factory=list)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Proxy, Recorder]]:
    """The proxy in front of a recording server instead of Rasa."""
    recorder = Recorder()

    class Handler(BaseHTTPRequestHandler):
        def _record(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length)
            recorder.requests.append(
                {
                    "method": self.command,
                    "path": self.path,
                    "headers": dict(self.headers),
                    "body": len(body),
                }
            )
            payload = json.dumps({"ok": True}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_OPTIONS = _record

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer((LOOPBACK, free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with run_proxy(
            tmp_path_factory.mktemp("recorded"), [f"http://{LOOPBACK}:{server.server_port}"]
        ) as proxy:
            yield proxy, recorder
    except ProxyError as error:
        pytest.fail(str(error), pytrace=False)
    finally:
        server.shutdown()
        server.server_close()


def last_request(recorded: tuple[Proxy, Recorder]) -> dict[str, object]:
    return recorded[1].requests[-1]


def test_the_upstream_learns_the_real_client_and_https_never_a_forged_address(
    recorded: tuple[Proxy, Recorder],
) -> None:
    proxy, _ = recorded
    transport = httpx.HTTPTransport(local_address="127.0.0.2", verify=str(proxy.certificate))
    with client(proxy, transport=transport) as https:
        https.post(
            f"{proxy.https_url}/webhooks/webchat/webhook",
            json=widget_message("hi"),
            headers={
                "Origin": WIDGET_SITE,
                "X-Forwarded-For": "203.0.113.9",
                "X-Forwarded-Proto": "http",
                "Forwarded": "for=203.0.113.9",
                "Proxy": "http://evil.example",
            },
        )

    headers = {name.lower(): value for name, value in last_request(recorded)["headers"].items()}
    assert headers["x-forwarded-for"] == "127.0.0.2"
    assert headers["x-forwarded-proto"] == "https"
    assert headers["origin"] == WIDGET_SITE
    assert "forwarded" not in headers
    assert "proxy" not in headers


def test_the_telegram_secret_header_reaches_the_upstream_unchanged(
    recorded: tuple[Proxy, Recorder],
) -> None:
    proxy, _ = recorded
    with client(proxy) as https:
        https.post(
            f"{proxy.https_url}/webhooks/telegram/webhook",
            json={"update_id": 1},
            headers={SECRET_HEADER: WEBHOOK_SECRET},
        )

    headers = {name.lower(): value for name, value in last_request(recorded)["headers"].items()}
    assert headers[SECRET_HEADER.lower()] == WEBHOOK_SECRET


@pytest.mark.parametrize(
    "target",
    [
        "/webhooks//telegram/webhook",
        "/webhooks/x/../telegram/webhook",
        "/webhooks/telegram/%77ebhook",
    ],
)
def test_the_upstream_only_ever_sees_the_public_path_itself(
    recorded: tuple[Proxy, Recorder], target: str
) -> None:
    proxy, recorder = recorded
    before = len(recorder.requests)

    status, _ = raw(proxy, "POST", target, body=b"{}")

    assert status == 200
    assert [request["path"] for request in recorder.requests[before:]] == [
        "/webhooks/telegram/webhook"
    ]


def test_a_refused_body_never_reaches_the_upstream(recorded: tuple[Proxy, Recorder]) -> None:
    proxy, recorder = recorded
    before = len(recorder.requests)

    with client(proxy) as https:
        answer = https.post(
            f"{proxy.https_url}/webhooks/webchat/webhook", content=b"x" * (MAX_BODY_BYTES + 1)
        )

    assert answer.status_code == 413
    assert recorder.requests[before:] == []


# -- the config as a deployment installs it -------------------------------------------------


def test_the_readme_renders_every_variable_of_the_template() -> None:
    readme = (ROOT / "README.md").read_text()
    [command] = re.findall(r"envsubst '([^']*)'", readme)

    assert set(re.findall(r"\$\{(\w+)\}", command)) == set(VARIABLE.findall(TEMPLATE.read_text()))


def test_the_config_fits_debians_own_nginx_conf(tmp_path: Path) -> None:
    etc = tmp_path / "etc"
    shutil.copytree("/etc/nginx", etc)
    main = (etc / "nginx.conf").read_text().replace("/etc/nginx", str(etc))
    (etc / "nginx.conf").write_text(main.replace("/run/nginx.pid", str(tmp_path / "nginx.pid")))
    (etc / "sites-enabled" / "default").unlink(missing_ok=True)
    certificate, key = self_signed_certificate(tmp_path)
    (etc / "conf.d" / "cr-assistant.conf").write_text(
        render(
            TEMPLATE.read_text(),
            {
                "RASA_UPSTREAM_SERVERS": upstream_servers(["10.0.0.11:5005", "10.0.0.12:5005"]),
                "HTTPS_LISTEN": "443",
                "HTTP_LISTEN": "80",
                "TLS_CERTIFICATE": str(certificate),
                "TLS_CERTIFICATE_KEY": str(key),
                "ACCESS_LOG": str(tmp_path / "access.log"),
            },
        )
    )

    checked = subprocess.run(
        [str(NGINX), "-t", "-e", str(tmp_path / "error.log"), "-c", str(etc / "nginx.conf")],
        capture_output=True,
        text=True,
    )

    assert checked.returncode == 0, checked.stderr
