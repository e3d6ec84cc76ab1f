"""Browser libraries from node_modules (installed by `make assets`), served by the console."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, send_from_directory
from werkzeug.wrappers import Response

ROOT = Path(__file__).resolve().parents[3]
# Only these files, never the rest of node_modules.
VENDOR_FILES = {
    "chart.umd.min.js": ROOT / "node_modules" / "chart.js" / "dist",
}

bp = Blueprint("assets", __name__, url_prefix="/vendor")


@bp.route("/<name>")
def vendor(name: str) -> Response:
    """One of VENDOR_FILES, cached by the browser for a day."""
    directory = VENDOR_FILES.get(name)
    if directory is None or not (directory / name).is_file():
        abort(404)
    return send_from_directory(directory, name, max_age=86400, mimetype="text/javascript")
