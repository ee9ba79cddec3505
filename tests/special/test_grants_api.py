"""The authorised check API: keys and scopes, bad input, the miss rate limit, and the PDF answer."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal import clock
from portal.extensions import db
from portal.joint import apikeys
from portal.models import AuditEntry, AuthorisedCheck
from tests.enterprise.helpers import SHOP, SHOP_MINOR_NO, bind, make_account, signed_in
from tests.special.grant_helpers import check, code_of, give, institution

URL = "/api/v1/authorised-checks"
MARKET_DEPT = "11430200006123458Y"


def _granted(site: Flask) -> tuple[str, str]:
    bank, token = institution()
    binding = bind(make_account(), SHOP, "荷塘区示例餐饮店")
    return token, code_of(give(signed_in(site), binding.id, bank.id))


def test_keys_without_the_scope_and_missing_keys_are_refused(site: Flask, client: FlaskClient) -> None:
    token, code = _granted(site)
    _key, department = apikeys.create_key(db.session, MARKET_DEPT, "核查", ["check"], actor="a", actor_id=None,
                                          now=clock.now())  # fmt: skip
    refused = check(client, department, SHOP, code)
    assert refused.status_code == 403
    assert refused.get_json()["error"]["code"] == "insufficient_scope"
    assert SHOP_MINOR_NO not in refused.get_data(as_text=True)
    assert client.post(URL, json={"uscc": SHOP, "code": code}).status_code == 401
    bad = client.post(URL, json={"uscc": SHOP, "code": code}, headers={"Authorization": "Bearer jlk_nope"})
    assert bad.status_code == 401
    assert bad.get_json()["error"]["code"] == "invalid_key"
    # An institution's key opens nothing else.
    joint = client.post("/api/v1/joint/checks", json={"act": "x", "purpose": "y", "subject": SHOP},
                        headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    assert joint.status_code == 403
    assert db.session.scalar(sa.select(AuditEntry.id).where(AuditEntry.action == "api_denied"))


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (None, "invalid_json"),
        ([], "invalid_json"),
        ({}, "invalid_uscc"),
        ({"uscc": "123", "code": "SQ"}, "invalid_uscc"),
        ({"uscc": 5, "code": "SQ"}, "invalid_uscc"),
        ({"uscc": SHOP}, "invalid_code"),
        ({"uscc": SHOP, "code": ""}, "invalid_code"),
        ({"uscc": SHOP, "code": "S" * 65}, "invalid_code"),
        ({"uscc": SHOP, "code": ["SQ"]}, "invalid_code"),
        ({"uscc": "<script>alert(1)</script>", "code": "x"}, "invalid_uscc"),
    ],
)
def test_bad_bodies_get_a_clear_json_error(site: Flask, client: FlaskClient, body: object, code: str) -> None:
    _bank, token = institution()
    headers = {"Authorization": f"Bearer {token}"}
    response = client.post(URL, json=body, headers=headers) if body is not None else client.post(
        URL, data="not json", headers={**headers, "Content-Type": "application/json"})  # fmt: skip
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == code
    assert "<script>" not in response.get_data(as_text=True)
    big = client.post(URL, data="x" * 300_000, headers={**headers, "Content-Type": "application/json"})
    assert big.status_code == 413


def test_misses_are_limited_but_granted_checks_are_not(site: Flask, client: FlaskClient) -> None:
    site.config["RATELIMIT_AUTHORISED_CHECK_MISS"] = "3 per minute"
    token, code = _granted(site)
    for _ in range(5):  # granted checks do not count against the misses
        assert check(client, token, SHOP, code).get_json()["access"] == "authorised"
    for attempt in range(3):
        assert check(client, token, SHOP, f"SQ-2222-3333-4444-555{attempt + 2}").status_code == 200
    limited = check(client, token, SHOP, "SQ-2222-3333-4444-5556")
    assert limited.status_code == 429
    assert limited.get_json()["error"]["code"]
    # A sweep of subjects hits the same wall: no more answers of any kind until the window passes.
    assert check(client, token, "91430200MA4L0A1B7K", "SQ-2222-3333-4444-5557").status_code == 429
    assert check(client, token, SHOP, code).status_code == 429


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_pdf_is_the_full_report_with_a_grant_and_the_public_one_without(site: Flask, client: FlaskClient,
                                                                             tmp_path) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    token, code = _granted(site)

    def text(response) -> str:  # type: ignore[no-untyped-def]
        assert response.status_code == 200
        assert response.mimetype == "application/pdf"
        path = tmp_path / "check.pdf"
        path.write_bytes(response.data)
        out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,  # noqa: S603, S607
                             check=True).stdout  # fmt: skip
        return "".join(out.split())

    full = text(check(client, token, SHOP, code, pdf=True))
    assert "荷市监简罚" in full
    assert "完整版" in full
    public = text(check(client, token, SHOP, "SQ-2222-3333-4444-5555", pdf=True))
    assert "荷市监简罚" not in public
    assert "公开版" in public
    logged = db.session.scalars(sa.select(AuthorisedCheck)).one()
    assert logged.output == "pdf"
    assert logged.report_no
    assert logged.report_no in full
    assert check(client, token, "91430200MA4L0C9D1X", code, pdf=True).status_code == 404
