"""Public views of the staff-edited pages: an index per section (newest first, paged) and the page itself."""

from __future__ import annotations

from flask import abort, render_template, request

from portal import clock
from portal.cms import services
from portal.cms.forms import KIND_LABELS
from portal.cms.render import render_markdown
from portal.extensions import db
from portal.models.cms import PageKind

INDEX_ENDPOINTS = {PageKind.POLICY: "cms.policies", PageKind.NEWS: "cms.news", PageKind.GUIDE: "public.guides"}
PAGE_ENDPOINTS = {PageKind.POLICY: "cms.policy", PageKind.NEWS: "cms.news_item", PageKind.GUIDE: "cms.guide"}
MAX_PAGE = 10_000


def _page_number() -> int:
    raw = request.args.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        abort(404)  # a malformed or absurd page number is simply not a page of this index
    return int(raw)


def render_index(kind: PageKind):  # type: ignore[no-untyped-def]
    """The index of one section; public.guides calls it too, so /guides keeps its endpoint name."""
    pages = services.published_pages(db.session, kind, clock.today(), _page_number())
    if pages.page > pages.pages:
        abort(404)
    return render_template("cms/index.html", kind=kind.value, pages=pages, title=KIND_LABELS[kind.value],
                           index_endpoint=INDEX_ENDPOINTS[kind], page_endpoint=PAGE_ENDPOINTS[kind])  # fmt: skip


def _show(kind: PageKind, slug: str):  # type: ignore[no-untyped-def]
    page = services.published_page(db.session, kind, slug, clock.today())
    if page is None:
        abort(404)  # unknown, draft and not-yet-dated pages answer alike
    return render_template("cms/page.html", page=page, body=render_markdown(page.body), section=KIND_LABELS[kind.value],
                           index_endpoint=INDEX_ENDPOINTS[kind])  # fmt: skip


def policies():  # type: ignore[no-untyped-def]
    return render_index(PageKind.POLICY)


def news():  # type: ignore[no-untyped-def]
    return render_index(PageKind.NEWS)


def policy(slug: str):  # type: ignore[no-untyped-def]
    return _show(PageKind.POLICY, slug)


def news_item(slug: str):  # type: ignore[no-untyped-def]
    return _show(PageKind.NEWS, slug)


def guide(slug: str):  # type: ignore[no-untyped-def]
    return _show(PageKind.GUIDE, slug)
