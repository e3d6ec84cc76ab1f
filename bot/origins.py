"""Web origins (scheme://host[:port]) for the chat widget's allow-list: parsed, compared, pure.

Used by `bot.settings` (WEBCHAT_ALLOWED_ORIGINS) and the webchat channel (the `Origin` header), so
both spell an origin the same way: lower case, no trailing slash, no default port. It sits beside
the settings, at the bottom of the import layers (tests/test_imports.py): it imports nothing of ours.
"""

from __future__ import annotations

from urllib.parse import urlsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class OriginError(ValueError):
    """A value that is not one web origin; the message says what is wrong."""


def parse_origin(value: str) -> str:
    """The canonical form of `value`, e.g. "https://Family.org:443/" -> "https://family.org"."""
    text = value.strip()
    if text == "*":
        raise OriginError("'*' would let any website use the chat; list the websites instead")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise OriginError(f"{text!r} is not a web address") from error
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in _DEFAULT_PORTS or not host or any(c.isspace() for c in text):
        raise OriginError(f"{text!r} must look like https://www.your-site.org")
    if parts.username is not None or parts.password is not None:
        raise OriginError(f"{text!r} must not contain a user name or password")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise OriginError(
            f"{text!r} must be a site only, without a path (e.g. https://your-site.org)"
        )
    shown_host = f"[{host}]" if ":" in host else host
    if port is None or port == _DEFAULT_PORTS[scheme]:
        return f"{scheme}://{shown_host}"
    return f"{scheme}://{shown_host}:{port}"


def parse_origins(value: str) -> tuple[str, ...]:
    """Comma-separated origins, canonical and without repeats, in the order given."""
    origins: list[str] = []
    for item in value.split(","):
        if not item.strip():
            continue
        origin = parse_origin(item)
        if origin not in origins:
            origins.append(origin)
    if not origins:
        raise OriginError("list at least one website, e.g. https://www.your-site.org")
    return tuple(origins)


def request_origin(header: str | None) -> str | None:
    """The canonical origin a browser sent in its `Origin` header, or None (absent, "null", bad)."""
    if header is None or header.strip() in ("", "null"):
        return None
    try:
        return parse_origin(header)
    except OriginError:
        return None


def is_loopback(origin: str) -> bool:
    """True for an origin on this machine (http is acceptable there)."""
    host = urlsplit(origin).hostname or ""
    return host in LOOPBACK_HOSTS
