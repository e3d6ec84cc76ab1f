"""The servers as `make run` starts them, for the attack suite: attacked from outside, over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from bot.devtools import stack
from bot.devtools.proxy import Proxy, ProxyError, run_proxy
from bot.devtools.stack import sqlite_config
from tests.channels.telegram.fake_bot_api import FakeBotApi, telegram_env
from tests.e2e.servers import MODEL, free_port


@pytest.fixture(scope="session")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[stack.Stack]:
    """Rasa and the action server, started with the Procfile's options, on a throwaway store."""
    tmp = tmp_path_factory.mktemp("security")
    action_port = free_port()
    endpoints, env = sqlite_config(tmp, action_port)
    try:
        with stack.rasa_stack(tmp, endpoints, action_port, env, model=MODEL) as servers:
            yield servers
    except stack.StackError as error:
        pytest.fail(str(error), pytrace=False)


# The website the widget is embedded on, in the tests behind the proxy.
WIDGET_SITE = "https://www.family-justice.example"
# As the README says to run Rasa behind nginx: its limits read nginx's X-Forwarded-For.
BEHIND_ONE_PROXY = {"PROXY_COUNT": "1"}


@dataclass(frozen=True)
class BehindProxy:
    """nginx with deploy/nginx/'s config in front of Rasa, and the fake Bot API Rasa talks to."""

    proxy: Proxy
    telegram: FakeBotApi
    servers: stack.Stack


@pytest.fixture(scope="session")
def behind_proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BehindProxy]:
    """The servers as in production behind the README's nginx config, Telegram configured."""
    tmp = tmp_path_factory.mktemp("proxy")
    action_port = free_port()
    endpoints, env = sqlite_config(tmp, action_port)
    try:
        with FakeBotApi() as telegram:
            env = {
                **env,
                **telegram_env(telegram),
                "WEBCHAT_ALLOWED_ORIGINS": WIDGET_SITE,
                **BEHIND_ONE_PROXY,
            }
            with (
                stack.rasa_stack(tmp, endpoints, action_port, env, model=MODEL) as servers,
                run_proxy(tmp / "nginx", [servers.url]) as proxy,
            ):
                yield BehindProxy(proxy, telegram, servers)
    except (stack.StackError, ProxyError) as error:
        pytest.fail(str(error), pytrace=False)
