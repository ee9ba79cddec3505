"""The API blueprint and its URL table, the only place /api/v1 routes are added; views live per resource."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from portal.api import authorised, chat, joint, openapi, push, search, subjects, submissions

bp = Blueprint("api", __name__)
CHECK_ID = "int(max=2147483647)"  # larger ids cannot exist (and would overflow SQLite's integer binding)

URLS: list[tuple[str, str, Any, list[str]]] = [
    ("/search", "search", search.search, ["GET"]),
    ("/suggest", "suggest", search.suggest, ["GET"]),
    ("/chat", "chat", chat.chat_message, ["POST"]),
    ("/joint/checks", "joint_check", joint.check_one, ["POST"]),
    ("/joint/checks/batch", "joint_check_batch", joint.check_batch, ["POST"]),
    (f"/joint/checks/<{CHECK_ID}:check_id>/feedback", "joint_feedback", joint.submit_feedback, ["POST"]),
    ("/joint/changes", "joint_changes", joint.list_changes, ["GET"]),
    ("/records/<kind>", "push_records", push.push_records, ["POST"]),
    ("/authorised-checks", "authorised_check", authorised.check_json, ["POST"]),
    ("/authorised-checks/pdf", "authorised_check_pdf", authorised.check_pdf, ["POST"]),
    ("/openapi.json", "openapi", openapi.openapi_json, ["GET"]),
    ("/docs", "docs", openapi.docs, ["GET"]),
    ("/subjects/<uscc>", "subject", subjects.subject_by_uscc, ["GET"]),
    ("/subjects/p/<public_id>", "subject_by_id", subjects.subject_by_public_id, ["GET"]),
    ("/submissions/<tracking_no>", "submission", submissions.submission_status, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
