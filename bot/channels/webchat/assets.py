"""The files the chat widget needs, served by the assistant itself (no CDN).

Only the files named here can be fetched: the widget's own (`static/`) and two browser
libraries from `node_modules/` (installed by `make assets`). Each file is read once, then served
from memory with its content type, a cache lifetime and an ETag.
"""

from __future__ import annotations

import hashlib
import html
import string
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
STATIC = Path(__file__).resolve().with_name("static")
NODE_MODULES = ROOT / "node_modules"

JAVASCRIPT = "text/javascript; charset=utf-8"
CSS = "text/css; charset=utf-8"
HTML = "text/html; charset=utf-8"
# The widget's own files change with a deployment; the libraries only with package-lock.json.
WIDGET_MAX_AGE_SECONDS = 300
VENDOR_MAX_AGE_SECONDS = 86_400

MISSING_VENDOR = (
    "The chat's browser libraries are not installed on this server: run `make assets` "
    "(npm ci) in the project directory, then restart the assistant."
)


@dataclass(frozen=True)
class Asset:
    """A file that may be served, and how."""

    path: Path
    content_type: str
    max_age: int
    vendor: bool = False


ASSETS: dict[str, Asset] = {
    "widget.js": Asset(STATIC / "widget.js", JAVASCRIPT, WIDGET_MAX_AGE_SECONDS),
    "widget.css": Asset(STATIC / "widget.css", CSS, WIDGET_MAX_AGE_SECONDS),
    "demo.css": Asset(STATIC / "demo.css", CSS, WIDGET_MAX_AGE_SECONDS),
    "vendor/marked.esm.js": Asset(
        NODE_MODULES / "marked" / "lib" / "marked.esm.js",
        JAVASCRIPT,
        VENDOR_MAX_AGE_SECONDS,
        vendor=True,
    ),
    "vendor/purify.es.mjs": Asset(
        NODE_MODULES / "dompurify" / "dist" / "purify.es.mjs",
        JAVASCRIPT,
        VENDOR_MAX_AGE_SECONDS,
        vendor=True,
    ),
}
DEMO_PAGE = STATIC / "demo.html"


class AssetMissing(FileNotFoundError):
    """A file the widget needs is not on disk; the message says how to fix it."""


@dataclass(frozen=True)
class Loaded:
    """A file's bytes and the headers to send with them."""

    body: bytes
    etag: str
    asset: Asset

    def headers(self) -> dict[str, str]:
        """Caching and type headers for this file."""
        return {
            "Cache-Control": f"public, max-age={self.asset.max_age}",
            "ETag": self.etag,
            "X-Content-Type-Options": "nosniff",
        }


class AssetCache:
    """Reads each asset once; a missing file is looked for again on the next request."""

    def __init__(self, assets: dict[str, Asset] | None = None) -> None:
        self._assets = ASSETS if assets is None else assets
        self._loaded: dict[str, Loaded] = {}

    def names(self) -> tuple[str, ...]:
        """The names that can be requested (relative to /webhooks/webchat/)."""
        return tuple(self._assets)

    def get(self, name: str) -> Loaded | None:
        """The asset called `name`, None if there is no such asset; AssetMissing if not on disk."""
        if name in self._loaded:
            return self._loaded[name]
        asset = self._assets.get(name)
        if asset is None:
            return None
        try:
            body = asset.path.read_bytes()
        except FileNotFoundError as error:
            message = MISSING_VENDOR if asset.vendor else f"{asset.path.name} is missing"
            raise AssetMissing(message) from error
        loaded = Loaded(body, f'"{hashlib.sha256(body).hexdigest()[:32]}"', asset)
        self._loaded[name] = loaded
        return loaded


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """True when the browser's If-None-Match names `etag` (so a 304 will do)."""
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag in tags or "*" in tags


def demo_page(organisation: str) -> str:
    """The demo page's HTML, naming `organisation` (escaped)."""
    template = string.Template(DEMO_PAGE.read_text(encoding="utf-8"))
    return template.substitute(organisation=html.escape(organisation))
