"""Fixtures of the 联合奖惩 tests: data-standard examples (tests/submissions/fixtures.py), department users, keys."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal import clock
from portal.accounts.services import create_user
from portal.domain.roles import Role
from portal.extensions import db
from portal.joint import apikeys
from tests.conftest import post_form
from tests.submissions import fixtures as base
from tests.submissions.fixtures import CITY_DEPT, MARKET_DEPT, PASSWORD, staff_client

# The shared fixtures of the submission tests (site = data-standard examples imported, clock on TODAY).
_fast_hashes = base._fast_hashes
site = base.site
client = base.client
staff = base.staff
__all__ = ["CITY_DEPT", "MARKET_DEPT", "_fast_hashes", "client", "post_form", "site", "staff"]

DEPT_EMAIL = "dept@example.gov.cn"
OTHER_DEPT_EMAIL = "other-dept@example.gov.cn"
BLACKLISTED = "91430203MA4M8N2P8B"  # 政府采购领域严重违法失信主体 (public on TODAY)
REDLISTED = "91430202MA4Q7K3C8H"  # 纳税信用A级纳税人
REMOVED = "91430211MA4T6G9H32"  # 企业经营异常名录, removed 2026-09-01: not public
PENALISED = "91430200MA4L0A1B7K"  # one public serious penalty
MINOR_SHOP = "92430202MA4R2D5E1N"  # only a 轻微 penalty: nothing public


@pytest.fixture
def departments(site: Flask, staff: dict[Role, int]) -> dict[str, int]:
    return {
        DEPT_EMAIL: create_user(db.session, DEPT_EMAIL, PASSWORD, Role.DEPARTMENT, department_uscc=MARKET_DEPT).id,
        OTHER_DEPT_EMAIL: create_user(
            db.session, OTHER_DEPT_EMAIL, PASSWORD, Role.DEPARTMENT, department_uscc=CITY_DEPT
        ).id,
    }


@pytest.fixture
def dept(site: Flask, departments: dict[str, int]) -> FlaskClient:
    return staff_client(site, DEPT_EMAIL)


@pytest.fixture
def other_dept(site: Flask, departments: dict[str, int]) -> FlaskClient:
    return staff_client(site, OTHER_DEPT_EMAIL)


@pytest.fixture
def admin(site: Flask, staff: dict[Role, int]) -> FlaskClient:
    return staff_client(site, Role.ADMIN)


def make_key(department: str = MARKET_DEPT, scopes: tuple[str, ...] = apikeys.SCOPES) -> str:
    _key, token = apikeys.create_key(
        db.session, department, "测试接口", scopes, actor="admin@example.gov.cn", actor_id=None, now=clock.now()
    )
    return token


@pytest.fixture
def token(site: Flask) -> str:
    return make_key()


def run_web_check(client: FlaskClient, **data: object) -> tuple[int, str]:
    """Start a check through the form; returns (check id, result page)."""
    body = {"act": "tender", "purpose": "2026年政府采购项目资格审查", **data}
    response = post_form(client, "/joint/checks/new", body, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    check_id = int(re.search(r"/joint/checks/(\d+)", response.headers["Location"]).group(1))  # type: ignore[union-attr]
    page = client.get(f"/joint/checks/{check_id}")
    return check_id, page.get_data(as_text=True)
