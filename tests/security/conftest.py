"""The servers as `make run` starts them, for the attack suite: attacked from outside, over HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.devtools import stack
from bot.devtools.stack import sqlite_config
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
