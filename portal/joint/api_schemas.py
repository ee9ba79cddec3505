"""JSON Schemas of the 联合奖惩 API's bodies (requests, results, errors), as components.schemas of /api/v1.

The shapes follow portal/joint/api_json.py exactly (tests/joint/test_api_spec.py validates real responses against
them); the limits are imported from the code that enforces them. The operations are in portal/joint/api_spec.py.
"""

from __future__ import annotations

from typing import Any

from portal.domain.joint import MAX_BATCH, MAX_PURPOSE, Act, FeedbackOutcome


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


_NULLABLE_STR = {"type": ["string", "null"]}
# Text as the code accepts it: no control characters (C0 except tab/line breaks, DEL, C1), and some non-space.
_NO_CONTROL = "[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]"
_TEXT_PATTERN = f"^{_NO_CONTROL}*[^\\s\\x00-\\x1f\\x7f-\\x9f]{_NO_CONTROL}*$"
MAX_ID = 2**31 - 1
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
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
            "measures": {"type": "array", "items": ref("CheckMeasure")},
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
        "required": ["line", "query", "outcome", "message", "subject", "public_records", "hits", "other_information"],
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
            "hits": {"type": "array", "items": ref("CheckHit")},
            "other_information": {"type": "array", "items": ref("CheckNote")},
        },
    },
    "CheckNote": {
        "type": "object",
        "description": "A public 行政强制 or 违诺 (role discipline: information for 失信惩戒 review) or an honour "
        "(role incentive: 守信激励) of the subject on the day of the check; no measure applies by itself.",
        "required": ["kind", "role", "title", "summary", "date", "authority"],
        "properties": {
            "kind": {"type": "string"},
            "role": {"type": "string", "enum": ["discipline", "incentive"]},
            "title": {"type": "string"},
            "summary": {"type": "string"},
            "date": _DATE,
            "authority": {"type": "string"},
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
            "results": {"type": "array", "items": ref("CheckLine")},
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
                        "hit_id": ID,
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
            "changes": {"type": "array", "items": ref("ListEntryChange")},
            "expired": {
                "type": "array",
                "items": {"type": "integer"},
                "description": "entries whose publicity ended by date since `since` (first page only)",
            },
            "next_cursor": _NULLABLE_STR,
        },
    },
}
