"""Helpers of the enterprise and report tests: accounts, bindings and sign-in made the way a browser does."""

from __future__ import annotations

import re

import pytest
from flask import Flask, current_app
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash
from werkzeug.test import TestResponse

from portal import clock
from portal.enterprise import accounts
from portal.extensions import db
from portal.models import SubjectBinding
from portal.models.enterprise import BindingStatus, EnterpriseAccount
from tests.conftest import post_form
from tests.submissions.fixtures import FAST

FOOD = "91430200MA4L0A1B7K"  # 株洲示例食品有限公司: serious penalty (public) + permit
SHOP = "92430202MA4R2D5E1N"  # 荷塘区示例餐饮店: permit (public) + minor penalty (not public)
SHOP_MINOR_NO = "荷市监简罚〔2026〕7号"
PASSWORD = "correct horse battery"
OWNER = "owner@example.com"
OTHER = "other@example.com"


@pytest.fixture(autouse=True)
def _fast_enterprise_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "generate_password_hash", lambda pw: generate_password_hash(pw, FAST))
    monkeypatch.setattr(accounts, "_DUMMY_HASH", generate_password_hash("dummy-password", FAST))


def link_in(body: str) -> str:
    match = re.search(r"http://localhost(/\S+)", body)
    assert match, body
    return match.group(1)


def make_account(email: str = OWNER, *, confirmed: bool = True) -> EnterpriseAccount:
    account = accounts.register(db.session, email, PASSWORD, "张经理", now=clock.now()).account
    assert account is not None
    if confirmed:
        account.confirmed_at = clock.now()
        db.session.commit()
    return account


def bind(account: EnterpriseAccount, uscc: str, name: str = "株洲示例食品有限公司",
         status: BindingStatus = BindingStatus.APPROVED) -> SubjectBinding:  # fmt: skip
    binding = SubjectBinding(account_id=account.id, uscc=uscc, claimed_name=name, applicant_name="张经理",
                             applicant_phone="13812345678", status=status)  # fmt: skip
    db.session.add(binding)
    db.session.commit()
    return binding


def sign_in(client: FlaskClient, email: str = OWNER, password: str = PASSWORD) -> TestResponse:
    return post_form(client, "/enterprise/login", {"email": email, "password": password})


def signed_in(app: Flask, email: str = OWNER) -> FlaskClient:
    client = app.test_client()
    response = sign_in(client, email)
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    return client


def secret() -> str:
    return str(current_app.config["SECRET_KEY"])
