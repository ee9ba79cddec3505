"""The API blueprint and its URL table; the views live in one module per resource."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from portal.api import search

bp = Blueprint("api", __name__)

URLS: list[tuple[str, str, Any]] = [
    ("/search", "search", search.search),
    ("/suggest", "suggest", search.suggest),
]
for rule, endpoint, view in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=["GET"])
