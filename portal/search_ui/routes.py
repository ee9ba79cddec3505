"""The /search results page: the same query parsing and service as GET /api/v1/search, rendered as HTML."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template, request

from portal import clock
from portal.extensions import db
from portal.indexing.backend import get_backend
from portal.search_args import SEARCH_TYPES, InvalidArgument, parse_search_args
from portal.search_ui import certificate, services

bp = Blueprint("search_ui", __name__)
certificate.register(bp)  # /search/certificate: issue a 查询结果证明 of a search (its own URL table)


@bp.get("/search")
def search_page() -> Any:
    text = (request.args.get("q") or "").strip()
    if not text:
        return render_template("search_ui/search.html", q="", page=None, query=None, error=None, types=SEARCH_TYPES)
    try:
        query = parse_search_args(request.args)
    except InvalidArgument as exc:
        return render_template(
            "search_ui/search.html", q=text[:200], page=None, query=None, error=exc.message, types=SEARCH_TYPES
        ), 400
    page = services.search(db.session, get_backend(), query, today=clock.today(),
                           cache=services.search_cache(current_app))  # fmt: skip
    return render_template("search_ui/search.html", q=text, page=page, query=query, error=None, types=SEARCH_TYPES)
