"""The public URL patterns, defined once: blueprints register their routes from this table, and links made outside
a request (search documents, chat replies, e-mails, feeds) are formatted from the same rules.

Only patterns live here, no views, so any layer may import it. Inside a request, prefer `url_for` with the same
endpoint (it also honours a script root); `path()` is for code that has no request.
"""

from __future__ import annotations

from typing import Any

from werkzeug.routing import Map, Rule

ID = "int(min=1, max=2147483647)"  # ids beyond 32 bits are simply not found (no overflow error)
CATEGORY = "any(redlist, blacklist, watchlist)"
FORMAT = "any(csv, xlsx)"

# endpoint -> rule. Endpoint names are the blueprint-qualified names `url_for` uses.
RULES: dict[str, str] = {
    # public blueprint: site pages
    "public.home": "/",
    "public.set_language": "/lang/<code>",
    "public.care_mode": "/care-mode",
    "public.about": "/about",
    "public.privacy": "/privacy",
    "public.accessibility": "/accessibility",
    "public.guides": "/guides",
    "public.guide": "/guides/<any(objection, complaint, repair, publicity):slug>",
    "public.sitemap": "/sitemap",
    "public.statistics": "/statistics",
    # (public.statistics_csv is added by the statistics view with its table names)
    # public blueprint: records (one group per kind; portal/kinds.py names these endpoints)
    "public.penalties": "/penalties",
    "public.penalty": f"/penalties/<{ID}:record_id>",
    "public.penalties_export": f"/penalties/export.<{FORMAT}:fmt>",
    "public.permits": "/permits",
    "public.permit": f"/permits/<{ID}:record_id>",
    "public.permits_export": f"/permits/export.<{FORMAT}:fmt>",
    "public.coercions": "/coercions",
    "public.coercion": f"/coercions/<{ID}:record_id>",
    "public.coercions_export": f"/coercions/export.<{FORMAT}:fmt>",
    "public.honours": "/honours",
    "public.honour": f"/honours/<{ID}:record_id>",
    "public.honours_export": f"/honours/export.<{FORMAT}:fmt>",
    "public.commitments": "/commitments",
    "public.commitment": f"/commitments/<{ID}:record_id>",
    "public.commitments_export": f"/commitments/export.<{FORMAT}:fmt>",
    "public.ratings": "/ratings",
    "public.rating": f"/ratings/<{ID}:record_id>",
    "public.ratings_export": f"/ratings/export.<{FORMAT}:fmt>",
    "public.inspections": "/inspections",
    "public.inspection": f"/inspections/<{ID}:record_id>",
    "public.inspections_export": f"/inspections/export.<{FORMAT}:fmt>",
    "public.subject": "/subjects/<uscc>",
    "public.subject_by_id": "/subjects/p/<public_id>",
    "public.lists": "/lists",
    "public.list_category": f"/lists/<{CATEGORY}:category>",
    "public.list_category_export": f"/lists/<{CATEGORY}:category>/export.<{FORMAT}:fmt>",
    "public.list_type": f"/lists/type/<{ID}:type_id>",
    "public.list_type_export": f"/lists/type/<{ID}:type_id>/export.<{FORMAT}:fmt>",
    "public.list_entry": f"/lists/entries/<{ID}:record_id>",
    # submissions blueprint
    "submissions.index": "/submissions",
    "submissions.objection": "/objections/new",
    "submissions.complaint": "/complaints/new",
    "submissions.repair": "/repairs/new",
    "submissions.repair_results": "/repairs/results",
    "submissions.track": "/track",
    # follows blueprint
    "follows.follow": "/subjects/p/<public_id>/follow",
    "follows.sent": "/subjects/p/<public_id>/follow/sent",
    "follows.feed": "/subjects/p/<public_id>/feed.atom",
    "follows.feed_by_uscc": "/subjects/<uscc>/feed.atom",
    "follows.confirm": "/follows/confirm/<token>",
    "follows.unsubscribe": "/follows/unsubscribe/<token>",
    "follows.unsubscribe_all": "/follows/unsubscribe-all/<token>",
}

_ADAPTER = Map([Rule(rule, endpoint=endpoint) for endpoint, rule in RULES.items()]).bind("localhost")


def rule(endpoint: str) -> str:
    """The URL rule of a blueprint-qualified endpoint (KeyError for an endpoint not in the table)."""
    return RULES[endpoint]


def path(endpoint: str, **values: Any) -> str:
    """The site-relative path of an endpoint, without a request (extra values become the query string)."""
    return _ADAPTER.build(endpoint, values)


def register(bp: Any, views: dict[str, Any], *, methods: dict[str, list[str]] | None = None) -> None:
    """Add the routes of blueprint `bp` from the table: `views` maps its short endpoint names to view functions."""
    for name, view in views.items():
        bp.add_url_rule(rule(f"{bp.name}.{name}"), name, view, methods=(methods or {}).get(name, ["GET"]))
