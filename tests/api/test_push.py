"""POST /api/v1/records/<kind> (data-standard §15): scope push, per-item outcomes, idempotency, audit, bad input."""

from __future__ import annotations

import json
import re

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal import clock, kinds
from portal.extensions import db, limiter
from portal.joint import apikeys
from portal.models import AuditEntry, Penalty
from tests.conftest import TODAY
from tests.entry.helpers import MARKET, OTHER_DEPARTMENT, penalty

URL = "/api/v1/records/penalty"


@pytest.fixture
def pusher(app: Flask, monkeypatch: pytest.MonkeyPatch) -> FlaskClient:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    return app.test_client()


def _token(department: str = MARKET, scopes: tuple[str, ...] = ("push",)) -> str:
    _key, token = apikeys.create_key(db.session, department, "报送", scopes, actor="admin@example.gov.cn",
                                     actor_id=None, now=clock.now())  # fmt: skip
    return token


def _post(client: FlaskClient, body: object, token: str | None = None, url: str = URL, **kw: object):  # type: ignore[no-untyped-def]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = body if isinstance(body, (bytes, str)) else json.dumps(body, ensure_ascii=False)
    return client.post(url, data=data, headers=headers, content_type="application/json", **kw)


def _penalties() -> int:
    return int(db.session.scalar(sa.select(sa.func.count()).select_from(Penalty)) or 0)


def test_one_record_is_imported_then_unchanged_and_each_push_is_audited(pusher: FlaskClient) -> None:
    token = _token()
    first = _post(pusher, penalty(), token)
    assert first.status_code == 200
    body = first.get_json()
    assert body["summary"] == {"imported": 1, "updated": 0, "unchanged": 0, "rejected": 0}
    assert body["items"][0]["index"] == 0
    assert body["items"][0]["status"] == "imported"
    assert body["items"][0]["reasons"] == []
    again = _post(pusher, penalty(), token).get_json()
    assert again["items"][0]["status"] == "unchanged"
    assert again["items"][0]["record_id"] == body["items"][0]["record_id"]
    changed = _post(pusher, [penalty(备注="补充说明")], token).get_json()
    assert changed["items"][0]["status"] == "updated"
    assert _penalties() == 1
    audits = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "api_push")).all()
    assert len(audits) == 3
    assert audits[0].actor.startswith("apikey:jlk_")


def test_a_batch_answers_per_item_with_the_importers_reasons(pusher: FlaskClient) -> None:
    items = [penalty(), penalty(行政处罚决定书文号="株市监罚〔2026〕16号", 处罚类别="黑名单"), "x", [1, 2]]
    body = _post(pusher, items, _token()).get_json()
    statuses = [(i["index"], i["status"]) for i in body["items"]]
    assert statuses == [(0, "imported"), (1, "rejected"), (2, "rejected"), (3, "rejected")]
    assert body["items"][1]["reasons"][0].startswith("处罚类别取值无效：黑名单（允许：")
    assert body["items"][2]["reasons"] == ["数据项须为JSON对象"]


def test_another_departments_records_are_rejected(pusher: FlaskClient) -> None:
    body = _post(pusher, [penalty()], _token(OTHER_DEPARTMENT)).get_json()
    assert body["items"][0]["status"] == "rejected"
    assert body["items"][0]["reasons"] == ["数据来源单位统一社会信用代码与所属部门不一致：只能报送本部门的数据"]
    assert _penalties() == 0


def test_keys_and_scopes(pusher: FlaskClient) -> None:
    assert _post(pusher, penalty()).get_json()["error"]["code"] == "unauthorized"
    assert _post(pusher, penalty(), "jlk_forged").get_json()["error"]["code"] == "invalid_key"
    refused = _post(pusher, penalty(), _token(scopes=("check", "changes", "feedback")))
    assert refused.status_code == 403
    assert refused.get_json()["error"]["code"] == "insufficient_scope"
    denied = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "api_denied")).one()
    assert denied.reason == "scope push"
    assert _penalties() == 0


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"{not json", 400, "invalid_json"),
        (b"", 400, "invalid_json"),
        ("42", 400, "invalid_json"),
        ('"text"', 400, "invalid_json"),
        ("null", 400, "invalid_json"),
        ("[]", 400, "empty_batch"),
        ("[" * 200 + "]" * 200, 400, "invalid_json"),
        (json.dumps([{}] * 1001), 400, "too_many_items"),
    ],
)
def test_hostile_bodies_get_a_clear_error(pusher: FlaskClient, body: str | bytes, status: int, code: str) -> None:
    response = _post(pusher, body, _token())
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    assert _penalties() == 0


