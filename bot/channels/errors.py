"""The one shape of every channel's error answer: `{"error": "<plain words>"}` with a status."""

from __future__ import annotations

from sanic import response
from sanic.response import HTTPResponse


def json_error(status: int, message: str, headers: dict[str, str] | None = None) -> HTTPResponse:
    """`{"error": message}` as JSON with `status` (and any extra headers)."""
    return response.json({"error": message}, status=status, headers=headers)
