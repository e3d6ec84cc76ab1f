"""Cross-origin rules of the chat widget's routes: only the allowed websites, decided here.

`rasa run --cors ...` installs sanic-cors for the whole server. On the webchat routes its headers
are replaced by these (instead of being added to, which would send two Access-Control-Allow-Origin
headers that browsers refuse), so WEBCHAT_ALLOWED_ORIGINS alone decides who may use the chat.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from sanic import response
from sanic.response import HTTPResponse

from ..errors import json_error

ALLOWED_METHOD = "POST"
ALLOWED_HEADERS = "Content-Type"
PREFLIGHT_MAX_AGE_SECONDS = 600
NOT_ALLOWED = (
    "This website is not allowed to use the chat. The site's owner can add it to "
    "WEBCHAT_ALLOWED_ORIGINS on the assistant's server."
)


def cors_headers(origin: str | None, allowed: Collection[str]) -> dict[str, str]:
    """Headers that let `origin` read a response, if it is allowed (always `Vary: Origin`)."""
    headers = {"Vary": "Origin"}
    if origin is not None and origin in allowed:
        headers["Access-Control-Allow-Origin"] = origin
    return headers


def replace_cors_headers(target: HTTPResponse, headers: Mapping[str, str]) -> None:
    """Drop every Access-Control-* and Vary header already on `target`, then set `headers`."""
    for name in list(target.headers.keys()):
        if name.lower().startswith("access-control-") or name.lower() == "vary":
            del target.headers[name]
    for name, value in headers.items():
        target.headers[name] = value


def preflight(
    origin: str | None, allowed: Collection[str], requested_method: str | None
) -> HTTPResponse:
    """The answer to a browser's OPTIONS preflight for a POST from `origin`."""
    if origin is None or origin not in allowed:
        return json_error(403, NOT_ALLOWED, headers={"Vary": "Origin"})
    if (requested_method or "").strip().upper() != ALLOWED_METHOD:
        return json_error(405, "Only POST is accepted here.", headers={"Vary": "Origin"})
    return response.empty(
        status=204,
        headers={
            **cors_headers(origin, allowed),
            "Access-Control-Allow-Methods": ALLOWED_METHOD,
            "Access-Control-Allow-Headers": ALLOWED_HEADERS,
            "Access-Control-Max-Age": str(PREFLIGHT_MAX_AGE_SECONDS),
        },
    )
