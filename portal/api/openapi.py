"""The OpenAPI 3.1 document of /api/v1, served at /api/v1/openapi.json and rendered at /api/v1/docs.

Paths are declared here from the limits the views enforce (imported, not copied), the bodies in openapi_schemas.py.
Fragments of other features (dicts PATHS, SCHEMAS, SECURITY_SCHEMES) are merged when their module is importable,
so the department endpoints of portal/joint/api_spec.py appear as soon as that module exists. A test checks that
every /api/v1 route is documented and fuzzes each operation with schemathesis.
"""

from __future__ import annotations

import copy
import importlib
from types import ModuleType
from typing import Any

from flask import jsonify, render_template
from flask_babel import gettext as _

from portal.api.openapi_schemas import ref, schemas
from portal.search_args import MAX_FILTER_CHARS, SEARCH_TYPES
from portal.site_identity import site_city
from search.analysis import MAX_QUERY_CHARS
from search.contract import MAX_PER_PAGE

FRAGMENT_MODULES = ("portal.joint.api_spec", "portal.api.push_spec", "portal.grants.api_spec")
JSON = "application/json"
UNDOCUMENTED = ("/api/v1/docs",)  # HTML for people, not part of the machine contract


class SpecConflict(RuntimeError):
    """Two fragments declare the same path, schema or security scheme."""


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": ref("Error")}}}


