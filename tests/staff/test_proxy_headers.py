"""In production the console refuses proxy headers it was not told to expect (STAFF_PROXY_COUNT=0)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from bot.settings import Settings
from bot.staff import create_app
from bot.staff.database import ENGINE_KEY
from bot.staff.security import UNEXPECTED_PROXY

STRONG_KEY = "k" * 20 + "Q9x_2mZpL0aB7vT4nYc8"


def console(database_url: str, environment: str, proxies: int) -> Iterator[Flask]:
    app = create_app(
        Settings(
            database_url=database_url,
            environment=environment,  # type: ignore[arg-type]
            staff_secret_key=STRONG_KEY,
            sender_hash_key="h" * 40,
            staff_proxy_count=proxies,
        )
    )
    yield app
    app.extensions[ENGINE_KEY].dispose()


@pytest.fixture
def production(database_url: str) -> Iterator[Flask]:
    yield from console(database_url, "production", 0)


@pytest.mark.parametrize(
    "header",
    [
        {"X-Forwarded-For": "203.0.113.9"},
        {"Forwarded": "for=203.0.113.9;proto=https"},
        {"X-Forwarded-For": "10.0.0.1, 203.0.113.9", "Forwarded": "for=10.0.0.1"},
    ],
)
def test_a_proxy_header_without_staff_proxy_count_is_refused_with_a_page_and_a_log_line(
    production: Flask, header: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    response = production.test_client().get("/login", headers=header)

    assert response.status_code == 400
    assert UNEXPECTED_PROXY in response.get_data(as_text=True)
    assert "STAFF_PROXY_COUNT=0" in caplog.text
    assert "203.0.113.9" not in caplog.text


def test_the_same_request_without_the_header_is_served(production: Flask) -> None:
    assert production.test_client().get("/login").status_code == 200


@pytest.mark.parametrize(("environment", "proxies"), [("production", 1), ("development", 0)])
def test_a_told_proxy_or_a_developers_machine_accepts_the_header(
    database_url: str, environment: str, proxies: int
) -> None:
    for app in console(database_url, environment, proxies):
        response = app.test_client().get("/login", headers={"X-Forwarded-For": "203.0.113.9"})
        assert response.status_code == 200
