"""GET /api/v1/search and /api/v1/suggest (CONTRACT.md): parse, call the search service, serialise."""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify, request

from portal import clock
from portal.api.errors import bad_request
from portal.extensions import db
from portal.indexing.backend import get_backend
from portal.search_args import InvalidArgument, parse_search_args, positive_int, query_text
from portal.search_ui import services
from search.contract import Hit, Query, ResultPage


def search() -> Any:
    try:
        query = parse_search_args(request.args)
    except InvalidArgument as exc:
        return bad_request(exc)
    page = services.search(db.session, get_backend(), query, today=clock.today(),
                           cache=services.search_cache(current_app))  # fmt: skip
    return jsonify(page_json(query, page))


def suggest() -> Any:
    try:
        text = query_text(request.args)
        limit = min(positive_int(request.args, "limit", 10), 20)
    except InvalidArgument as exc:
        return bad_request(exc)
    found = services.suggest(db.session, get_backend(), text, today=clock.today(), limit=limit)
    return jsonify({"query": text, "suggestions": [{"name": s.title, "uscc": s.uscc, "url": s.url} for s in found]})


def hit_json(hit: Hit) -> dict[str, Any]:
    return {
        "type": hit.type,
        "id": hit.id,
        "title": hit.title,
        "subject_name": hit.subject_name,
        "uscc": hit.uscc,
        "date": hit.date.isoformat() if hit.date else None,
        "url": hit.url,
        "highlight": str(hit.highlight),
    }


def page_json(query: Query, page: ResultPage) -> dict[str, Any]:
    return {
        "query": query.text,
        "total": page.total,
        "total_exact": page.total_exact,
        "types_exact": page.types_exact,
        "page": page.page,
        "per_page": page.per_page,
        "took_ms": page.took_ms,
        "results": [hit_json(h) for h in page.hits],
        "facets": page.facets,
        "suggestion": page.suggestion,
        "degraded": page.degraded,
        "relaxed": page.relaxed,
    }