def test_1001_items_are_refused_whole_and_1000_are_answered_one_by_one(pusher: FlaskClient) -> None:
    token = _token()
    refused = _post(pusher, [penalty()] * 1001, token).get_json()
    assert "1000" in refused["error"]["message"]
    assert "1001" in refused["error"]["message"]
    rows = [penalty(行政处罚决定书文号=f"株市监罚〔2026〕{1000 + i}号") for i in range(1000)]
    body = _post(pusher, rows, token).get_json()
    assert body["summary"]["imported"] == 1000
    assert _penalties() == 1000


def test_an_oversize_body_is_413_and_unknown_kind_404(app: Flask, pusher: FlaskClient) -> None:
    token = _token()
    app.config["PUSH_MAX_BYTES"] = 4096
    big = _post(pusher, [penalty(违法事实="事" * 5000)], token)
    assert big.status_code == 413
    assert big.get_json()["error"]["code"] == "body_too_large"
    unknown = _post(pusher, penalty(), token, url="/api/v1/records/nonsense")
    assert unknown.status_code == 404
    message = unknown.get_json()["error"]["message"]
    assert message.startswith("未知的信息类别")
    assert all(kind in message for kind in kinds.values())
    rejected = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "api_rejected")).all()
    assert [a.reason for a in rejected] == ["413", "404"]


def test_wrong_types_and_lone_surrogates(pusher: FlaskClient) -> None:
    raw = json.dumps(penalty(备注="\ud800", 行政相对人名称={"a": 1}), ensure_ascii=True)
    body = _post(pusher, raw, _token()).get_json()
    assert body["items"][0]["reasons"] == ["字段类型无效：行政相对人名称（须为文本、数字或null）"]
    fine = _post(pusher, json.dumps(penalty(备注="\ud800")), _token()).get_json()
    assert fine["items"][0]["status"] == "imported"


def test_the_push_is_in_the_openapi_document(pusher: FlaskClient) -> None:
    doc = pusher.get("/api/v1/openapi.json").get_json()
    operation = doc["paths"]["/records/{kind}"]["post"]
    assert operation["operationId"] == "pushRecords"
    assert set(operation["parameters"][0]["schema"]["enum"]) == set(kinds.values())
    assert "PushResult" in doc["components"]["schemas"]


def test_the_rate_limit_applies_per_key(app: Flask, pusher: FlaskClient) -> None:
    app.config["RATELIMIT_JOINT_API"] = "2 per minute"
    token = _token()
    limiter.reset()
    codes = [_post(pusher, penalty(), token).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_an_administrator_issues_a_push_key_on_the_key_page(app: Flask, pusher: FlaskClient) -> None:
    from tests.conftest import AuthActions, FreshClient, csrf_of

    app.test_client_class = FreshClient
    admin = AuthActions(app, pusher).admin()
    page = admin.get("/joint/keys").get_data(as_text=True)
    assert 'value="push"' in page
    form = {"csrf_token": csrf_of(admin, "/joint/keys"), "department_uscc": MARKET, "label": "报送系统",
            "scopes": ["push"]}  # fmt: skip
    created = admin.post("/joint/keys", data=form)
    assert created.status_code == 200
    token = re.search(r"jlk_[A-Za-z0-9_-]{20,}", created.get_data(as_text=True)).group(0)  # type: ignore[union-attr]
    assert _post(pusher, penalty(), token).get_json()["summary"]["imported"] == 1


def test_a_staff_session_is_no_key(app: Flask, pusher: FlaskClient) -> None:
    from tests.conftest import AuthActions, FreshClient

    app.test_client_class = FreshClient
    admin = AuthActions(app, pusher).admin()
    response = _post(admin, penalty())
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    assert _penalties() == 0
