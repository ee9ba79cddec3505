"""OpenAPI 3.1 description of the authorised check API (portal/api/authorised.py), merged into
/api/v1/openapi.json by portal/api/openapi.py (PATHS, SCHEMAS, SECURITY_SCHEMES, as portal/joint/api_spec.py)."""

from __future__ import annotations

from typing import Any

from portal.domain.uscc import USCC_RE
from portal.grants.services import MAX_CODE

__all__ = ["PATHS", "SCHEMAS", "SECURITY_SCHEMES"]

SECURITY = [{"institutionApiKey": []}, {"departmentApiKeyHeader": []}]
_OBJECT = {"type": "object"}
_DATE = {"type": "string", "format": "date"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref("JointError")}}}


_ERRORS = {
    "400": _error("Malformed body, or an invalid uscc or code."),
    "401": _error("No API key, or an unknown or revoked key."),
    "403": _error("The key lacks the authorised-check scope."),
    "404": _error("No grant in force and no public information on this subject (the public answer)."),
    "413": _error("Body larger than 256 KB."),
    "429": _error("Rate limit of the key exceeded (checks without a grant have a stricter one)."),
}
_BODY = {"required": True, "content": {"application/json": {"schema": _ref("AuthorisedCheckRequest")}}}

SECURITY_SCHEMES: dict[str, Any] = {
    "institutionApiKey": {
        "type": "http",
        "scheme": "bearer",
        "description": "An institution's API key (jlk_…) of the authorised-check scope, issued by the credit office.",
    },
}

SCHEMAS: dict[str, Any] = {
    "AuthorisedCheckRequest": {
        "type": "object",
        "required": ["uscc", "code"],
        "properties": {
            "uscc": {"type": "string", "pattern": USCC_RE.pattern},
            "code": {
                "type": "string",
                "minLength": 1,
                "maxLength": MAX_CODE,
                "description": "The grant code the subject gave the institution (SQ-XXXX-XXXX-XXXX-XXXX).",
            },
        },  # fmt: skip
    },
    "AuthorisedCheckResult": {
        "type": "object",
        "required": ["access", "grant"],
        "properties": {
            "access": {"type": "string", "enum": ["authorised", "public"]},
            "grant": {
                "type": ["object", "null"],
                "properties": {"purpose": {"type": "string"}, "valid_from": _DATE, "valid_until": _DATE},
            },
            "as_of": _DATE,
            "subject": _OBJECT,
            "sections": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["key", "records"],
                    "properties": {"key": {"type": "string"}, "records": {"type": "array", "items": _OBJECT}},
                },
            },
            "profile": {**_OBJECT, "description": "The public profile, as GET /subjects/{uscc} (access public)."},
        },
    },
}

PATHS: dict[str, Any] = {
    "/authorised-checks": {
        "post": {
            "operationId": "authorisedCheck",
            "summary": "授权查询: a subject's full record with its grant code, else the public answer",
            "tags": ["authorised"],
            "security": SECURITY,
            "requestBody": _BODY,
            "responses": {
                "200": {
                    "description": "The full record (access authorised) or the public profile (access public)",
                    "content": {"application/json": {"schema": _ref("AuthorisedCheckResult")}},
                },
                **_ERRORS,
            },  # fmt: skip
        }
    },
    "/authorised-checks/pdf": {
        "post": {
            "operationId": "authorisedCheckPdf",
            "summary": "授权查询 as a signed PDF: the full credit report with a grant in force, else the public one",
            "tags": ["authorised"],
            "security": SECURITY,
            "requestBody": _BODY,
            "responses": {
                "200": {
                    "description": "The report",
                    "content": {
                        "application/pdf": {"schema": {"type": "string", "contentMediaType": "application/pdf"}}
                    },
                },
                "503": _error("No embeddable Chinese font on the server."),
                **_ERRORS,
            },  # fmt: skip
        }
    },
}
