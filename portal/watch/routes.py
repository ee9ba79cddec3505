"""The /watch blueprint (重点监管对象筛查) and its URL table; views live in views.py."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from portal.watch import views

bp = Blueprint("watch", __name__)
ID = "int(max=2147483647)"  # larger ids cannot exist (and would overflow SQLite's integer binding)

URLS: list[tuple[str, str, Any, list[str]]] = [
    ("/", "index", views.index, ["GET"]),
    ("/lists/new", "new_list", views.new_list, ["GET", "POST"]),
    (f"/lists/<{ID}:list_id>", "watch_list", views.watch_list, ["GET"]),
    (f"/lists/<{ID}:list_id>/add", "add_subjects", views.add_subjects, ["POST"]),
    (f"/lists/<{ID}:list_id>/pick", "pick_subject", views.pick_subject, ["POST"]),
    (f"/lists/<{ID}:list_id>/entries/<{ID}:entry_id>/remove", "remove_entry", views.remove_entry, ["POST"]),
    (f"/lists/<{ID}:list_id>/delete", "delete_list", views.delete_list, ["POST"]),
    ("/hits", "hits", views.hit_list, ["GET"]),
    (f"/hits/<{ID}:hit_id>/feedback", "feedback", views.feedback, ["POST"]),
    ("/stats", "stats", views.statistics, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
