"""Shared end-to-end fixtures: one Rasa + action server stack for the whole test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.devtools.stack import sqlite_config

from .servers import free_port, rasa_stack


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(Rasa's base URL, the tracker store's database URL) of the running servers."""
    tmp = tmp_path_factory.mktemp("e2e")
    action_port = free_port()
    endpoints, env = sqlite_config(tmp, action_port)
    with rasa_stack(tmp, endpoints, action_port, env) as url:
        yield url, env["DATABASE_URL"]


@pytest.fixture(scope="session")
def rasa_url(assistant: tuple[str, str]) -> str:
    """The base URL of a running Rasa server whose actions run on a running action server."""
    return assistant[0]


@pytest.fixture(scope="session")
def rasa_database_url(assistant: tuple[str, str]) -> str:
    """The database the running Rasa server keeps its conversations in."""
    return assistant[1]
