"""/api/v1/openapi.json: a valid OpenAPI 3.1 document that covers every API route, real answers match it,
fragments merge, and /api/v1/docs renders it without script. GET /api/v1/subjects/… shows public, masked data only.
"""

from __future__ import annotations

import re
import types
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from portal.api import openapi
from portal.extensions import db
from portal.joint import api_spec
from portal.models import Subject
from tests.public.helpers import (
    FOOD_USCC,
    MINOR_PENALTY_NO,
    PERSON_ID,
    PERSON_NO,
    REMOVED_SUBJECT,
    SERIOUS_NO,
    assert_no_id_numbers,
)

EN = {"Accept-Language": "en"}


def spec_of(client: FlaskClient) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json", headers=EN)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.get_json()  # type: ignore[no-any-return]


def check_against_spec(spec: dict[str, Any], path: str, method: str, response: Any) -> None:
    """The response's status is documented for the operation and its JSON body matches that schema."""
    operation = spec["paths"][path][method]
    status = str(response.status_code)
    assert status in operation["responses"], f"{method.upper()} {path}: undocumented status {status}"
    schema = operation["responses"][status]["content"]["application/json"]["schema"]
    validator = Draft202012Validator({**schema, "components": spec["components"]})
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(response.get_json())]
    assert errors == [], errors


def test_the_document_is_valid_openapi_3_1(client: FlaskClient) -> None:
    spec = spec_of(client)
    assert spec["openapi"] == "3.1.0"
    assert spec["servers"] == [{"url": "/api/v1"}]
    validate(spec)
    assert spec["paths"]["/search"]["get"]["summary"] == "Full-text search of public credit information"
    types_param = next(p for p in spec["paths"]["/search"]["get"]["parameters"] if p["name"] == "type")
    assert types_param["schema"]["enum"] == [
        "all", "subject", "penalty", "permit", "redlist", "blacklist", "watchlist", "coercion", "honour", "commitment",
        "rating", "inspection",
    ]  # fmt: skip


