"""Sign-out ends the session for every copy of its cookie; no activity keeps a session beyond its absolute lifetime."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal import clock
from portal.domain.roles import Role
from portal.extensions import db
from portal.models import AuditEntry
from tests.conftest import csrf_of
from tests.enterprise.helpers import OWNER, make_account, signed_in
from tests.security.conftest import DEPT_EMAIL
from tests.submissions.fixtures import EMAILS, staff_client


def _cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def _replay(app: Flask, value: str) -> FlaskClient:
    thief = app.test_client()
    thief.set_cookie("session", value)
    return thief


@pytest.mark.usefixtures("staff")
@pytest.mark.parametrize("who", [Role.INTAKE, Role.REVIEWER, Role.ADMIN, DEPT_EMAIL])
def test_a_cookie_copied_before_staff_sign_out_opens_nothing_after_it(site: Flask, department: str, who: Role) -> None:
    client = staff_client(site, who)
    home = "/joint/" if who == DEPT_EMAIL else "/review/"
    assert client.get(home).status_code == 200
    copied = _cookie(client)
    assert _replay(site, copied).get(home).status_code == 200  # the copy works while the session lives
    assert client.post("/accounts/logout", data={"csrf_token": csrf_of(client, home)}).status_code == 302
    for path in (home, "/review/exports", "/accounts/users"):
        response = _replay(site, copied).get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/accounts/login")
    email = EMAILS.get(who, who)  # type: ignore[call-overload]
    actions = list(db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.actor == email)))
    assert actions[-1] == "logout"


def test_a_cookie_copied_before_enterprise_sign_out_opens_nothing_after_it(site: Flask) -> None:
    make_account()
    client = signed_in(site)
    assert client.get("/enterprise/").status_code == 200
    copied = _cookie(client)
    assert client.post("/enterprise/logout", data={"csrf_token": csrf_of(client, "/enterprise/")}).status_code == 302
    for path in ("/enterprise/", "/enterprise/bindings/new"):
        response = _replay(site, copied).get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/enterprise/login")
    actions = list(db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.actor == OWNER)))
    assert actions[-1] == "enterprise_logout"
    assert signed_in(site).get("/enterprise/").status_code == 200  # signing in again works


@pytest.mark.usefixtures("staff")
def test_activity_does_not_keep_a_session_beyond_its_absolute_lifetime(site: Flask, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    now = [datetime(2026, 11, 23, 0, 30, tzinfo=UTC)]
    monkeypatch.setattr(clock, "now", lambda: now[0])
    client = staff_client(site, Role.INTAKE)
    for _step in range(24):  # a request every 29 minutes (11 h 36 min): the idle timeout never ends it
        now[0] += timedelta(minutes=29)
        assert client.get("/review/").status_code == 200
    assert site.config["SESSION_MAX_HOURS"] == 12
    now[0] += timedelta(minutes=29)  # 12 h 5 min after sign-in
    response = client.get("/review/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login")


def test_enterprise_sessions_have_the_same_absolute_lifetime(site: Flask, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    now = [clock.now()]
    monkeypatch.setattr(clock, "now", lambda: now[0])
    make_account()
    client = signed_in(site)
    for _step in range(40):  # a request every 18 minutes, 12 hours long
        now[0] += timedelta(minutes=18)
        assert client.get("/enterprise/").status_code == 200
    now[0] += timedelta(minutes=1)
    assert client.get("/enterprise/").status_code == 302


def test_locked_enterprise_sign_ins_are_audited_like_staff_ones(site: Flask, client: FlaskClient) -> None:
    from tests.enterprise.helpers import sign_in

    make_account()
    for attempt in range(5):
        assert sign_in(client, OWNER, f"wrong password {attempt}").status_code == 401
    assert sign_in(client, OWNER).status_code == 401  # locked, even with the right password
    actions = list(db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.actor == OWNER)))
    assert actions.count("enterprise_login_failed") == 4
    assert "enterprise_account_locked" in actions
    assert actions[-1] == "enterprise_login_refused_locked"
