"""The /supervision blueprint and its URL table (分级分类监管 and 双随机 draws, DOMAIN §20)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from portal.supervision import views_draws, views_grading

bp = Blueprint("supervision", __name__)
ID = "int(max=2147483647)"

URLS: list[tuple[str, str, Any, list[str]]] = [
    ("/", "index", views_grading.index, ["GET"]),
    ("/rules", "rules", views_grading.rules, ["GET"]),
    ("/rules/edit", "edit_rules", views_grading.edit_rules, ["GET", "POST"]),
    ("/treatments", "treatments", views_grading.treatments, ["GET", "POST"]),
    ("/stats", "stats", views_grading.statistics, ["GET"]),
    ("/subjects", "subject", views_grading.subject_grade, ["GET"]),
    ("/draws", "draws", views_draws.draw_list, ["GET"]),
    ("/draws/new", "new_draw", views_draws.new_draw, ["GET", "POST"]),
    (f"/draws/<{ID}:draw_id>", "draw", views_draws.draw, ["GET"]),
    (f"/draws/<{ID}:draw_id>.csv", "draw_csv", views_draws.draw_csv, ["GET"]),
    (f"/draws/<{ID}:draw_id>.xlsx", "draw_xlsx", views_draws.draw_xlsx, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
