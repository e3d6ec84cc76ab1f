"""Web origins for the widget's allow-list: canonical forms, refusals, and the settings."""

from __future__ import annotations

import re

import pytest

from bot.origins import OriginError, parse_origin, parse_origins, request_origin
from bot.settings import Settings, SettingsError

OWN = "http://localhost:5005"  # the assistant's own origin, as in the Procfile's --cors
SITE = "https://www.family-help.org"  # an organisation's website


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        pytest.param("https://Family.ORG/", "https://family.org", id="case and trailing slash"),
        pytest.param("https://family.org:443", "https://family.org", id="default https port"),
        pytest.param("http://family.org:80", "http://family.org", id="default http port"),
        pytest.param("http://localhost:5005", "http://localhost:5005", id="other port kept"),
        pytest.param(" http://[::1]:8080 ", "http://[::1]:8080", id="IPv6 loopback"),
    ],
)
def test_origins_are_canonical(raw: str, canonical: str) -> None:
    assert parse_origin(raw) == canonical


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        pytest.param("*", "any website", id="wildcard"),
        pytest.param("family.org", "https://", id="no scheme"),
        pytest.param("ftp://family.org", "https://", id="not a web scheme"),
        pytest.param("https://family.org/chat", "without a path", id="a path"),
        pytest.param("https://family.org?x=1", "without a path", id="a query"),
        pytest.param("https://user:pw@family.org", "user name", id="credentials"),
        pytest.param("https://family.org:99999", "not a web address", id="port out of range"),
        pytest.param("https://fam ily.org", "https://", id="space"),
    ],
)
def test_bad_origins_are_refused(raw: str, fragment: str) -> None:
    with pytest.raises(OriginError, match=re.escape(fragment)):
        parse_origin(raw)


def test_origin_lists_drop_repeats_and_blanks() -> None:
    assert parse_origins("https://a.org, ,https://A.org/,http://localhost:5005") == (
        "https://a.org",
        "http://localhost:5005",
    )
    with pytest.raises(OriginError):
        parse_origins(" , ")


@pytest.mark.parametrize("header", [None, "", "null", "not an origin", "https://a.org/path"])
def test_missing_or_odd_origin_headers_are_no_origin(header: str | None) -> None:
    assert request_origin(header) is None


def test_settings_default_to_the_assistants_own_origin() -> None:
    assert Settings.from_env({}).webchat_allowed_origins == ("http://localhost:5005",)


def test_settings_read_the_allowed_origins() -> None:
    settings = Settings.from_env(
        {"WEBCHAT_ALLOWED_ORIGINS": "https://www.Family-Help.org/, " + OWN}
    )
    assert settings.webchat_allowed_origins == (SITE, OWN)


@pytest.mark.parametrize(
    ("value", "environment", "fragment"),
    [
        pytest.param("*", "development", "'*'", id="wildcard"),
        pytest.param("https://a.org/chat", "development", "path", id="a path"),
        pytest.param("http://family-help.org", "production", "https://", id="plain http"),
        pytest.param("https://www.example.org", "production", "placeholder", id="placeholder"),
    ],
)
def test_settings_refuse_bad_origins(value: str, environment: str, fragment: str) -> None:
    with pytest.raises(SettingsError, match="WEBCHAT_ALLOWED_ORIGINS") as raised:
        Settings.from_env({"WEBCHAT_ALLOWED_ORIGINS": value, "ENVIRONMENT": environment})
    assert fragment in str(raised.value)


def test_production_accepts_https_sites_and_local_http() -> None:
    settings = Settings.from_env(
        {"WEBCHAT_ALLOWED_ORIGINS": f"{SITE},http://127.0.0.1:5005", "ENVIRONMENT": "production"}
    )
    assert settings.webchat_allowed_origins == (SITE, "http://127.0.0.1:5005")
