"""OpenAPI 3.1 description of the 联合奖惩 API (portal/api/joint.py), merged into /api/v1/openapi.json.

PATHS are path items keyed relative to the server URL /api/v1; SCHEMAS are component schemas (referenced as
#/components/schemas/<name>); SECURITY_SCHEMES are components.securitySchemes. The shapes follow
portal/joint/api_json.py exactly (tests/joint/test_api_spec.py validates real responses against them).
"""

from __future__ import annotations

from typing import Any

from portal.domain.joint import MAX_BATCH, MAX_PURPOSE, Act, FeedbackOutcome
from portal.joint.changes import CURSOR_PATTERN, MAX_LIMIT

SECURITY = [{"departmentApiKey": []}, {"departmentApiKeyHeader": []}]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref("JointError")}}}


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

_NULLABLE_STR = {"type": ["string", "null"]}
# Text as the code accepts it: no control characters (C0 except tab/line breaks, DEL, C1), and some non-space.
_NO_CONTROL = "[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]"
_TEXT_PATTERN = f"^{_NO_CONTROL}*[^\\s\\x00-\\x1f\\x7f-\\x9f]{_NO_CONTROL}*$"
MAX_ID = 2**31 - 1
_ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
_DATE = {"type": "string", "format": "date"}

SCHEMAS: dict[str, Any] = {
    "JointError": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
            }
        },
    },
    "CheckRequest": {
        "type": "object",
        "required": ["act", "purpose", "subject"],
        "properties": {
            "act": {"type": "string", "enum": [a.value for a in Act]},
            "purpose": {"type": "string", "minLength": 1, "maxLength": MAX_PURPOSE, "pattern": _TEXT_PATTERN},
            "subject": {
                "type": "string",
                "minLength": 1,
                "maxLength": 256,
                "pattern": "\\S",
                "description": "USCC or organisation name",
            },
        },
    },
    "BatchCheckRequest": {
        "type": "object",
        "required": ["act", "purpose", "usccs"],
        "properties": {
            "act": {"type": "string", "enum": [a.value for a in Act]},
            "purpose": {"type": "string", "minLength": 1, "maxLength": MAX_PURPOSE, "pattern": _TEXT_PATTERN},
            "usccs": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_BATCH,
                "items": {"type": "string", "maxLength": 64},
            },
        },
    },
    "CheckMeasure": {
        "type": "object",
        "required": ["measure_id", "item", "measure", "stage", "basis", "mode", "version"],
        "properties": {
            "measure_id": {"type": "integer"},
            "item": {"type": "string"},
            "measure": {"type": "string"},
            "stage": _NULLABLE_STR,
            "basis": _NULLABLE_STR,
            "mode": {"type": "string", "enum": ["mandatory", "recommended"]},
            "version": {"type": "integer"},
        },
    },
    "CheckHit": {
        "type": "object",
        "required": [
            "hit_id",
            "list_entry_id",
            "category",
            "list_name",
            "listed_on",
            "recognised_by",
            "suspended",
            "measures",
            "feedback",
        ],
        "properties": {
            "hit_id": {"type": "integer"},
            "list_entry_id": {"type": "integer"},
            "category": {"type": "string", "enum": ["redlist", "blacklist", "watchlist"]},
            "list_name": {"type": "string"},
            "listed_on": _DATE,
            "recognised_by": {"type": "string"},
            "suspended": {"type": "boolean", "description": "under objection: joint punishment not executed"},
            "measures": {"type": "array", "items": _ref("CheckMeasure")},
            "feedback": {
                "oneOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "required": ["outcome", "measure_id", "reason", "answered_on"],
                        "properties": {
                            "outcome": {"type": "string", "enum": [o.value for o in FeedbackOutcome]},
                            "measure_id": {"type": ["integer", "null"]},
                            "reason": _NULLABLE_STR,
                            "answered_on": _DATE,
                        },
                    },
                ]
            },
        },
    },
    "CheckLine": {
        "type": "object",
        "required": ["line", "query", "outcome", "message", "subject", "public_records", "hits"],
        "properties": {
            "line": {"type": "integer"},
            "query": {"type": "string"},
            "outcome": {"type": "string", "enum": ["found", "not_found", "invalid", "ambiguous", "duplicate"]},
            "message": _NULLABLE_STR,
            "subject": {
                "oneOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "required": ["name", "uscc"],
                        "properties": {"name": {"type": "string"}, "uscc": _NULLABLE_STR},
                    },
                ]
            },
            "public_records": {
                "type": "object",
                "required": ["penalties", "permits"],
                "properties": {"penalties": {"type": "integer"}, "permits": {"type": "integer"}},
            },
            "hits": {"type": "array", "items": _ref("CheckHit")},
        },
    },
    "CheckResult": {
        "type": "object",
        "required": [
            "check_id",
            "act",
            "purpose",
            "batch",
            "checked_at",
            "feedback_due",
            "overdue",
            "summary",
            "results",
        ],
        "properties": {
            "check_id": {"type": "integer"},
            "act": {"type": "string"},
            "purpose": {"type": "string"},
            "batch": {"type": "boolean"},
            "checked_at": {"type": "string", "format": "date-time"},
            "feedback_due": _DATE,
            "overdue": {"type": "boolean"},
            "summary": {
                "type": "object",
                "required": ["lines", "invalid", "found", "hits", "feedback"],
                "properties": {k: {"type": "integer"} for k in ("lines", "invalid", "found", "hits", "feedback")},
            },
            "results": {"type": "array", "items": _ref("CheckLine")},
        },
    },
    "FeedbackRequest": {
        "type": "object",
        "required": ["items"],
        "properties": {
            "items": {
                "type": "array",
                "minItems": 1,
                "maxItems": 1000,
                "items": {
                    "type": "object",
                    "required": ["hit_id", "outcome"],
                    "properties": {
                        "hit_id": _ID,
                        "outcome": {"type": "string", "enum": [o.value for o in FeedbackOutcome]},
                        "measure_id": {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_ID},
                        "reason": {"type": ["string", "null"], "maxLength": 1000, "pattern": f"^{_NO_CONTROL}*$"},
                    },
                    # A reason is required unless the measure was applied.
                    "if": {"properties": {"outcome": {"enum": ["not_applicable", "not_applied"]}}},
                    "then": {
                        "required": ["reason"],
                        "properties": {"reason": {"type": "string", "pattern": _TEXT_PATTERN}},
                    },
                },
            }
        },
    },
    "FeedbackResult": {
        "type": "object",
        "required": ["check_id", "hits", "feedback", "complete", "overdue"],
        "properties": {
            "check_id": {"type": "integer"},
            "hits": {"type": "integer"},
            "feedback": {"type": "integer"},
            "complete": {"type": "boolean"},
            "overdue": {"type": "boolean"},
        },
    },
    "ListEntryChange": {
        "type": "object",
        "required": ["change", "at", "entry_id", "entry"],
        "properties": {
            "change": {"type": "string", "enum": ["added", "changed", "removed"]},
            "at": {"type": "string", "format": "date-time"},
            "entry_id": {"type": "integer"},
            "entry": {
                "oneOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "required": [
                            "id",
                            "category",
                            "list_name",
                            "subject",
                            "reason",
                            "basis",
                            "doc_no",
                            "recognised_by",
                            "listed_on",
                            "valid_until",
                            "public_until",
                            "status",
                        ],
                        "properties": {
                            "id": {"type": "integer"},
                            "category": {"type": "string", "enum": ["redlist", "blacklist", "watchlist"]},
                            "list_name": {"type": "string"},
                            "subject": {
                                "type": "object",
                                "required": ["name", "uscc", "kind"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "uscc": _NULLABLE_STR,
                                    "kind": {"type": "string"},
                                },
                            },
                            "reason": {"type": "string"},
                            "basis": {"type": "string"},
                            "doc_no": {"type": "string"},
                            "recognised_by": {"type": "string"},
                            "listed_on": _DATE,
                            "valid_until": {"type": ["string", "null"], "format": "date"},
                            "public_until": {"type": ["string", "null"], "format": "date"},
                            "status": {"type": "string"},
                        },
                    },
                ]
            },
        },
    },
    "ListChanges": {
        "type": "object",
        "required": ["since", "changes", "expired", "next_cursor"],
        "properties": {
            "since": {"type": "string", "format": "date-time"},
            "changes": {"type": "array", "items": _ref("ListEntryChange")},
            "expired": {
                "type": "array",
                "items": {"type": "integer"},
                "description": "entries whose publicity ended by date since `since` (first page only)",
            },
            "next_cursor": _NULLABLE_STR,
        },
    },
}


def _json_body(name: str) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": _ref(name)}}}


def _ok(status: str, name: str, description: str) -> dict[str, Any]:
    return {status: {"description": description, "content": {"application/json": {"schema": _ref(name)}}}}


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
            "parameters": [{"name": "check_id", "in": "path", "required": True, "schema": _ID}],
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
