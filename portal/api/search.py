"""GET /api/v1/search and /api/v1/suggest (CONTRACT.md): parse, call the search service, serialise."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from flask import current_app, jsonify, request
from flask_babel import gettext as _

from portal import clock
from portal.api.errors import BadRequest, bad_request
from portal.extensions import db
from portal.indexing.backend import get_backend
from portal.search_ui import services
from search.analysis import MAX_QUERY_CHARS
from search.base import MAX_OFFSET, MAX_PER_PAGE, TYPES, Hit, Query, ResultPage

SEARCH_TYPES = ("all", *TYPES)
MAX_FILTER_CHARS = 256
_YEAR = re.compile(r"\d{4}")


def search() -> Any:
    try:
        query = parse_search_args(request.args)
    except BadRequest as exc:
        return bad_request(exc)
    page = services.search(db.session, get_backend(), query, today=clock.today(),
                           cache=services.search_cache(current_app))  # fmt: skip
    return jsonify(page_json(query, page))


def suggest() -> Any:
    try:
        text = _query_text(request.args)
        limit = min(_positive_int(request.args, "limit", 10), 20)
    except BadRequest as exc:
        return bad_request(exc)
    found = services.suggest(get_backend(), text, today=clock.today(), limit=limit)
    return jsonify({"query": text, "suggestions": [{"name": s.title, "uscc": s.uscc, "url": s.url} for s in found]})


def parse_search_args(args: Mapping[str, str]) -> Query:
    """The Query of a request's arguments; raises BadRequest (translated message) for anything out of range."""
    text = _query_text(args)
    kind = args.get("type", "all") or "all"
    if kind not in SEARCH_TYPES:
        raise BadRequest("invalid_type", _("Unknown type. Use one of: %(types)s.", types=", ".join(SEARCH_TYPES)))
    page = _positive_int(args, "page", 1)
    per_page = min(_positive_int(args, "per_page", 20), MAX_PER_PAGE)
    if (page - 1) * per_page > MAX_OFFSET:
        raise BadRequest("invalid_page", _("Only the first %(count)s results can be paged through.", count=MAX_OFFSET))
    filters: dict[str, str] = {}
    for key in ("department", "year", "list_name", "category"):
        value = (args.get(key) or "").strip()
        if not value:
            continue
        if len(value) > MAX_FILTER_CHARS or (key == "year" and not _YEAR.fullmatch(value)):
            raise BadRequest("invalid_filter", _("The filter %(name)s has an invalid value.", name=key))
        filters[key] = value
    return Query(text, type=kind, filters=filters, page=page, per_page=per_page)


def _query_text(args: Mapping[str, str]) -> str:
    text = args.get("q")
    if text is None:
        raise BadRequest("missing_query", _("The parameter q is required."))
    text = text.strip()
    if len(text) > MAX_QUERY_CHARS:
        raise BadRequest("query_too_long", _("The query is longer than %(max)s characters.", max=MAX_QUERY_CHARS))
    return text


def _positive_int(args: Mapping[str, str], name: str, default: int) -> int:
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6 or int(raw) < 1:
        raise BadRequest(f"invalid_{name}", _("The parameter %(name)s must be a positive whole number.", name=name))
    return int(raw)


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
        "page": page.page,
        "per_page": page.per_page,
        "took_ms": page.took_ms,
        "results": [hit_json(h) for h in page.hits],
        "facets": page.facets,
        "suggestion": page.suggestion,
        "degraded": page.degraded,
        "relaxed": page.relaxed,
    }