def test_every_api_route_is_documented(app: Flask) -> None:
    with app.test_request_context():
        spec = openapi.build_spec()
    documented = {(path, method.upper()) for path, item in spec["paths"].items() for method in item}
    served = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.rule in openapi.UNDOCUMENTED:
            continue
        path = re.sub(r"<(?:[a-z]+(?:\([^)]*\))?:)?([a-z_]+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
        served |= {(path, m) for m in rule.methods - {"HEAD", "OPTIONS"}}  # type: ignore[operator]
    assert served - documented == set()
    assert documented - served == set()


def test_real_answers_match_their_schemas(api: FlaskClient) -> None:
    spec = spec_of(api)
    person = db.session.scalar(sa.select(Subject.public_id).where(Subject.name == "王小明"))
    calls = [
        ("/search", "get", api.get("/api/v1/search", query_string={"q": "株洲示例"})),
        ("/search", "get", api.get("/api/v1/search", query_string={"q": "x", "per_page": "0"})),
        ("/suggest", "get", api.get("/api/v1/suggest", query_string={"q": "株洲"})),
        ("/subjects/{uscc}", "get", api.get(f"/api/v1/subjects/{FOOD_USCC}")),
        ("/subjects/{uscc}", "get", api.get("/api/v1/subjects/91430200MA4L0A1B7X")),
        ("/subjects/p/{public_id}", "get", api.get(f"/api/v1/subjects/p/{person}")),
        ("/submissions/{tracking_no}", "get", api.get("/api/v1/submissions/20261123-XXXXXX?code=nope")),
        ("/chat", "post", api.post("/api/v1/chat", json={"message": "株洲示例食品有限公司有什么处罚"})),
        ("/chat", "post", api.post("/api/v1/chat", json={"message": "   "})),
    ]
    for path, method, response in calls:
        check_against_spec(spec, path, method, response)
    assert [r.status_code for _p, _m, r in calls] == [200, 400, 200, 200, 404, 200, 404, 200, 400]


def test_a_subject_profile_holds_public_masked_records_only(api: FlaskClient) -> None:
    body = api.get(f"/api/v1/subjects/{FOOD_USCC}").get_json()
    assert (body["name"], body["uscc"], body["kind"], body["legal_rep"]) == (
        "株洲示例食品有限公司", FOOD_USCC, "legal", "张*")  # fmt: skip
    assert [p["decision_no"] for p in body["penalties"]] == [SERIOUS_NO]
    assert body["penalties"][0]["url"] == f"/penalties/{body['penalties'][0]['id']}"
    assert len(body["permits"]) == 1
    assert body["lists"] == []
    assert body["counts"]["penalty"] == 1
    text = api.get(f"/api/v1/subjects/{FOOD_USCC}").get_data(as_text=True)
    assert "张三" not in text
    assert MINOR_PENALTY_NO not in text
    assert_no_id_numbers(text)


def test_a_person_is_reached_by_public_id_only_and_masked(api: FlaskClient) -> None:
    person = db.session.scalars(sa.select(Subject).where(Subject.name == "王小明")).one()
    body = api.get(f"/api/v1/subjects/p/{person.public_id}").get_json()
    assert body["name"] == "王**"
    assert body["uscc"] is None
    assert body["kind"] == "natural_person"
    assert [p["decision_no"] for p in body["penalties"]] == [PERSON_NO]
    text = api.get(f"/api/v1/subjects/p/{person.public_id}").get_data(as_text=True)
    assert "王小明" not in text
    assert PERSON_ID not in text
    assert_no_id_numbers(text)


def test_unknown_malformed_and_non_public_subjects_give_one_json_404(api: FlaskClient) -> None:
    removed = db.session.scalar(sa.select(Subject).where(Subject.name == REMOVED_SUBJECT))
    assert removed is not None
    urls = [
        "/api/v1/subjects/91430200MA4L0A1B7X",
        "/api/v1/subjects/not-a-uscc",
        f"/api/v1/subjects/{PERSON_ID}",
        "/api/v1/subjects/%3Cscript%3E",
        "/api/v1/subjects/' OR 1=1 --",
        "/api/v1/subjects/p/..%2F..%2Fetc%2Fpasswd",
        "/api/v1/subjects/p/" + "a" * 5000,
        f"/api/v1/subjects/{removed.uscc}" if removed.uscc else f"/api/v1/subjects/p/{removed.public_id}",
    ]
    bodies = []
    for url in urls:
        response = api.get(url)
        assert response.status_code == 404, url
        bodies.append(response.get_json())
    assert {b["error"]["code"] for b in bodies} == {"not_found"}
    # Every identifier that reaches the view gets the very same answer, so nothing can be probed.
    assert len({b["error"]["message"] for b in bodies[:5] + bodies[6:]}) == 1


def test_the_docs_page_lists_every_operation_and_schema_without_script(api: FlaskClient) -> None:
    spec = spec_of(api)
    response = api.get("/api/v1/docs", headers=EN)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert "<script" not in main  # rendered on the server: the page needs no script
    assert 'href="/api/v1/openapi.json"' in html
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            assert f"{method.upper()} /api/v1{path}" in html
            assert f'id="op-{operation["operationId"]}"' in html
    for name in spec["components"]["schemas"]:
        assert f'id="schema-{name}"' in html
    assert "Full-text search of public credit information" in html


def test_fragments_merge_and_conflicts_are_refused(app: Flask, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    extra = types.SimpleNamespace(
        PATHS={"/extra": {"get": {"responses": {"200": {"description": "ok"}}}}},
        SCHEMAS={"Extra": {"type": "object"}},
        SECURITY_SCHEMES={"key": {"type": "apiKey", "in": "header", "name": "X-Key"}},
    )
    clash = types.SimpleNamespace(PATHS={"/search": {}})
    with app.test_request_context():
        merged = openapi.build_spec(extra=[extra])  # type: ignore[list-item]
        validate(merged)
        assert "/extra" in merged["paths"]
        assert "Extra" in merged["components"]["schemas"]
        assert merged["components"]["securitySchemes"] == extra.SECURITY_SCHEMES
        with pytest.raises(openapi.SpecConflict, match="'/search' is declared twice"):
            openapi.build_spec(extra=[clash])  # type: ignore[list-item]
    monkeypatch.setattr(openapi, "FRAGMENT_MODULES", ("portal.no_such_feature.api_spec",))
    assert openapi.fragments() == []
    # A fragment that exists but cannot import what it needs is a real error, not a missing feature.
    (tmp_path / "fragment_with_missing_dep.py").write_text("import no_such_dependency_xyz  # noqa\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(openapi, "FRAGMENT_MODULES", ("fragment_with_missing_dep",))
    with pytest.raises(ModuleNotFoundError, match="no_such_dependency_xyz"):
        openapi.fragments()


def test_the_department_fragment_is_included(app: Flask) -> None:
    with app.test_request_context():
        spec = openapi.build_spec()
    assert set(api_spec.PATHS) <= set(spec["paths"])
    assert set(api_spec.SECURITY_SCHEMES) <= set(spec["components"]["securitySchemes"])
