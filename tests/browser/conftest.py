"""Browser fixtures: the real assistant (Rasa + actions, trained model), two websites that
embed its widget (one allowed, one not), and Debian's Chromium.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from bot.devtools import stack
from bot.devtools.stack import free_port, sqlite_config
from tests.channels.telegram.fake_bot_api import FakeBotApi, telegram_env
from tests.e2e.servers import MODEL

from .widget import CHROMIUM, chromium

QUESTIONNAIRE = "https://clearinghouse.test/questionnaire"
NEUTRAL_PAGE = b"<!doctype html><html lang='en'><title>Weather</title><h1>Weather</h1></html>"
TIMEOUT_SECONDS = 3  # data-timeout-seconds on the sites' pages


@dataclass(frozen=True)
class Site:
    """A website on loopback whose page embeds the widget from the assistant."""

    url: str
    exit_url: str


@dataclass(frozen=True)
class Assistant:
    """The running assistant, its conversation database, and the sites that embed it."""

    url: str
    database: Path
    allowed_site: Site
    other_site: Site
    telegram: FakeBotApi

    @property
    def demo(self) -> str:
        """The assistant's own demo page."""
        return f"{self.url}/webhooks/webchat/demo"


def _site_page(assistant_url: str, exit_url: str) -> bytes:
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>Family Help</title></head><body><main><h1>Family Help</h1>"
        "<p>An organisation's own page.</p></main>"
        f"<script src='{assistant_url}/webhooks/webchat/widget.js' data-title='Family Help chat'"
        f" data-quick-exit-url='{exit_url}' data-timeout-seconds='{TIMEOUT_SECONDS}'"
        " data-open='true'></script></body></html>"
    ).encode()


@contextmanager
def website(host: str, assistant_url: str) -> Iterator[Site]:
    """A page on http://{host}:{port}/ embedding the widget; /neutral is its quick-exit page."""
    port = free_port()
    site = Site(f"http://{host}:{port}/", f"http://{host}:{port}/neutral")
    page = _site_page(assistant_url, site.exit_url)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = NEUTRAL_PAGE if self.path.startswith("/neutral") else page
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1" if host == "localhost" else host, port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """The real servers, started as the Procfile starts them (`--cors` its own origin).

    Allowed websites: the assistant's own origin and http://localhost:<port>; a page on
    http://127.0.0.2:<port> embeds the widget too, but is not allowed. Its Telegram channel talks
    to a fake Bot API on loopback, so one conversation can be compared across channels.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"Debian's Chromium ({CHROMIUM}) is not installed: run `make browser`")
    tmp = tmp_path_factory.mktemp("browser")
    action_port, rasa_port = free_port(), free_port()
    url = f"http://127.0.0.1:{rasa_port}"
    endpoints, env = sqlite_config(tmp, action_port)
    with (
        website("localhost", url) as allowed,
        website("127.0.0.2", url) as other,
        FakeBotApi() as telegram,
    ):
        env = {
            **env,
            **telegram_env(telegram),
            "WEBCHAT_ALLOWED_ORIGINS": f"{url},{allowed.url}",
            "CLEARINGHOUSE_QUESTIONNAIRE_URL": QUESTIONNAIRE,
        }
        try:
            with stack.rasa_stack(
                tmp,
                endpoints,
                action_port,
                env,
                model=MODEL,
                rasa_port=rasa_port,
                extra_args=("--cors", url),
            ):
                yield Assistant(url, tmp / "rasa.db", allowed, other, telegram)
        except stack.StackError as error:
            pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, for one test module.

    Not longer: while Playwright's sync API runs, its event loop counts as running in this
    thread, and later tests that call `asyncio.run` would fail.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"Debian's Chromium ({CHROMIUM}) is not installed: run `make browser`")
    with chromium() as running:
        yield running


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser profile (no storage, no cookies) at desktop size."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    # Nothing leaves this machine: "Leave quickly" opens a neutral page served here.
    context.route(
        "https://www.google.com/**",
        lambda route: route.fulfill(body=NEUTRAL_PAGE, content_type="text/html"),
    )
    try:
        yield context.new_page()
    finally:
        context.close()
