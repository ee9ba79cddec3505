"""Links never follow a forged Host; production needs a public address and a shared rate-limit store; staff
exports stream to the end outside the test's app context."""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from portal import clock, create_app, kinds
from portal.config import ConfigError
from portal.domain.roles import Role
from portal.extensions import db
from portal.models import RecordHistory
from tests.conftest import TODAY, outbox
from tests.enterprise.helpers import OWNER, make_account
from tests.security.conftest import build_site
from tests.submissions.fixtures import EMAILS, PASSWORD, hidden_fields

BASE = "https://credit.example.gov.cn"
PRODUCTION = {"ENV_NAME": "production", "SECRET_KEY": "x" * 40, "PUBLIC_BASE_URL": BASE,
              "REDIS_URL": "redis://127.0.0.1:6379/0"}  # fmt: skip


@pytest.fixture
def public_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    return build_site(tmp_path, PUBLIC_BASE_URL=BASE + "/")


def _reset_mail(app: Flask, host: str, **headers: str) -> int:
    client = app.test_client()
    page = client.get("/enterprise/password", base_url=f"http://{host}", headers=headers)
    if page.status_code != 200:
        return page.status_code
    fields = hidden_fields(page.get_data(as_text=True))
    response = client.post("/enterprise/password", data={**fields, "email": OWNER}, base_url=f"http://{host}",
                           headers=headers)  # fmt: skip
    return response.status_code


def test_a_forged_host_never_gets_a_reset_link_mailed(public_site: Flask) -> None:
    with public_site.app_context():
        make_account()
    assert _reset_mail(public_site, "evil.example") == 400
    assert outbox(public_site) == []
    assert _reset_mail(public_site, "credit.example.gov.cn") == 200
    (message,) = outbox(public_site)
    assert "evil.example" not in message.body
    assert "://credit.example.gov.cn/enterprise/password/" in message.body


def test_a_forged_forwarded_host_is_refused_behind_a_proxy(tmp_path: Path) -> None:
    app = build_site(tmp_path, PUBLIC_BASE_URL=BASE, PROXY_FIX=1)
    with app.app_context():
        make_account()
    assert _reset_mail(app, "credit.example.gov.cn", **{"X-Forwarded-Host": "evil.example"}) == 400
    assert outbox(app) == []


def test_export_links_follow_only_the_public_host(public_site: Flask) -> None:
    client = public_site.test_client()
    assert client.get("/penalties/export.csv", base_url="http://evil.example").status_code == 400
    response = client.get("/penalties/export.csv", base_url="https://credit.example.gov.cn")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "https://credit.example.gov.cn/penalties/" in body
    assert "evil.example" not in body


def test_without_a_public_address_dev_and_test_answer_the_request_host(tmp_path: Path) -> None:
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/t.db"})
    assert app.config["TRUSTED_HOSTS"] is None
    assert app.test_client().get("/accounts/login", base_url="http://127.0.0.1:5000").status_code == 200


def _production(tmp_path: Path, **changes: object) -> Flask:
    settings = {**PRODUCTION, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/p.db", **changes}
    return create_app({key: value for key, value in settings.items() if value is not None})


def test_production_starts_with_a_public_address_and_redis(tmp_path: Path) -> None:
    app = _production(tmp_path, TRUSTED_HOSTS="www.credit.example.gov.cn, credit.example.gov.cn")
    assert app.config["TRUSTED_HOSTS"] == ["credit.example.gov.cn", "www.credit.example.gov.cn"]
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"


@pytest.mark.parametrize(("changes", "named"), [
    ({"PUBLIC_BASE_URL": None}, "PORTAL_PUBLIC_BASE_URL is required"),
    ({"PUBLIC_BASE_URL": "credit.example.gov.cn"}, "PORTAL_PUBLIC_BASE_URL must be"),
    ({"PUBLIC_BASE_URL": "https://credit.example.gov.cn/portal"}, "PORTAL_PUBLIC_BASE_URL must be"),
    ({"REDIS_URL": None}, "PORTAL_REDIS_URL .* is required in production: memory://"),
    ({"REDIS_URL": None, "RATELIMIT_STORAGE_URI": "memory://"}, "per worker process"),
])  # fmt: skip
def test_production_refuses_to_start_without_a_public_address_or_a_shared_limit_store(
    tmp_path: Path, changes: dict[str, object], named: str
) -> None:
    with pytest.raises(ConfigError, match=named):
        _production(tmp_path, **changes)


def test_two_app_instances_share_one_rate_limit_counter_in_redis(tmp_path: Path) -> None:
    """Two workers (two apps) against one Redis: the 3rd sign-in attempt of a 2-per-minute budget is refused by
    whichever worker gets it, as the per-worker memory:// store would not."""
    prefix = f"test-{uuid.uuid4().hex}"  # a key space of this test only (the Redis may be shared)
    settings = {"REDIS_URL": "redis://127.0.0.1:6379/0", "RATELIMIT_KEY_PREFIX": prefix, "RATELIMIT_LOGIN": "2/minute"}
    first = build_site(tmp_path / "a", **settings)
    second = build_site(tmp_path / "b", **settings)
    assert first.config["RATELIMIT_STORAGE_URI"].startswith("redis://")
    try:
        answers = []
        for app in (first, second, first, second):
            client = app.test_client()
            token = hidden_fields(client.get("/accounts/login").get_data(as_text=True))["csrf_token"]
            data = {"email": "nobody@example.gov.cn", "password": "wrong password", "csrf_token": token}
            answers.append(client.post("/accounts/login", data=data).status_code)
        assert answers == [401, 401, 429, 429]
    finally:  # no limiter.reset(): on Redis it would clear every site's counters; these keys expire in a minute
        for app in (first, second):
            with app.app_context():
                db.engine.dispose()


@pytest.mark.parametrize("kind", ["penalty", "permit", "list"])
def test_staff_decision_exports_stream_every_row_outside_an_app_context(bare_site: Flask, kind: str) -> None:
    with bare_site.app_context():  # a staff decision on each record of the kind (what the export lists)
        model = kinds.spec(kind).model
        for record in db.session.scalars(sa.select(model)):
            db.session.add(RecordHistory(record_kind=kind, record_id=record.id, version=1, data="{}",
                                         from_status="published", to_status="withdrawn", actor="reviewer",
                                         reason="SS-2026-1：经审查", changed_at=clock.now()))  # fmt: skip
        db.session.commit()
        db.session.remove()
    client = bare_site.test_client()
    page = client.get("/accounts/login")
    token = hidden_fields(page.get_data(as_text=True))["csrf_token"]
    signed = client.post("/accounts/login", data={"email": EMAILS[Role.REVIEWER], "password": PASSWORD,
                                                  "csrf_token": token})  # fmt: skip
    assert signed.status_code == 302
    response = client.get(f"/review/exports/{kind}.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 1 + 3, rows  # the header and the three changed records: the stream ran to its end
    assert {row[-1] for row in rows[1:]} == {"SS-2026-1"}
