"""The /search results page: the same query parsing and service as GET /api/v1/search, rendered as HTML.

The 全部 and 主体 tabs group the results by subject (groups.py); the other tabs list records. Both page by number.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template, request

from portal import clock
from portal.domain.paging import pager
from portal.extensions import db
from portal.i18n import BADGE_LABELS
from portal.indexing.backend import get_backend
from portal.public.subject_counts import count_labels
from portal.reports.certificate_labels import TYPE_LABELS
from portal.search_args import SEARCH_TYPES, InvalidArgument, parse_search_args
from portal.search_ui import certificate, groups, services

bp = Blueprint("search_ui", __name__)
certificate.register(bp)  # /search/certificate: issue a 查询结果证明 of a search (its own URL table)
TEMPLATE = "search_ui/search.html"


def _render(status: int = 200, **values: Any) -> Any:
    context = {"q": "", "page": None, "grouped": None, "numbers": None, "query": None, "error": None}
    context.update(values)
    return render_template(
        TEMPLATE,
        types=SEARCH_TYPES,
        type_labels=TYPE_LABELS,
        badge_labels=BADGE_LABELS,
        count_labels=count_labels(),
        cards_per_page=groups.CARDS_PER_PAGE,
        grouped_window=groups.WINDOW,
        today_iso=clock.today().isoformat(),
        **context,
    ), status


@bp.get("/search")
def search_page() -> Any:
    text = (request.args.get("q") or "").strip()
    if not text:
        return _render()
    try:
        query = parse_search_args(request.args)
    except InvalidArgument as exc:
        return _render(400, q=text[:200], error=exc.message)
    backend, today, cache = get_backend(), clock.today(), services.search_cache(current_app)
    if groups.is_grouped(query):
        found = groups.grouped(db.session, backend, query, today=today, cache=cache)
        return _render(q=text, page=found.result, grouped=found, numbers=found.pager, query=query)
    page = services.search(db.session, backend, query, today=today, cache=cache)
    return _render(q=text, page=page, numbers=pager(page.page, page.total, page.per_page), query=query)
