"""Staff accounts: create-user, hashed passwords, login, lockout after 5 failures for 15 minutes, idle timeout."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskCliRunner

from portal.domain.roles import Role
from portal.extensions import db
from portal.models import AuditEntry
from tests.submissions.fixtures import EMAILS, PASSWORD, hidden_fields, login, user

_user = user  # the shared lookup of tests/submissions/fixtures.py


class Clock:
    def __init__(self) -> None:
        self.value = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.value


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr("portal.clock.now", fake)
    return fake


def test_create_user_prompts_for_the_password_and_stores_only_a_hash(site: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["create-user", "New.Staff@Example.gov.cn", "--role", "reviewer"],
                           input=f"{PASSWORD}\n{PASSWORD}\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "created user" in result.output
    user = _user("new.staff@example.gov.cn")
    assert user.role is Role.REVIEWER
    assert user.is_active
    assert PASSWORD not in user.password_hash
    assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["v@example.gov.cn", "--role", "verifier"], PASSWORD, "--department"),
        (["v@example.gov.cn", "--role", "verifier", "--department", "123"], PASSWORD, "--department"),
        (["short@example.gov.cn", "--role", "intake"], "short", "12"),
        (["not-an-email", "--role", "intake"], PASSWORD, "电子邮箱"),
    ],
)
def test_create_user_refuses_bad_values_with_one_line(
    site: Flask, runner: FlaskCliRunner, args: list[str], password: str, message: str
) -> None:
    result = runner.invoke(args=["create-user", *args], input=f"{password}\n{password}\n")
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_create_user_refuses_a_duplicate_and_an_unknown_role(site: Flask, runner: FlaskCliRunner) -> None:
    twice = f"{PASSWORD}\n{PASSWORD}\n"
    ok = runner.invoke(args=["create-user", "a@example.gov.cn", "--role", "admin"], input=twice)
    again = runner.invoke(args=["create-user", "A@example.gov.cn", "--role", "admin"], input=twice)
    bad_role = runner.invoke(args=["create-user", "b@example.gov.cn", "--role", "root"], input=twice)
    assert (ok.exit_code, again.exit_code) == (0, 2)
    assert "已有账号" in again.output
    assert bad_role.exit_code == 2


def test_a_verifier_is_created_with_its_department(site: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["create-user", "v@example.gov.cn", "--role", "verifier", "--department",
                                 "11430200006123458y"], input=f"{PASSWORD}\n{PASSWORD}\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert _user("v@example.gov.cn").department_uscc == "11430200006123458Y"


@pytest.mark.usefixtures("staff")
def test_signing_in_opens_the_work_queue_with_a_permanent_session(site: Flask, clock: Clock) -> None:
    client = site.test_client()
    response = login(client, EMAILS[Role.INTAKE])
    assert response.status_code == 302
    assert response.headers["Location"] == "/review/"
    assert client.get("/review/").status_code == 200
    with client.session_transaction() as session:
        assert session.permanent
    assert _user(EMAILS[Role.INTAKE]).last_login_at == clock.value
    actions = db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.actor == EMAILS[Role.INTAKE]))
    assert "login" in list(actions)


@pytest.mark.usefixtures("staff")
def test_a_wrong_password_and_an_unknown_account_get_the_same_answer(site: Flask) -> None:
    client = site.test_client()
    wrong = login(client, EMAILS[Role.INTAKE], "wrong password!!")
    unknown = login(client, "nobody@example.gov.cn", "wrong password!!")
    assert wrong.status_code == unknown.status_code == 401
    strip = lambda html: "".join(line for line in html.splitlines() if "value=" not in line)  # noqa: E731
    assert strip(wrong.get_data(as_text=True)) == strip(unknown.get_data(as_text=True))
    assert client.get("/review/").status_code == 302


@pytest.mark.usefixtures("staff")
def test_five_failures_lock_the_account_for_fifteen_minutes(site: Flask, clock: Clock) -> None:
    client = site.test_client()
    email = EMAILS[Role.REVIEWER]
    for attempt in range(4):
        assert login(client, email, f"wrong {attempt} password").status_code == 401
    assert _user(email).locked_until is None
    assert login(client, email, "wrong again password").status_code == 401
    assert _user(email).locked_until == clock.value + timedelta(minutes=15)
    assert login(client, email).status_code == 401  # the right password is refused while locked
    clock.value += timedelta(minutes=14, seconds=59)
    assert login(client, email).status_code == 401
    clock.value += timedelta(seconds=2)
    assert login(client, email).status_code == 302
    user = _user(email)
    assert (user.failed_logins, user.locked_until) == (0, None)
    actions = list(db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.actor == email)))
    assert actions.count("login_failed") == 4
    assert "account_locked" in actions
    assert "login_refused_locked" in actions


@pytest.mark.usefixtures("staff")
def test_a_success_resets_the_failure_count(site: Flask) -> None:
    client = site.test_client()
    email = EMAILS[Role.INTAKE]
    for _attempt in range(3):
        login(client, email, "wrong password here")
    assert login(client, email).status_code == 302
    assert _user(email).failed_logins == 0


@pytest.mark.usefixtures("staff")
def test_an_inactive_account_cannot_sign_in_and_its_sessions_end(site: Flask) -> None:
    client = site.test_client()
    assert login(client, EMAILS[Role.ADMIN]).status_code == 302
    user = _user(EMAILS[Role.ADMIN])
    user.is_active = False
    db.session.commit()
    ended = client.get("/review/")
    assert ended.status_code == 302
    assert ended.headers["Location"].startswith("/accounts/login")
    refused = login(site.test_client(), EMAILS[Role.ADMIN])
    assert refused.status_code == 401
    assert "电子邮箱或密码不正确，或因多次登录失败账户已被暂时锁定。" in refused.get_data(as_text=True)


@pytest.mark.usefixtures("staff")
def test_the_session_ends_after_30_idle_minutes(site: Flask, clock: Clock) -> None:
    client = site.test_client()
    login(client, EMAILS[Role.INTAKE])
    clock.value += timedelta(minutes=29)
    assert client.get("/review/").status_code == 200  # activity keeps it alive
    clock.value += timedelta(minutes=29)
    assert client.get("/review/").status_code == 200
    clock.value += timedelta(minutes=31)
    response = client.get("/review/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login")
    assert site.permanent_session_lifetime == timedelta(minutes=30)


@pytest.mark.usefixtures("staff")
def test_sign_out_needs_a_post_with_csrf(site: Flask) -> None:
    client = site.test_client()
    login(client, EMAILS[Role.INTAKE])
    assert client.get("/accounts/logout").status_code == 405
    assert client.post("/accounts/logout").status_code == 400  # no CSRF token
    token = hidden_fields(client.get("/review/").get_data(as_text=True))["csrf_token"]
    assert client.post("/accounts/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/review/").status_code == 302


@pytest.mark.usefixtures("staff")
@pytest.mark.parametrize(
    ("target", "expected"),
    [("/review/exports", "/review/exports"), ("https://evil.example/", "/review/"), ("//evil.example/x", "/review/"),
     ("/\\evil.example", "/review/")],
)
def test_only_local_next_urls_are_followed(site: Flask, target: str, expected: str) -> None:
    client = site.test_client()
    page = client.get("/accounts/login")
    token = hidden_fields(page.get_data(as_text=True))["csrf_token"]
    response = client.post("/accounts/login", query_string={"next": target},
                           data={"email": EMAILS[Role.ADMIN], "password": PASSWORD, "csrf_token": token})  # fmt: skip
    assert response.headers["Location"] == expected


@pytest.mark.usefixtures("staff")
def test_sign_in_attempts_are_rate_limited(site: Flask) -> None:
    site.config["RATELIMIT_LOGIN"] = "3 per minute"
    client = site.test_client()
    statuses = [login(client, f"x{i}@example.gov.cn", "whatever password").status_code for i in range(4)]
    assert statuses == [401, 401, 401, 429]


@pytest.mark.usefixtures("staff")
def test_the_back_office_sends_anonymous_visitors_to_sign_in_with_a_message(site: Flask) -> None:
    client = site.test_client()
    client.set_cookie("locale", "en")
    response = client.get("/review/exports")
    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/login?next=%2Freview%2Fexports"
    assert "Please sign in to use the back office." in client.get(response.headers["Location"]).get_data(as_text=True)
