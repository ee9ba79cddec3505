"""JSON Schemas (OpenAPI 3.1 components) of the public API's bodies, built from the constants the views enforce.

Kept apart from portal/api/openapi.py (paths, merge, serving) so each module stays readable. Responses allow extra
properties: a new field is an addition, not a break; every field listed here is one the views always send.
"""

from __future__ import annotations

from typing import Any

from portal.chat.intents import INTENTS
from portal.chat.services import MAX_MESSAGE
from portal.domain.kinds import INSPECTION_RESULTS, INSPECTION_TYPES, RATING_GRADES, ListCategory, SubjectKind
from portal.domain.publicity import VISIBLE_STATUSES, Severity
from portal.domain.states import SubmissionKind, SubmissionStatus
from search.contract import TYPES

# Some character that is not white space in the server's sense (Python's str.strip) nor in the schema's
# (ECMAScript regex): \x1c-\x1f and NEL are white space only to Python, so a message of them alone is refused.
NOT_BLANK = r"[^\s\x1c-\x1f\x85]"

REPLY_TYPES = ("text", "faq", "entity_result", "status", "clarify", "handoff")
CARD_TYPES = ("subject", "record", "submission", "link")

STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
DATE = {"type": "string", "format": "date"}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties: dict[str, Any], *, optional: tuple[str, ...] = (), description: str | None = None) -> dict:  # type: ignore[type-arg]
    """An object schema whose listed properties are all required except `optional`."""
    out: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": [k for k in properties if k not in optional],
    }
    if description:
        out["description"] = description
    return out


def _values(enum: Any) -> list[str]:
    return sorted(str(m.value) for m in enum)


def _record_base() -> dict[str, Any]:
    return {
        "id": {"type": "integer"},
        "status": {
            "type": "string",
            "enum": sorted(str(s.value) for s in VISIBLE_STATUSES),
            "description": "under_objection = 异议处理中, still public with the mark",
        },
        "date": {**DATE, "description": "decision or listing date"},
        "public_until": {**NULLABLE_DATE, "description": "last day of publicity (inclusive); null = open-ended"},
        "authority": STRING,
        "url": {**STRING, "description": "path of the record page on this site"},
    }


