"""Bad input on the grant form and the institution register; role tests of the admin screens."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask

from portal.domain.roles import Role
from portal.extensions import db
from portal.models import AccessGrant, ApiKey, AuditEntry, Institution
from tests.conftest import post_form
from tests.enterprise.helpers import SHOP, bind, make_account, signed_in
from tests.special.grant_helpers import bank_uscc, code_of, give, institution


@pytest.mark.parametrize(
    ("data", "message", "status"),
    [
        ({"purpose": ""}, "This field is required.", 400),
        ({"purpose": "用" * 201}, "Field cannot be longer than 200 characters.", 400),
        ({"purpose": "\x00\x01"}, "This field is required.", 400),  # control characters are stripped
        ({"valid_from": "tomorrow"}, "Enter a date as YYYY-MM-DD.", 400),
        ({"valid_until": ""}, "Enter a date as YYYY-MM-DD.", 400),
        ({"valid_from": "2026-11-22"}, "The grant must start today or later", 400),
        ({"valid_until": "2027-11-25"}, "last at most a year", 400),
        ({"valid_from": "2026-12-01", "valid_until": "2026-11-30"}, "end after it starts", 400),
        ({"institution": "999"}, "Not a valid choice", 400),
        ({"institution": "<script>"}, "This field is required.", 400),
    ],
)
def test_bad_grants_are_refused_with_a_message(site: Flask, data: dict, message: str, status: int) -> None:  # type: ignore[type-arg]
    bank, _token = institution()
    binding = bind(make_account(), SHOP, "荷塘区示例餐饮店")
    company = signed_in(site)
    company.set_cookie("locale", "en")
    response = give(company, binding.id, bank.id, **data)
    html = response.get_data(as_text=True)
    assert response.status_code == status, html[:300]
    assert message in html
    assert "<script>" not in html.split("<main", 1)[-1].split("</main>", 1)[0].replace("<script src", "")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AccessGrant)) == 0


def test_a_second_grant_to_the_same_institution_is_refused_until_the_first_is_revoked(site: Flask) -> None:
    bank, _token = institution()
    binding = bind(make_account(), SHOP, "荷塘区示例餐饮店")
    company = signed_in(site)
    code_of(give(company, binding.id, bank.id))
    again = give(company, binding.id, bank.id)
    assert again.status_code == 409
    assert "该机构已有有效授权" in again.get_data(as_text=True)
    grant = db.session.scalars(sa.select(AccessGrant)).one()
    post_form(company, f"/enterprise/subjects/{binding.id}/grants", {},
              f"/enterprise/subjects/{binding.id}/grants/{grant.id}/revoke")  # fmt: skip
    assert code_of(give(company, binding.id, bank.id))
    page = company.get(f"/enterprise/subjects/{binding.id}/grants").get_data(as_text=True)
    assert "暂不支持自然人授权" in page  # natural persons: not yet (said on the page)
    assert "已撤销" in page  # the first grant, revoked


def test_the_admin_registers_an_institution_and_issues_a_key_shown_once(site: Flask, auth) -> None:  # type: ignore[no-untyped-def]
    admin = auth.admin()
    code = bank_uscc()
    response = post_form(admin, "/review/institutions", {"uscc": code, "name": "株洲示例银行", "kind": "bank",
                                                         "contact": "王经理"})  # fmt: skip
    assert response.status_code == 303
    found = db.session.scalars(sa.select(Institution)).one()
    issued = post_form(admin, "/review/institutions", {}, f"/review/institutions/{found.id}/keys")
    html = issued.get_data(as_text=True)
    assert issued.status_code == 200
    assert 'id="new-token">jlk_' in html
    key = db.session.scalars(sa.select(ApiKey)).one()
    assert key.scopes == "authorised-check"
    assert key.department_uscc == code
    token = html.split('id="new-token">', 1)[1].split("<", 1)[0]
    assert token not in admin.get("/review/institutions").get_data(as_text=True)
    duplicate = post_form(admin, "/review/institutions", {"uscc": code, "name": "又一家", "kind": "bank",
                                                          "contact": "李"})  # fmt: skip
    assert duplicate.status_code == 409
    assert "该统一社会信用代码的机构已登记" in duplicate.get_data(as_text=True)
    retired = post_form(admin, "/review/institutions", {}, f"/review/institutions/{found.id}/retire")
    assert retired.status_code == 303
    db.session.expire_all()
    assert db.session.scalars(sa.select(ApiKey)).one().revoked_at is not None
    actions = set(db.session.scalars(sa.select(AuditEntry.action)))
    assert {"institution_register", "api_key_create", "institution_retire"} <= actions


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"uscc": ""}, "This field is required."),
        ({"uscc": "91430200MA4L0B2C3A"}, "Enter a valid 18-character unified social credit code."),
        ({"uscc": "x" * 500}, "Field cannot be longer than 18 characters."),
        ({"name": ""}, "This field is required."),
        ({"name": "名" * 257}, "Field cannot be longer than 256 characters."),
        ({"kind": "casino"}, "Not a valid choice"),
        ({"contact": ""}, "This field is required."),
    ],
)
def test_bad_institutions_are_refused(site: Flask, auth, data: dict, message: str) -> None:  # type: ignore[no-untyped-def, type-arg]
    admin = auth.admin()
    admin.set_cookie("locale", "en")
    form = {"uscc": bank_uscc(), "name": "<b>株洲示例银行</b>", "kind": "bank", "contact": "王经理", **data}
    response = post_form(admin, "/review/institutions", form)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html
    assert "<b>株洲示例银行</b>" not in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Institution)) == 0


def test_only_admins_use_the_institution_screens(site: Flask, client, auth) -> None:  # type: ignore[no-untyped-def]
    bank, _token = institution()
    assert client.get("/review/institutions").status_code == 302
    for role in Role:
        staff = auth.staff(role)
        expected = 200 if role is Role.ADMIN else 403
        assert staff.get("/review/institutions").status_code == expected, role
    company = signed_in(site, make_account().email)
    assert company.get("/review/institutions").status_code == 403
    assert post_form(company, "/enterprise/", {}, f"/review/institutions/{bank.id}/keys").status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiKey)) == 1
