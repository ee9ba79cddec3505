"""OpenAPI fragment of the department push (portal/api/push.py), merged into /api/v1/openapi.json.

The record schema names every column of every kind in the registry (a kind's own columns are in data-standard
§4–§14); values are text, numbers or null. The security schemes are the department API's (portal/joint/api_spec.py).
"""

from __future__ import annotations

from typing import Any

from portal import kinds
from portal.domain.entry import MAX_PUSH_ITEMS
from portal.joint.api_schemas import ref
from portal.joint.api_spec import SECURITY

__all__ = ["PATHS", "SCHEMAS"]  # what portal/api/openapi.py merges

_STATUSES = ["imported", "updated", "unchanged", "rejected"]


def _columns() -> list[str]:
    return list(dict.fromkeys(c for spec in kinds.specs() for c in spec.import_format.columns))


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ref("JointError")}}}


_VALUE = {"type": ["string", "number", "null"]}
SCHEMAS: dict[str, Any] = {
    "PushRecord": {
        "type": "object",
        "description": "One record: keys are the data standard's column names of the kind; other keys are ignored "
        "with a warning.",
        "properties": {column: _VALUE for column in _columns()},
        "additionalProperties": True,
    },
    "PushBody": {
        "oneOf": [
            ref("PushRecord"),
            {"type": "array", "minItems": 1, "maxItems": MAX_PUSH_ITEMS, "items": ref("PushRecord")},
        ]
    },
    "PushItemResult": {
        "type": "object",
        "required": ["index", "status", "reasons", "warnings"],
        "properties": {
            "index": {"type": "integer", "minimum": 0},
            "status": {"type": "string", "enum": _STATUSES},
            "reasons": {"type": "array", "items": {"type": "string"}},
            "warnings": {"type": "array", "items": {"type": "string"}},
            "record_id": {"type": "integer"},
        },
    },
    "PushResult": {
        "type": "object",
        "required": ["kind", "batch_id", "summary", "items"],
        "properties": {
            "kind": {"type": "string"},
            "batch_id": {"type": ["integer", "null"]},
            "summary": {
                "type": "object",
                "required": _STATUSES,
                "properties": {s: {"type": "integer", "minimum": 0} for s in _STATUSES},
            },
            "items": {"type": "array", "items": ref("PushItemResult")},
        },
    },
}

PATHS: dict[str, Any] = {
    "/records/{kind}": {
        "post": {
            "operationId": "pushRecords",
            "summary": f"报送 of one record or a batch of up to {MAX_PUSH_ITEMS} by the key's department (scope push)",
            "description": "Each item passes the import rules of the data standard and answers with its status "
            "(imported, updated, unchanged, rejected) and reasons; the same item twice is unchanged. "
            "Only records whose 数据来源单位统一社会信用代码 is the key's department are accepted.",
            "tags": ["push"],
            "security": SECURITY,
            "parameters": [
                {
                    "name": "kind",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "enum": list(kinds.values())},
                }
            ],
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref("PushBody")}}},
            "responses": {
                "200": {
                    "description": "The outcome of every item",
                    "content": {"application/json": {"schema": ref("PushResult")}},
                },
                "400": _error("Not a JSON object or array, an empty batch, or more than the maximum of items."),
                "401": _error("No API key, or an unknown or revoked key."),
                "403": _error("The key lacks the push scope."),
                "404": _error("Unknown kind of record."),
                "413": _error("Body larger than the push limit (8 MB by default)."),
                "429": _error("Rate limit of the key exceeded."),
            },
        }
    },
}