def schemas() -> dict[str, Any]:
    """components.schemas of the public endpoints."""
    return {
        "Error": obj(
            {
                "error": obj(
                    {
                        "code": {**STRING, "description": "stable machine-readable code"},
                        "message": {**STRING, "description": "in the language of the request"},
                    }
                )
            },
            description="Every 4xx answer of the API; never a stack trace.",
        ),
        "SearchHit": obj(
            {
                "type": {"type": "string", "enum": list(TYPES)},
                "id": STRING,
                "title": STRING,
                "subject_name": {**STRING, "description": "as published; persons masked"},
                "uscc": NULLABLE_STRING,
                "date": NULLABLE_DATE,
                "url": STRING,
                "highlight": {**STRING, "description": "HTML-escaped text with <mark> around the matches"},
            }
        ),
        "SearchPage": obj(
            {
                "query": STRING,
                "total": {"type": "integer", "minimum": 0,
                          "description": "number of public matches: exact, or a lower bound when total_exact is false"},
                "total_exact": {"type": "boolean",
                                "description": "false when the search engine stopped counting at its cap (10,000 with"
                                               " the postgres backend): total and facet counts are lower bounds"},
                "types_exact": {"type": "boolean",
                                "description": "false when the counts of facets.type are lower bounds (the same cap)"},
                "page": {"type": "integer", "minimum": 1},
                "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
                "took_ms": {"type": "number", "minimum": 0},
                "results": {"type": "array", "items": ref("SearchHit")},
                "facets": {
                    "type": "object",
                    "additionalProperties": {
                        "type": "object",
                        "additionalProperties": {"type": "integer", "minimum": 0},
                    },
                },
                "suggestion": {**NULLABLE_STRING, "description": "did you mean, when nothing was found"},
                "degraded": {"type": "boolean", "description": "served by the database fallback (index rebuilding)"},
                "relaxed": {"type": "boolean", "description": "no exact match: hits hold every word in any order"},
            },
            optional=("relaxed",),
        ),
        "SuggestPage": obj(
            {
                "query": STRING,
                "suggestions": {
                    "type": "array",
                    "items": obj({"name": STRING, "uscc": NULLABLE_STRING, "url": STRING}),
                },
            }
        ),
        "PenaltyRecord": obj(
            {
                **_record_base(),
                "decision_no": {**STRING, "description": "行政处罚决定书文号"},
                "violation_type": STRING,
                "severity": {"type": "string", "enum": _values(Severity)},
                "punishment_types": {"type": "array", "items": STRING},
            }
        ),
        "PermitRecord": obj(
            {
                **_record_base(),
                "doc_no": STRING,
                "doc_title": STRING,
                "category": NULLABLE_STRING,
                "state": {**NULLABLE_STRING, "description": "1 有效 (valid), 2 无效 (invalid)"},
            }
        ),
        "CoercionRecord": obj(
            {
                **_record_base(),
                "decision_no": STRING,
                "reason": STRING,
                "coercion_types": {"type": "array", "items": STRING, "description": "强制类别 (data-standard §12)"},
                "state": {"type": "string", "enum": ["in_force", "lifted"]},
            }
        ),
        "HonourRecord": obj(
            {
                **_record_base(),
                "doc_no": STRING,
                "honour_name": STRING,
                "level": {**NULLABLE_STRING, "description": "荣誉等级 (data-standard §13)"},
                "valid_until": {**NULLABLE_DATE, "description": "null = long-term or not given"},
            }
        ),
        "CommitmentRecord": obj(
            {
                **_record_base(),
                "code": {**STRING, "description": "承诺编码, or the 承诺事由 when no code was given"},
                "matter": STRING,
                "type": STRING,
                "state": {"type": "string", "enum": ["履行中", "全部履行", "部分履行", "全部未履行"]},
            }
        ),
        "ListEntryRecord": obj(
            {
                **_record_base(),
                "category": {"type": "string", "enum": _values(ListCategory)},
                "list_name": STRING,
                "reason": STRING,
                "basis": NULLABLE_STRING,
                "valid_until": {**NULLABLE_DATE, "description": "null = open-ended or 长期"},
                "doc_no": {**NULLABLE_STRING, "description": "认定文书号 (recognition document number)"},
            }
        ),
        "RatingRecord": obj(
            {
                **_record_base(),
                "title": {**STRING, "description": "评价体系 (or 评价体系说明) and 评价年度 or 评价日期"},
                "scheme": {"type": "string", "enum": list(RATING_GRADES), "description": "评价体系"},
                "grade": {**STRING, "description": "评价等级 of the scheme (data-standard §11)"},
                "year": {"type": ["integer", "null"], "description": "评价年度"},
                "valid_until": {**NULLABLE_DATE, "description": "有效期至 as given; null = the scheme's default"},
            }
        ),
        "InspectionRecord": obj(
            {
                **_record_base(),
                "inspection_no": {**STRING, "description": "检查编号"},
                "matters": {**STRING, "description": "检查任务名称, or 检查事项 when no task was named"},
                "inspection_type": {"type": "string", "enum": list(INSPECTION_TYPES)},
                "result": {"type": "string", "enum": list(INSPECTION_RESULTS)},
            }
        ),
        "SubjectProfile": obj(
            {
                "name": {**STRING, "description": "natural persons and personal-name businesses are masked"},
                "uscc": {**NULLABLE_STRING, "description": "null for natural persons"},
                "kind": {"type": "string", "enum": _values(SubjectKind)},
                "legal_rep": {**NULLABLE_STRING, "description": "always masked (张*)"},
                "public_id": {**STRING, "description": "opaque id, never derived from an ID number"},
                "url": STRING,
                "counts": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
                "truncated": {
                    "type": "boolean",
                    "description": "more than 100 records of a kind: the newest are listed",
                },
                "penalties": {"type": "array", "items": ref("PenaltyRecord")},
                "permits": {"type": "array", "items": ref("PermitRecord")},
                "lists": {"type": "array", "items": ref("ListEntryRecord")},
                "coercions": {"type": "array", "items": ref("CoercionRecord")},
                "honours": {"type": "array", "items": ref("HonourRecord")},
                "commitments": {"type": "array", "items": ref("CommitmentRecord")},
                "ratings": {"type": "array", "items": ref("RatingRecord")},
                "inspections": {"type": "array", "items": ref("InspectionRecord")},
            }
        ),
        "SubmissionStatus": obj(
            {
                "tracking_no": STRING,
                "kind": {"type": "string", "enum": _values(SubmissionKind)},
                "status": {"type": "string", "enum": _values(SubmissionStatus)},
                "submitted_at": {"type": "string", "format": "date-time"},
                "due_date": DATE,
                "history": {
                    "type": "array",
                    "items": obj(
                        {
                            "status": {"type": "string", "enum": _values(SubmissionStatus)},
                            "at": {"type": "string", "format": "date-time"},
                        }
                    ),
                },
            }
        ),
        "ChatRequest": obj(
            {
                "session_id": {
                    **NULLABLE_STRING,
                    "description": "from an earlier answer; omit it (or send null or "
                    "an unknown id) to start a new conversation",
                },
                "message": {**STRING, "minLength": 1, "maxLength": MAX_MESSAGE, "pattern": NOT_BLANK},
            },
            optional=("session_id",),
        ),
        "ChatCard": obj(
            {
                "type": {"type": "string", "enum": list(CARD_TYPES)},
                "title": STRING,
                "url": STRING,
                "data": {"type": "object"},
            }
        ),
        "ChatResponse": obj(
            {
                "session_id": STRING,
                "reply": obj({"type": {"type": "string", "enum": list(REPLY_TYPES)}, "text": STRING}),
                "intent": {"type": "string", "enum": list(INTENTS)},
                "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                "cards": {"type": "array", "items": ref("ChatCard")},
                "suggestions": {"type": "array", "items": obj({"title": STRING, "payload": STRING})},
                "sources": {"type": "array", "items": obj({"title": STRING, "url": STRING})},
            }
        ),
    }
