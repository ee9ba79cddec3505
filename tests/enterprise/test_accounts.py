"""Enterprise accounts: registration, e-mail confirmation, sign-in with lockout, single-use password reset."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from portal.enterprise import accounts
from portal.extensions import db
from portal.models import EnterpriseAccount
from tests.conftest import outbox, post_form
from tests.enterprise.helpers import OWNER, PASSWORD, link_in, make_account, secret, sign_in, signed_in
from tests.submissions.fixtures import EMAILS, staff_client

NEW_PASSWORD = "a much better passphrase"
REGISTRATION = {"email": OWNER, "contact_name": "张经理", "password": PASSWORD, "password2": PASSWORD, "terms": "y"}


def test_registration_sends_a_confirmation_link_and_sign_in_works_after_confirming(
    site: Flask, client: FlaskClient
) -> None:
    response = post_form(client, "/enterprise/register", REGISTRATION)
    assert response.status_code == 200
    assert "owner@example.com" in response.get_data(as_text=True)
    account = db.session.query(EnterpriseAccount).one()
    assert account.confirmed_at is None
    assert account.password_hash.startswith("pbkdf2:")
    refused = sign_in(client)
    assert refused.status_code == 401
    assert "请先确认您的电子邮箱。" in refused.get_data(as_text=True)  # zh_CN: the default locale
    link = link_in(outbox(site)[-1].body)
    assert client.get(link).status_code == 302
    response = sign_in(client)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/enterprise/")
    assert client.get("/enterprise/").status_code == 200


def test_production_hashes_use_scrypt() -> None:
    from werkzeug.security import generate_password_hash

    assert generate_password_hash("x").startswith("scrypt:")  # what accounts.register calls outside the tests


def test_registering_an_address_twice_creates_nothing_and_tells_the_owner_only(
    site: Flask, client: FlaskClient
) -> None:
    make_account()
    before = len(outbox(site))
    response = post_form(client, "/enterprise/register", {**REGISTRATION, "contact_name": "冒名者"})
    assert response.status_code == 200  # the same answer as for a new address
    assert db.session.query(EnterpriseAccount).count() == 1
    mail = outbox(site)[before]
    assert mail.to == OWNER
    assert "/enterprise/password" in mail.body


def test_registration_rejects_bad_input_with_messages(site: Flask, client: FlaskClient) -> None:
    bad = {**REGISTRATION, "email": "not-an-address", "password": "short", "password2": "other",
           "contact_name": "<script>alert(1)</script>" * 10}  # fmt: skip
    response = post_form(client, "/enterprise/register", bad)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<script>alert(1)" not in html
    assert db.session.query(EnterpriseAccount).count() == 0


def test_a_forged_confirmation_link_is_refused(site: Flask, client: FlaskClient) -> None:
    account = make_account(confirmed=False)
    forged = accounts.confirmation_token("another-secret", account)
    assert client.get(f"/enterprise/confirm/{forged}").status_code == 400
    assert client.get("/enterprise/confirm/..%2F..%2Fetc%2Fpasswd").status_code == 404  # a token has no slash
    db.session.expire_all()
    assert db.session.get(EnterpriseAccount, account.id).confirmed_at is None


def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_one(site: Flask, client: FlaskClient) -> None:
    make_account()
    for _attempt in range(site.config["LOGIN_MAX_FAILURES"]):
        assert sign_in(client, password="wrong password!!").status_code == 401
    assert sign_in(client).status_code == 401  # locked
    db.session.expire_all()
    assert db.session.query(EnterpriseAccount).one().locked_until is not None


def test_password_reset_link_works_once_and_ends_other_sessions(site: Flask, client: FlaskClient) -> None:
    make_account()
    old_session = signed_in(site)
    asked = post_form(client, "/enterprise/password", {"email": OWNER})
    assert asked.status_code == 200
    assert OWNER in asked.get_data(as_text=True)
    link = link_in(outbox(site)[-1].body)
    response = post_form(client, link, {"password": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    reused = client.get(link)
    assert reused.status_code == 400  # single use: the password hash it was made for is gone
    assert client.post(link, data={"password": "yet another passphrase", "password2": "yet another passphrase"}
                       ).status_code == 400  # fmt: skip
    assert sign_in(client, password=PASSWORD).status_code == 401
    assert sign_in(client, password=NEW_PASSWORD).status_code == 302
    assert old_session.get("/enterprise/").status_code == 302  # the old session was ended


def test_reset_for_an_unknown_address_answers_the_same_and_sends_nothing(site: Flask, client: FlaskClient) -> None:
    before = len(outbox(site))
    response = post_form(client, "/enterprise/password", {"email": "nobody@example.com"})
    assert response.status_code == 200
    assert "nobody@example.com" in response.get_data(as_text=True)
    assert len(outbox(site)) == before


def test_an_expired_reset_link_is_refused(site: Flask, client: FlaskClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import time
    from types import SimpleNamespace

    account = make_account()
    monkeypatch.setattr("itsdangerous.timed.time", SimpleNamespace(time=lambda: time.time() - 7200))
    token = accounts.reset_token(secret(), account)
    monkeypatch.undo()
    response = client.get(f"/enterprise/password/{token}")
    assert response.status_code == 400
    assert "链接已过期，请重新获取。" in response.get_data(as_text=True)


def test_enterprise_pages_need_an_enterprise_session(site: Flask, client: FlaskClient, staff) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/enterprise/")
    assert response.status_code == 302
    assert "/enterprise/login" in response.headers["Location"]
    officer = staff_client(site, list(EMAILS)[0])
    assert officer.get("/enterprise/").status_code == 403
    make_account()
    company = signed_in(site)
    assert company.get("/review/").status_code == 403  # no staff role
    assert company.get("/review/bindings").status_code == 403


def test_sign_in_ignores_a_foreign_next_url(site: Flask, client: FlaskClient) -> None:
    make_account()
    page = client.get("/enterprise/login?next=//evil.example/")
    assert page.status_code == 200
    response = post_form(client, "/enterprise/login?next=//evil.example/", {"email": OWNER, "password": PASSWORD})
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]
    assert response.headers["Location"].endswith("/enterprise/")
