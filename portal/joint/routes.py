"""The /joint blueprint and its URL table (联合奖惩 for departments and the 信用办); views live in views_*.py."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from portal.joint import views_admin, views_catalogue, views_checks
from portal.joint.cli import import_measures_command

bp = Blueprint("joint", __name__)
ID = "int(max=2147483647)"  # larger ids cannot exist (and would overflow SQLite's integer binding)

URLS: list[tuple[str, str, Any, list[str]]] = [
    ("/", "index", views_checks.index, ["GET"]),
    ("/checks/new", "new_check", views_checks.new_check, ["GET", "POST"]),
    (f"/checks/<{ID}:check_id>", "check", views_checks.check, ["GET"]),
    (f"/checks/<{ID}:check_id>.csv", "check_csv", views_checks.check_csv, ["GET"]),
    (f"/checks/<{ID}:check_id>/feedback", "feedback", views_checks.record_feedback, ["POST"]),
    ("/catalogue", "catalogue", views_catalogue.catalogue, ["GET"]),
    ("/catalogue/measures/new", "new_measure", views_catalogue.edit_measure, ["GET", "POST"]),
    (f"/catalogue/measures/<{ID}:measure_id>/edit", "edit_measure", views_catalogue.edit_measure, ["GET", "POST"]),
    (f"/catalogue/measures/<{ID}:measure_id>", "measure_history", views_catalogue.measure_history, ["GET"]),
    (f"/catalogue/measures/<{ID}:measure_id>/active/<int(min=0, max=1):active>", "set_measure_active",
     views_catalogue.set_measure_active, ["POST"]),
    ("/catalogue/list-types/new", "new_list_type", views_catalogue.edit_list_type, ["GET", "POST"]),
    (f"/catalogue/list-types/<{ID}:type_id>/edit", "edit_list_type", views_catalogue.edit_list_type, ["GET", "POST"]),
    ("/catalogue/import", "import_measures", views_catalogue.import_file, ["POST"]),
    ("/stats", "stats", views_admin.statistics, ["GET"]),
    ("/keys", "keys", views_admin.keys, ["GET", "POST"]),
    (f"/keys/<{ID}:key_id>/revoke", "revoke_key", views_admin.revoke_key, ["POST"]),
]  # fmt: skip
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
# Before the blueprint is registered: Flask adds the `joint` command group to the app only if it has commands.
bp.cli.add_command(import_measures_command)
