"""OpenAPI 3.1 description of the 联合奖惩 API (portal/api/joint.py), merged into /api/v1/openapi.json.

The fragment read by portal/api/openapi.py: PATHS are path items keyed relative to the server URL /api/v1;
SCHEMAS are component schemas (referenced as #/components/schemas/<name>, defined in api_schemas.py);
SECURITY_SCHEMES are components.securitySchemes.
"""

from __future__ import annotations

from typing import Any

from portal.domain.joint import MAX_BATCH
from portal.joint.api_schemas import ID, SCHEMAS, ref
from portal.joint.changes import CURSOR_PATTERN, MAX_LIMIT

__all__ = ["PATHS", "SCHEMAS", "SECURITY_SCHEMES"]  # what openapi.py merges

SECURITY = [{"departmentApiKey": []}, {"departmentApiKeyHeader": []}]


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ref("JointError")}}}


_ERRORS = {
    "401": _error("No API key, or an unknown or revoked key."),
    "403": _error("The key lacks the scope of this endpoint."),
    "429": _error("Rate limit of the key exceeded."),
}
_BODY_ERRORS = {
    "400": _error("Malformed body or invalid values."),
    "413": _error("Body larger than 256 KB."),
    **_ERRORS,
}

SECURITY_SCHEMES: dict[str, Any] = {
    "departmentApiKey": {
        "type": "http",
        "scheme": "bearer",
        "description": "A department API key (jlk_…) created by an administrator; scopes: check, feedback, changes.",
    },
    "departmentApiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
}


def _json_body(name: str) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": ref(name)}}}


def _ok(status: str, name: str, description: str) -> dict[str, Any]:
    return {status: {"description": description, "content": {"application/json": {"schema": ref(name)}}}}


PATHS: dict[str, Any] = {
    "/joint/checks": {
        "post": {
            "operationId": "jointCheckOne",
            "summary": "信用核查 of one subject (USCC or organisation name) before an administrative act",
            "tags": ["joint"],
            "security": SECURITY,
            "requestBody": _json_body("CheckRequest"),
            "responses": {**_ok("201", "CheckResult", "The stored check with its result"), **_BODY_ERRORS},
        }
    },
    "/joint/checks/batch": {
        "post": {
            "operationId": "jointCheckBatch",
            "summary": f"信用核查 of up to {MAX_BATCH} USCCs; invalid lines are reported, not fatal",
            "tags": ["joint"],
            "security": SECURITY,
            "requestBody": _json_body("BatchCheckRequest"),
            "responses": {**_ok("201", "CheckResult", "The stored check with its result"), **_BODY_ERRORS},
        }
    },
    "/joint/checks/{check_id}/feedback": {
        "post": {
            "operationId": "jointFeedback",
            "summary": "执行反馈 on hits of a check of the key's department",
            "tags": ["joint"],
            "security": SECURITY,
            "parameters": [{"name": "check_id", "in": "path", "required": True, "schema": ID}],
            "requestBody": _json_body("FeedbackRequest"),
            "responses": {
                **_ok("200", "FeedbackResult", "Feedback recorded"),
                "404": _error("No check with this id for the key's department, or a hit of another check."),
                "409": _error("A hit appears twice, or a measure does not fit its hit (not offered, or none named)."),
                **_BODY_ERRORS,
            },
        }
    },
    "/joint/changes": {
        "get": {
            "operationId": "jointListChanges",
            "summary": "新增/变更/移出 of list entries since a moment, for downstream sync",
            "tags": ["joint"],
            "security": SECURITY,
            "parameters": [
                {"name": "since", "in": "query", "required": True, "schema": {"type": "string", "format": "date-time"}},
                {
                    "name": "limit",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 100},
                },
                {
                    "name": "cursor",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string", "pattern": CURSOR_PATTERN},
                },
            ],
            "responses": {
                **_ok("200", "ListChanges", "Changes in time order"),
                "400": _error("Invalid since, limit or cursor."),
                **_ERRORS,
            },
        }
    },
}
