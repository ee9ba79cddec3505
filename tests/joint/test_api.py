"""The authenticated 联合奖惩 API: keys, scopes, revocation, rate limits, bad bodies, hostile input, schemas."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import jsonschema_rs
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal import clock
from portal.extensions import db
from portal.joint import apikeys
from portal.joint.api_spec import PATHS, SCHEMAS, SECURITY_SCHEMES
from portal.models import ApiKey, AuditEntry, CheckFeedback, CreditCheck, ListEntry
from tests.joint.conftest import BLACKLISTED, CITY_DEPT, PENALISED, REDLISTED, make_key

CHECK = {"act": "tender", "purpose": "政府采购资格审查", "subject": BLACKLISTED}


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Accept-Language": "en"}


def valid(name: str, document: Any) -> None:
    validator = jsonschema_rs.validator_for(
        {"$ref": f"#/components/schemas/{name}", "components": {"schemas": SCHEMAS}}
    )
    errors = [e.message for e in validator.iter_errors(document)]
    assert not errors, errors


def test_a_single_check_answers_with_the_hit_and_its_measures(client: FlaskClient, token: str) -> None:
    response = client.post("/api/v1/joint/checks", json=CHECK, headers=auth(token))
    assert response.status_code == 201
    body = response.get_json()
    valid("CheckResult", body)
    (line,) = body["results"]
    assert line["outcome"] == "found"
    assert line["subject"]["uscc"] == BLACKLISTED
    (hit,) = line["hits"]
    assert hit["list_name"] == "政府采购领域严重违法失信主体"
    assert hit["suspended"] is False
    assert {m["mode"] for m in hit["measures"]} == {"mandatory"}
    assert "限制参加政府投资项目招投标" in {m["measure"] for m in hit["measures"]}
    check = db.session.get(CreditCheck, body["check_id"])
    assert (check.channel, check.actor) == ("api", f"apikey:{token[:12]}")
    assert db.session.scalar(sa.select(AuditEntry.action).where(AuditEntry.target == f"credit_check:{check.id}")) == (
        "credit_check"
    )


def test_the_x_api_key_header_works_too(client: FlaskClient, token: str) -> None:
    response = client.post("/api/v1/joint/checks", json=CHECK, headers={"X-API-Key": token})
    assert response.status_code == 201
    body = response.get_json()
    valid("CheckResult", body)
    assert body["results"][0]["subject"]["uscc"] == BLACKLISTED
    check = db.session.get(CreditCheck, body["check_id"])
    assert (check.channel, check.actor) == ("api", f"apikey:{token[:12]}")


def test_a_batch_reports_each_line_and_1001_codes_are_refused(client: FlaskClient, token: str) -> None:
    body = {"act": "funding", "purpose": "专项资金", "usccs": [BLACKLISTED, "bad", REDLISTED, PENALISED, BLACKLISTED]}
    response = client.post("/api/v1/joint/checks/batch", json=body, headers=auth(token))
    assert response.status_code == 201
    data = response.get_json()
    valid("CheckResult", data)
    assert [r["outcome"] for r in data["results"]] == ["found", "invalid", "found", "found", "duplicate"]
    assert data["summary"] == {"lines": 5, "invalid": 1, "found": 3, "hits": 2, "feedback": 0}
    too_many = {**body, "usccs": [BLACKLISTED] * 1001}
    refused = client.post("/api/v1/joint/checks/batch", json=too_many, headers=auth(token))
    assert refused.status_code == 400
    assert refused.get_json() == {
        "error": {"code": "invalid_too_many", "message": "A batch check is limited to 1000 subjects; 1001 were sent."}
    }


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer nope"},
        {"Authorization": "Basic abc"},
        {"X-API-Key": "jlk_" + "x" * 43},
        {"Authorization": "Bearer " + "jlk_" * 200},
    ],
)
def test_calls_without_a_valid_key_are_unauthorised(client: FlaskClient, headers: dict[str, str]) -> None:
    for method, url in (
        ("post", "/api/v1/joint/checks"),
        ("post", "/api/v1/joint/checks/batch"),
        ("post", "/api/v1/joint/checks/1/feedback"),
        ("get", "/api/v1/joint/changes?since=2026-01-01"),
    ):
        response = getattr(client, method)(url, json=CHECK, headers=headers)
        assert response.status_code == 401, url
        assert response.get_json()["error"]["code"] in ("unauthorized", "invalid_key")
        valid("JointError", response.get_json())
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CreditCheck)) == 0


def test_a_revoked_key_is_refused(client: FlaskClient, token: str) -> None:
    key = db.session.scalar(sa.select(ApiKey))
    apikeys.revoke_key(db.session, key.id, actor="admin@example.gov.cn", actor_id=None, now=clock.now())
    response = client.post("/api/v1/joint/checks", json=CHECK, headers=auth(token))
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_key"


def test_a_key_without_the_scope_is_forbidden_and_audited(client: FlaskClient, site: Flask) -> None:
    changes_only = make_key(scopes=("changes",))
    response = client.post("/api/v1/joint/checks", json=CHECK, headers=auth(changes_only))
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "insufficient_scope"
    audit = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "api_denied"))
    assert audit is not None
    assert audit.actor == f"apikey:{changes_only[:12]}"


def test_each_key_has_its_own_rate_limit(client: FlaskClient, site: Flask, token: str) -> None:
    site.config["RATELIMIT_JOINT_API"] = "2 per minute"
    other = make_key()
    url = "/api/v1/joint/changes?since=2026-01-01T00:00:00%2B08:00"
    assert [client.get(url, headers=auth(token)).status_code for _i in range(3)] == [200, 200, 429]
    limited = client.get(url, headers=auth(token))
    assert limited.get_json()["error"]["code"] == "too_many_requests"
    assert client.get(url, headers=auth(other)).status_code == 200


MALFORMED: list[tuple[str, Any, str]] = [
    ("/api/v1/joint/checks", "not json", "invalid_json"),
    ("/api/v1/joint/checks", [CHECK], "invalid_json"),
    ("/api/v1/joint/checks", {**CHECK, "subject": None}, "invalid_subject"),
    ("/api/v1/joint/checks", {**CHECK, "subject": "   "}, "invalid_subject"),
    ("/api/v1/joint/checks", {**CHECK, "subject": "x" * 257}, "invalid_subject"),
    ("/api/v1/joint/checks", {**CHECK, "act": 3}, "invalid_request"),
    ("/api/v1/joint/checks", {**CHECK, "act": "bribery"}, "invalid_act"),
    ("/api/v1/joint/checks", {**CHECK, "purpose": ""}, "invalid_purpose_required"),
    ("/api/v1/joint/checks", {**CHECK, "purpose": "目的\x00"}, "invalid_purpose"),
    ("/api/v1/joint/checks/batch", {**CHECK, "usccs": "91430203MA4M8N2P8B"}, "invalid_usccs"),
    ("/api/v1/joint/checks/batch", {**CHECK, "usccs": [1, 2]}, "invalid_usccs"),
    ("/api/v1/joint/checks/batch", {**CHECK, "usccs": []}, "invalid_empty"),
    ("/api/v1/joint/checks/batch", {**CHECK, "usccs": ["x" * 65]}, "invalid_usccs"),
]


def test_malformed_bodies_get_a_clear_400(client: FlaskClient, token: str) -> None:
    for url, body, code in MALFORMED:
        kwargs = {"data": body, "content_type": "application/json"} if isinstance(body, str) else {"json": body}
        response = client.post(url, headers=auth(token), **kwargs)
        assert response.status_code == 400, (body, response.get_data(as_text=True))
        assert response.get_json()["error"]["code"] == code, body
        assert "Traceback" not in response.get_data(as_text=True)
    oversized = client.post(
        "/api/v1/joint/checks", data="{" + " " * 300_000 + "}", headers=auth(token), content_type="application/json"
    )
    assert oversized.status_code == 413
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CreditCheck)) == 0
    assert (
        db.session.scalar(sa.select(sa.func.count()).where(AuditEntry.action == "api_rejected")) == len(MALFORMED) + 1
    )


def test_hostile_input_is_kept_as_text(client: FlaskClient, token: str) -> None:
    body = {
        "act": "other",
        "purpose": "<script>alert(1)</script>' OR 1=1 --",
        "usccs": ["'; DROP TABLE subjects; --", "../../etc/passwd", "<img src=x onerror=alert(1)>"],
    }
    response = client.post("/api/v1/joint/checks/batch", json=body, headers=auth(token))
    assert response.status_code == 201
    data = response.get_json()
    assert data["purpose"] == body["purpose"]
    assert [r["outcome"] for r in data["results"]] == ["invalid", "invalid", "invalid"]
    single = client.post("/api/v1/joint/checks", json={**CHECK, "subject": "' OR '1'='1"}, headers=auth(token))
    assert single.get_json()["results"][0]["outcome"] == "not_found"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ListEntry)) == 3
    surrogate = client.post(
        "/api/v1/joint/checks",
        data='{"act": "other", "purpose": "\\ud800", "subject": "x"}',
        content_type="application/json",
        headers=auth(token),
    )
    assert surrogate.status_code == 201  # a lone surrogate cannot be stored: it becomes "?"
    assert surrogate.get_json()["purpose"] == "?"


def _check_with_hit(client: FlaskClient, token: str) -> dict[str, Any]:
    return client.post("/api/v1/joint/checks", json=CHECK, headers=auth(token)).get_json()


def test_feedback_through_the_api(client: FlaskClient, token: str) -> None:
    check = _check_with_hit(client, token)
    hit = check["results"][0]["hits"][0]
    url = f"/api/v1/joint/checks/{check['check_id']}/feedback"
    missing_reason = client.post(
        url, json={"items": [{"hit_id": hit["hit_id"], "outcome": "not_applied"}]}, headers=auth(token)
    )
    assert missing_reason.status_code == 400
    assert missing_reason.get_json()["error"]["code"] == "invalid_reason_required"
    assert f"Hit {hit['hit_id']}" in missing_reason.get_json()["error"]["message"]
    wrong_measure = client.post(
        url,
        json={"items": [{"hit_id": hit["hit_id"], "outcome": "applied", "measure_id": 999999}]},
        headers=auth(token),
    )
    assert wrong_measure.get_json()["error"]["code"] == "invalid_measure"
    for bad in (
        {"items": []},
        {"items": "x"},
        {"items": [{"hit_id": "1", "outcome": "applied"}]},
        {"items": [{"hit_id": True, "outcome": "applied"}]},
        {},
    ):
        assert client.post(url, json=bad, headers=auth(token)).get_json()["error"]["code"] == "invalid_items"
    measure_id = hit["measures"][0]["measure_id"]
    ok = client.post(
        url,
        json={"items": [{"hit_id": hit["hit_id"], "outcome": "applied", "measure_id": measure_id}]},
        headers=auth(token),
    )
    assert ok.status_code == 200
    valid("FeedbackResult", ok.get_json())
    assert ok.get_json() == {
        "check_id": check["check_id"],
        "hits": 1,
        "feedback": 1,
        "complete": True,
        "overdue": False,
    }
    unknown = client.post(
        url, json={"items": [{"hit_id": hit["hit_id"] + 1000, "outcome": "applied"}]}, headers=auth(token)
    )
    assert unknown.get_json()["error"]["code"] == "invalid_hit"


def test_another_departments_key_cannot_answer_a_check(client: FlaskClient, token: str) -> None:
    check = _check_with_hit(client, token)
    other = make_key(CITY_DEPT)
    hit = check["results"][0]["hits"][0]
    response = client.post(
        f"/api/v1/joint/checks/{check['check_id']}/feedback",
        json={"items": [{"hit_id": hit["hit_id"], "outcome": "not_applicable", "reason": "x"}]},
        headers=auth(other),
    )
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CheckFeedback)) == 0
    assert (
        client.post("/api/v1/joint/checks/999999/feedback", json={"items": []}, headers=auth(other)).status_code == 400
    )


def test_changes_since_list_added_changed_and_removed_entries(client: FlaskClient, token: str) -> None:
    before = (clock.now() - timedelta(days=1)).isoformat()
    response = client.get("/api/v1/joint/changes", query_string={"since": before}, headers=auth(token))
    assert response.status_code == 200
    data = response.get_json()
    valid("ListChanges", data)
    changes = {c["entry_id"]: c for c in data["changes"]}
    kinds = sorted(c["change"] for c in changes.values())
    assert kinds == ["added", "added", "removed"]  # the watch-list entry was removed before today
    removed = next(c for c in changes.values() if c["change"] == "removed")
    assert removed["entry"] is None
    added = next(c for c in changes.values() if c["change"] == "added")
    assert added["entry"]["subject"]["uscc"] in (BLACKLISTED, REDLISTED)
    page = client.get("/api/v1/joint/changes", query_string={"since": before, "limit": 1}, headers=auth(token))
    first = page.get_json()
    assert len(first["changes"]) == 1
    assert first["next_cursor"]
    rest = client.get(
        "/api/v1/joint/changes",
        query_string={"since": before, "limit": 5, "cursor": first["next_cursor"]},
        headers=auth(token),
    ).get_json()
    assert [c["entry_id"] for c in first["changes"] + rest["changes"]] == [c["entry_id"] for c in data["changes"]]
    later = client.get("/api/v1/joint/changes", query_string={"since": clock.now().isoformat()}, headers=auth(token))
    assert later.get_json()["changes"] == []
    for bad in (
        {"since": "yesterday"},
        {},
        {"since": before, "limit": "0"},
        {"since": before, "limit": "x"},
        {"since": before, "cursor": "bogus"},
    ):
        assert client.get("/api/v1/joint/changes", query_string=bad, headers=auth(token)).status_code == 400, bad
    assert db.session.scalar(sa.select(sa.func.count()).where(AuditEntry.action == "api_changes")) >= 4


def test_the_spec_lists_every_endpoint_with_its_security() -> None:
    assert set(PATHS) == {"/joint/checks", "/joint/checks/batch", "/joint/checks/{check_id}/feedback", "/joint/changes"}
    for item in PATHS.values():
        for operation in item.values():
            assert operation["security"]
            assert "401" in operation["responses"]
            assert "429" in operation["responses"]
    assert set(SECURITY_SCHEMES) == {"departmentApiKey", "departmentApiKeyHeader"}
    jsonschema_rs.validator_for({"$defs": SCHEMAS})  # the component schemas are valid JSON Schema
