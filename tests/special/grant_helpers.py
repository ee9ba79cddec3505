"""Helpers of the authorised check tests: an institution with its key, a grant given through the form, a check."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from portal import clock
from portal.extensions import db
from portal.grants import institutions
from portal.models import Institution
from tests.conftest import post_form


def bank_uscc() -> str:
    from portal.domain import uscc

    return "91430200MA4L0B2C3" + uscc.check_char("91430200MA4L0B2C3")


def institution(name: str = "株洲示例银行", code: str | None = None) -> tuple[Institution, str]:
    """A registered institution and the token of its authorised-check key."""
    new = institutions.NewInstitution(code or bank_uscc(), name, "bank", "王经理")
    found = institutions.register(db.session, new, actor="admin@example.gov.cn", actor_id=None, now=clock.now())
    _key, token = institutions.issue_key(db.session, found.id, actor="admin@example.gov.cn", actor_id=None,
                                         now=clock.now())  # fmt: skip
    return found, token


def grant_page(binding_id: int) -> str:
    return f"/enterprise/subjects/{binding_id}/grants"


def give(client: FlaskClient, binding_id: int, institution_id: int, **data: Any) -> TestResponse:
    form = {"institution": str(institution_id), "purpose": "贷款审查", "valid_from": "2026-11-23",
            "valid_until": "2027-02-21", **data}  # fmt: skip
    return post_form(client, grant_page(binding_id), form)


def code_of(response: TestResponse) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    match = re.search(r'<code id="grant-code">([^<]+)</code>', response.get_data(as_text=True))
    assert match
    return match.group(1)


def check(api: FlaskClient, token: str, uscc: str, code: str, *, pdf: bool = False) -> TestResponse:
    path = "/api/v1/authorised-checks" + ("/pdf" if pdf else "")
    return api.post(path, json={"uscc": uscc, "code": code}, headers={"Authorization": f"Bearer {token}"})