def _ok(description: str, schema: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": ref(schema)}}}


def _query(name: str, description: str, schema: dict[str, Any], *, required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "description": description, "schema": schema}


def _path(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "description": description, "schema": schema}


def _page_params() -> list[dict[str, Any]]:
    return [
        _query("page", _("Page number, from 1."), {"type": "integer", "minimum": 1, "maximum": 999999, "default": 1}),
        _query(
            "per_page",
            _("Results per page; values above %(max)s are capped.", max=MAX_PER_PAGE),
            {"type": "integer", "minimum": 1, "maximum": 999999, "default": 20},
        ),
    ]


def _q(description: str) -> dict[str, Any]:
    return _query("q", description, {"type": "string", "maxLength": MAX_QUERY_CHARS}, required=True)


def paths() -> dict[str, Any]:
    """The public operations, in the language of the request."""
    bad, missing = _error(_("Invalid parameters.")), _error(_("Not found, or not public."))
    limited = _error(_("Too many requests from this address; try again later."))
    filters = [
        _query(key, _("Filter on %(name)s.", name=key), {"type": "string", "maxLength": MAX_FILTER_CHARS})
        for key in ("department", "list_name", "category")
    ]
    year = _query("year", _("Filter on the year of the decision."), {"type": "string", "pattern": r"^\d{4}$"})
    return {
        "/search": {
            "get": {
                "operationId": "search",
                "tags": ["search"],
                "summary": _("Full-text search of public credit information"),
                "description": _(
                    "Subjects, administrative penalties and permits, and list entries that are public "
                    "today. Totals (exact up to the engine's cap), facets by type, highlighted fragments."
                ),
                "parameters": [
                    _q(_("Company name, person, violation, document number or unified social credit code.")),
                    _query(
                        "type", _("Kind of result."), {"type": "string", "enum": list(SEARCH_TYPES), "default": "all"}
                    ),
                    *_page_params(),
                    *filters,
                    year,
                ],
                "responses": {"200": _ok(_("One page of results."), "SearchPage"), "400": bad},
            }
        },
        "/suggest": {
            "get": {
                "operationId": "suggest",
                "tags": ["search"],
                "summary": _("Autocomplete of subject names"),
                "description": _("By name fragment or by pinyin initials (jlsw finds 江临水务)."),
                "parameters": [
                    _q(_("What the user has typed so far.")),
                    _query(
                        "limit",
                        _("At most this many names (up to 20)."),
                        {"type": "integer", "minimum": 1, "maximum": 999999, "default": 10},
                    ),
                ],
                "responses": {"200": _ok(_("Matching subject names."), "SuggestPage"), "400": bad},
            }
        },
        "/subjects/{uscc}": {
            "get": {
                "operationId": "subjectByUscc",
                "tags": ["subjects"],
                "summary": _("Public credit profile of an organisation or business"),
                "description": _(
                    "Every public penalty, permit and list entry of the subject, newest first. "
                    "Natural persons are reached only by their public id."
                ),
                "parameters": [
                    _path("uscc", _("Unified social credit code (18 characters)."), {"type": "string", "maxLength": 32})
                ],
                "responses": {"200": _ok(_("The public profile."), "SubjectProfile"), "404": missing},
            }
        },
        "/subjects/p/{public_id}": {
            "get": {
                "operationId": "subjectByPublicId",
                "tags": ["subjects"],
                "summary": _("Public credit profile by public id"),
                "description": _("The same profile, for every kind of subject including natural persons."),
                "parameters": [
                    _path("public_id", _("The opaque id in profile links."), {"type": "string", "maxLength": 32})
                ],
                "responses": {"200": _ok(_("The public profile."), "SubjectProfile"), "404": missing},
            }
        },
        "/submissions/{tracking_no}": {
            "get": {
                "operationId": "submissionStatus",
                "tags": ["submissions"],
                "summary": _("Status of an objection, complaint or credit repair application"),
                "description": _(
                    "A wrong number and a wrong query code give the same 404; failed look-ups are rate limited."
                ),
                "parameters": [
                    _path("tracking_no", _("Tracking number from the receipt."), {"type": "string", "maxLength": 64}),
                    _query(
                        "code", _("Query code from the receipt."), {"type": "string", "maxLength": 64}, required=True
                    ),
                ],
                "responses": {
                    "200": _ok(_("The application's status and history."), "SubmissionStatus"),
                    "404": missing,
                    "429": limited,
                },
            }
        },
        "/chat": {
            "post": {
                "operationId": "chat",
                "tags": ["chat"],
                "summary": _("Ask the inquiry service a question"),
                "description": _(
                    "One message in, one grounded answer out; the conversation is kept on the server "
                    "under session_id for 30 minutes."
                ),
                "requestBody": {"required": True, "content": {JSON: {"schema": ref("ChatRequest")}}},
                "responses": {"200": _ok(_("The answer."), "ChatResponse"), "400": bad, "429": limited},
            }
        },
        "/openapi.json": {
            "get": {
                "operationId": "openapi",
                "tags": ["meta"],
                "summary": _("This document"),
                "responses": {
                    "200": {
                        "description": _("The OpenAPI document."),
                        "content": {JSON: {"schema": {"type": "object"}}},
                    }
                },
            }
        },
    }


def fragments() -> list[ModuleType]:
    """The fragment modules that exist; one that is absent is skipped, one that fails to import raises."""
    found = []
    for name in FRAGMENT_MODULES:
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name is None or not name.startswith(exc.name):
                raise  # the fragment exists but imports something missing: a real error
    return found


def _merge(target: dict[str, Any], extra: dict[str, Any], what: str) -> None:
    for key, value in extra.items():
        if key in target:
            raise SpecConflict(f"{what} {key!r} is declared twice")
        target[key] = copy.deepcopy(value)


def build_spec(extra: list[ModuleType] | None = None) -> dict[str, Any]:
    """The whole document; raises SpecConflict when fragments overlap."""
    spec: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {
            "title": _("Credit %(city)s open API", city=site_city()),
            "version": "1.0.0",
            "description": _(
                "Public credit information of %(city)s: only what is public at the moment of the "
                'request appears. Errors are JSON objects {"error": {"code", "message"}} with '
                "a 4xx status.",
                city=site_city(),
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths(),
        "components": {"schemas": schemas(), "securitySchemes": {}},
    }
    for module in fragments() if extra is None else extra:
        _merge(spec["paths"], getattr(module, "PATHS", {}), "path")
        _merge(spec["components"]["schemas"], getattr(module, "SCHEMAS", {}), "schema")
        _merge(spec["components"]["securitySchemes"], getattr(module, "SECURITY_SCHEMES", {}), "security scheme")
    if not spec["components"]["securitySchemes"]:
        del spec["components"]["securitySchemes"]
    return spec


def openapi_json() -> Any:
    return jsonify(build_spec())


def docs() -> Any:
    spec = build_spec()
    operations = [
        (path, method.upper(), operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]
    return render_template("api/docs.html", spec=spec, operations=operations)

