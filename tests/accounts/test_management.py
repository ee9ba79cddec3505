"""Staff account management: only administrators manage accounts; temporary passwords must be replaced; password
changes and deactivation end the other sessions; every change is audited; bad input gets a clear answer."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.roles import Role
from portal.extensions import db
from portal.models import AuditEntry, User
from tests.submissions.fixtures import EMAILS, PASSWORD, hidden_fields, login, staff_client, user

NEW_EMAIL = "new.officer@example.gov.cn"


_user = user  # the shared lookup of tests/submissions/fixtures.py


def _post(client: FlaskClient, page: str, url: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    token = hidden_fields(client.get(page).get_data(as_text=True))["csrf_token"]
    return client.post(url, data={"csrf_token": token, **data})


def _create(admin: FlaskClient, email: str = NEW_EMAIL, role: str = "intake", department: str = "") -> str:
    response = _post(admin, "/accounts/users", "/accounts/users/new",
                     {"email": email, "role": role, "department_uscc": department})  # fmt: skip
    html = response.get_data(as_text=True)
    assert response.status_code == 201, html[:3000]
    match = re.search(r'id="temporary-password">([^<]+)<', html)
    assert match
    return match.group(1)


def _audited(action: str, email: str) -> bool:
    user = _user(email)
    return db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry).where(
        AuditEntry.action == action, AuditEntry.target == f"user:{user.id}")) == 1  # fmt: skip


@pytest.mark.parametrize("role", [Role.INTAKE, Role.VERIFIER, Role.REVIEWER])
def test_only_administrators_reach_the_account_pages(site: Flask, staff: dict[Role, int], role: Role) -> None:
    client = staff_client(site, role)
    assert client.get("/accounts/users").status_code == 403
    token = hidden_fields(client.get("/accounts/password").get_data(as_text=True))["csrf_token"]
    refused = client.post("/accounts/users/new", data={"csrf_token": token, "email": NEW_EMAIL, "role": "admin"})
    assert refused.status_code == 403
    assert db.session.scalar(sa.select(User.id).where(User.email == NEW_EMAIL)) is None
    assert client.post(f"/accounts/users/{staff[Role.ADMIN]}/deactivate", data={"csrf_token": token}).status_code == 403
    assert _user(EMAILS[Role.ADMIN]).is_active
    anonymous = site.test_client().get("/accounts/users")
    assert anonymous.status_code == 302
    assert "/accounts/login" in anonymous.headers["Location"]


def test_the_list_shows_every_account_with_its_role_and_status(site: Flask, staff: dict[Role, int]) -> None:
    html = staff_client(site, Role.ADMIN).get("/accounts/users").get_data(as_text=True)
    for email in EMAILS.values():
        assert email in html
    assert "核查员" in html
    assert "11430200006123458Y" in html


def test_a_new_account_gets_a_temporary_password_that_must_be_replaced(site: Flask, staff: dict[Role, int]) -> None:
    admin = staff_client(site, Role.ADMIN)
    temporary = _create(admin)
    assert len(temporary) == 16
    user = _user(NEW_EMAIL)
    assert user.role is Role.INTAKE
    assert user.must_change_password
    assert temporary not in user.password_hash
    assert _audited("create_user", NEW_EMAIL)
    assert temporary not in admin.get("/accounts/users").get_data(as_text=True)  # shown once only

    officer = site.test_client()
    assert login(officer, NEW_EMAIL, temporary).status_code == 302
    blocked = officer.get("/review/")
    assert blocked.status_code == 302
    assert blocked.headers["Location"].endswith("/accounts/password")
    page = officer.get("/accounts/password").get_data(as_text=True)
    assert "选择您自己的密码" in page
    changed = _post(officer, "/accounts/password", "/accounts/password",
                    {"current": temporary, "new": "a long new passphrase", "confirm": "a long new passphrase"})
    assert changed.status_code == 302
    assert officer.get("/review/").status_code == 200  # this session continues under the new nonce
    assert not _user(NEW_EMAIL).must_change_password
    assert login(site.test_client(), NEW_EMAIL, temporary).status_code == 401
    assert login(site.test_client(), NEW_EMAIL, "a long new passphrase").status_code == 302


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not-an-address", "role": "intake"}, "电子邮箱"),
        ({"email": EMAILS[Role.INTAKE], "role": "intake"}, "已有账号"),
        ({"email": NEW_EMAIL, "role": "verifier"}, "部门"),
        ({"email": NEW_EMAIL, "role": "verifier", "department_uscc": "12345"}, "统一社会信用代码"),
        ({"email": NEW_EMAIL, "role": "superuser"}, "选择"),
        ({"email": "", "role": "intake"}, "必填"),
        ({"email": "<script>alert(1)</script>@x.cn", "role": "intake"}, "电子邮箱"),
        ({"email": "a'; DROP TABLE users; --@x.cn", "role": "intake"}, "电子邮箱"),
        ({"email": "x" * 300 + "@example.cn", "role": "intake"}, "电子邮箱"),
    ],
)
def test_bad_new_accounts_are_refused_with_a_clear_message(
    site: Flask, staff: dict[Role, int], data: dict[str, str], message: str
) -> None:
    admin = staff_client(site, Role.ADMIN)
    before = db.session.scalar(sa.select(sa.func.count()).select_from(User))
    response = _post(admin, "/accounts/users", "/accounts/users/new", {"department_uscc": "", **data})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html
    assert "<script>alert(1)</script>" not in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == before
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User).where(User.email == "users")) == 0


def test_deactivation_ends_the_sessions_and_reactivation_restores_sign_in(site: Flask, staff: dict[Role, int]) -> None:
    admin = staff_client(site, Role.ADMIN)
    reviewer = staff_client(site, Role.REVIEWER)
    assert reviewer.get("/review/").status_code == 200
    response = _post(admin, "/accounts/users", f"/accounts/users/{staff[Role.REVIEWER]}/deactivate", {})
    assert response.status_code == 302
    assert reviewer.get("/review/").status_code == 302  # signed out
    assert login(site.test_client(), EMAILS[Role.REVIEWER]).status_code == 401
    _post(admin, "/accounts/users", f"/accounts/users/{staff[Role.REVIEWER]}/activate", {})
    assert login(site.test_client(), EMAILS[Role.REVIEWER]).status_code == 302
    assert _audited("deactivate_user", EMAILS[Role.REVIEWER])
    assert _audited("activate_user", EMAILS[Role.REVIEWER])


def test_an_administrator_cannot_deactivate_themselves(site: Flask, staff: dict[Role, int]) -> None:
    admin = staff_client(site, Role.ADMIN)
    response = _post(admin, "/accounts/users", f"/accounts/users/{staff[Role.ADMIN]}/deactivate", {})
    assert response.status_code == 302
    assert "不能停用自己的账号" in admin.get("/accounts/users").get_data(as_text=True)
    assert _user(EMAILS[Role.ADMIN]).is_active


def test_reset_unlocks_ends_sessions_and_issues_a_new_temporary_password(site: Flask, staff: dict[Role, int]) -> None:
    intake = staff_client(site, Role.INTAKE)
    for _ in range(5):
        login(site.test_client(), EMAILS[Role.INTAKE], "wrong password!")
    assert _user(EMAILS[Role.INTAKE]).locked_until is not None
    admin = staff_client(site, Role.ADMIN)
    assert "锁定至" in admin.get("/accounts/users").get_data(as_text=True)
    response = _post(admin, "/accounts/users", f"/accounts/users/{staff[Role.INTAKE]}/reset-password", {})
    match = re.search(r'id="temporary-password">([^<]+)<', response.get_data(as_text=True))
    assert response.status_code == 200
    assert match
    assert intake.get("/review/").status_code == 302  # the old session ended
    assert login(site.test_client(), EMAILS[Role.INTAKE]).status_code == 401  # the old password is gone
    assert login(site.test_client(), EMAILS[Role.INTAKE], match.group(1)).status_code == 302
    assert _audited("reset_password", EMAILS[Role.INTAKE])


def test_unlock_lifts_a_lockout(site: Flask, staff: dict[Role, int]) -> None:
    for _ in range(5):
        login(site.test_client(), EMAILS[Role.VERIFIER], "wrong password!")
    locked = login(site.test_client(), EMAILS[Role.VERIFIER])  # the right password, but locked
    assert locked.status_code == 401
    assert "账户已被暂时锁定" in locked.get_data(as_text=True)
    assert _user(EMAILS[Role.VERIFIER]).locked_until is not None
    _post(staff_client(site, Role.ADMIN), "/accounts/users", f"/accounts/users/{staff[Role.VERIFIER]}/unlock", {})
    assert _user(EMAILS[Role.VERIFIER]).locked_until is None
    assert login(site.test_client(), EMAILS[Role.VERIFIER]).status_code == 302
    assert _audited("unlock_user", EMAILS[Role.VERIFIER])


def test_unknown_accounts_and_actions_are_404(site: Flask, staff: dict[Role, int]) -> None:
    admin = staff_client(site, Role.ADMIN)
    assert _post(admin, "/accounts/users", "/accounts/users/99999/unlock", {}).status_code == 404
    assert _post(admin, "/accounts/users", f"/accounts/users/{staff[Role.INTAKE]}/promote", {}).status_code == 404
    assert _post(admin, "/accounts/users", "/accounts/users/..%2F..%2Fetc/unlock", {}).status_code == 404


def test_account_actions_need_the_csrf_token(site: Flask, staff: dict[Role, int]) -> None:
    admin = staff_client(site, Role.ADMIN)
    assert admin.post(f"/accounts/users/{staff[Role.INTAKE]}/deactivate").status_code == 400
    assert _user(EMAILS[Role.INTAKE]).is_active


@pytest.mark.parametrize(
    ("current", "new", "confirm", "message"),
    [
        ("wrong password here", "a long new passphrase", "a long new passphrase", "当前密码不正确"),
        (PASSWORD, "short", "short", "至少"),
        (PASSWORD, "a long new passphrase", "another long phrase", "不一致"),
        (PASSWORD, PASSWORD, PASSWORD, "不能与当前密码相同"),
        ("", "", "", "必填"),
    ],
)
def test_changing_ones_password_checks_the_input(
    site: Flask, staff: dict[Role, int], current: str, new: str, confirm: str, message: str
) -> None:
    client = staff_client(site, Role.REVIEWER)
    response = _post(client, "/accounts/password", "/accounts/password",
                     {"current": current, "new": new, "confirm": confirm})  # fmt: skip
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert login(site.test_client(), EMAILS[Role.REVIEWER]).status_code == 302  # the password did not change


def test_a_password_change_ends_the_other_sessions(site: Flask, staff: dict[Role, int]) -> None:
    laptop, phone = staff_client(site, Role.REVIEWER), staff_client(site, Role.REVIEWER)
    _post(laptop, "/accounts/password", "/accounts/password",
          {"current": PASSWORD, "new": "a long new passphrase", "confirm": "a long new passphrase"})
    assert laptop.get("/review/").status_code == 200
    assert phone.get("/review/").status_code == 302
    assert _audited("change_password", EMAILS[Role.REVIEWER])
