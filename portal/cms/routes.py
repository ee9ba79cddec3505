"""The cms blueprint's URL table: public sections (/policies, /news, /guides/<slug>) and /review/pages for staff.

/guides itself stays the public blueprint's endpoint (public.guides), which renders this package's guide index.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from portal.cms import views_public, views_staff

bp = Blueprint("cms", __name__)

ID = "int(min=1, max=2147483647)"
SLUG = "string(maxlength=80)"
URLS: list[tuple[str, str, Any, list[str]]] = [
    ("/policies", "policies", views_public.policies, ["GET"]),
    (f"/policies/<{SLUG}:slug>", "policy", views_public.policy, ["GET"]),
    ("/news", "news", views_public.news, ["GET"]),
    (f"/news/<{SLUG}:slug>", "news_item", views_public.news_item, ["GET"]),
    # Registered after the public blueprint: its /guides/<any(objection, …)> built-in guides match first.
    (f"/guides/<{SLUG}:slug>", "guide", views_public.guide, ["GET"]),
    ("/review/pages", "staff_index", views_staff.staff_index, ["GET"]),
    ("/review/pages/new", "staff_new", views_staff.staff_new, ["GET", "POST"]),
    (f"/review/pages/<{ID}:page_id>", "staff_edit", views_staff.staff_edit, ["GET", "POST"]),
    (f"/review/pages/<{ID}:page_id>/publish", "staff_publish", views_staff.staff_publish, ["POST"]),
    (f"/review/pages/<{ID}:page_id>/unpublish", "staff_unpublish", views_staff.staff_unpublish, ["POST"]),
    (f"/review/pages/<{ID}:page_id>/versions/<{ID}:version>", "staff_revision", views_staff.staff_revision, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
