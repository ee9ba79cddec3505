"""授权查询 (DOMAIN §23): grants, checks with a code, the same public answer without a valid grant, the log."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.extensions import db
from portal.models import AccessGrant, AuditEntry, AuthorisedCheck
from tests.conftest import post_form
from tests.enterprise.helpers import FOOD, SHOP, SHOP_MINOR_NO, bind, make_account, signed_in
from tests.special.grant_helpers import check, code_of, give, grant_page, institution

FOOD_NAME = "株洲示例食品有限公司"


def _setup(site: Flask, uscc: str = SHOP) -> tuple[FlaskClient, int, int, str, str]:
    bank, token = institution()
    binding = bind(make_account(), uscc, "荷塘区示例餐饮店")
    company = signed_in(site)
    code = code_of(give(company, binding.id, bank.id))
    return company, binding.id, bank.id, token, code


def test_a_grant_gives_the_full_record_and_the_check_is_logged(site: Flask, client: FlaskClient, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level("DEBUG")
    company, binding_id, _bank, token, code = _setup(site)
    answer = check(client, token, SHOP, code.lower())  # typed from paper: case and dashes are forgiven
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["access"] == "authorised"
    assert body["grant"]["purpose"] == "贷款审查"
    records = [r["title"] for s in body["sections"] for r in s["records"]]
    assert SHOP_MINOR_NO in records  # not public: only the full record holds it
    log = company.get(f"{grant_page(binding_id)}/checks").get_data(as_text=True)
    assert "株洲示例银行" in log
    assert "已提供完整信用记录" in log
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuthorisedCheck)) == 1
    actions = set(db.session.scalars(sa.select(AuditEntry.action)))
    assert {"grant_issue", "authorised_check", "institution_register", "api_key_create"} <= actions
    reasons = " ".join(str(r) for r in db.session.scalars(sa.select(AuditEntry.reason)))
    for secret in (code, code.replace("-", ""), token):  # never in logs or the audit trail
        assert secret not in caplog.text
        assert secret not in reasons


def test_the_code_is_shown_once_and_kept_only_as_a_hash(site: Flask) -> None:
    company, binding_id, _bank, _token, code = _setup(site)
    stored = db.session.scalars(sa.select(AccessGrant)).one()
    plain = code.replace("-", "")
    assert plain not in stored.code_hash
    assert stored.code_hint == plain[-4:]
    page = company.get(grant_page(binding_id)).get_data(as_text=True)
    assert code not in page
    assert plain not in page
    assert "…" + plain[-4:] in page


def test_without_a_valid_grant_the_answer_is_the_public_one(site: Flask, client: FlaskClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    company, binding_id, _bank, token, code = _setup(site)
    public = client.get(f"/api/v1/subjects/{SHOP}").get_json()
    wrong_code = check(client, token, SHOP, "SQ-2222-3333-4444-5555")
    assert wrong_code.status_code == 200
    assert wrong_code.get_json() == {"access": "public", "grant": None, "profile": public}
    assert SHOP_MINOR_NO not in wrong_code.get_data(as_text=True)
    # A valid code for another subject answers as a wrong code does for that subject.
    food_wrong = check(client, token, FOOD, "SQ-2222-3333-4444-5555")
    food_with_shop_code = check(client, token, FOOD, code)
    assert food_with_shop_code.status_code == food_wrong.status_code == 200
    assert food_with_shop_code.get_json() == food_wrong.get_json()
    assert check(client, token, SHOP, "garbage!").get_json() == wrong_code.get_json()
    # Revoked: the same public answer.
    grant = db.session.scalars(sa.select(AccessGrant)).one()
    revoke = post_form(company, grant_page(binding_id), {}, f"{grant_page(binding_id)}/{grant.id}/revoke")
    assert revoke.status_code == 303
    assert check(client, token, SHOP, code).get_json() == wrong_code.get_json()
    log = company.get(f"{grant_page(binding_id)}/checks").get_data(as_text=True)
    assert "未提供：授权已撤销" in log


def test_an_expired_grant_answers_like_no_grant(site: Flask, client: FlaskClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _company, _binding_id, _bank, token, code = _setup(site)
    public = check(client, token, SHOP, "SQ-2222-3333-4444-5555").get_json()
    from datetime import date

    monkeypatch.setattr("portal.clock.today", lambda: date(2027, 2, 22))  # the day after valid_until
    assert check(client, token, SHOP, code).get_json() == public
    monkeypatch.setattr("portal.clock.today", lambda: date(2027, 2, 21))
    assert check(client, token, SHOP, code).get_json()["access"] == "authorised"
    outcomes = sorted(db.session.scalars(sa.select(AuthorisedCheck.outcome)))
    assert outcomes == ["expired", "granted"]


def test_another_institution_cannot_use_the_code(site: Flask, client: FlaskClient) -> None:
    _company, _binding_id, _bank, _token, code = _setup(site)
    from portal.domain import uscc

    _other, other_token = institution("另一家银行", "91430200MA4L0B2C4" + uscc.check_char("91430200MA4L0B2C4"))
    answer = check(client, other_token, SHOP, code)
    assert answer.get_json()["access"] == "public"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuthorisedCheck)) == 0


def test_a_subject_without_public_information_is_a_404_either_way(site: Flask, client: FlaskClient) -> None:
    _bank, token = institution()
    unknown = check(client, token, "91430200MA4L0C9D1X", "SQ-2222-3333-4444-5555")
    assert unknown.status_code == 404
    assert unknown.get_json()["error"]["code"] == "not_found"
    assert unknown.get_json() == client.get("/api/v1/subjects/91430200MA4L0C9D1X").get_json()


def test_the_grant_log_is_only_for_the_subjects_accounts(site: Flask, client: FlaskClient, auth) -> None:  # type: ignore[no-untyped-def]
    from portal.domain.roles import Role

    _company, binding_id, _bank, _token, _code = _setup(site)
    bind(make_account("other@example.com"), FOOD, FOOD_NAME)
    stranger = signed_in(site, "other@example.com")
    for path in (grant_page(binding_id), f"{grant_page(binding_id)}/checks"):
        assert stranger.get(path).status_code == 403
        assert client.get(path).status_code == 302
        for role in Role:
            assert auth.staff(role).get(path).status_code == 403, role
    grant = db.session.scalars(sa.select(AccessGrant)).one()
    revoke_url = f"{grant_page(binding_id)}/{grant.id}/revoke"
    assert post_form(stranger, "/enterprise/", {}, revoke_url).status_code == 403  # a valid token, not its subject
    assert stranger.post(revoke_url).status_code == 400  # no token at all
    assert db.session.scalars(sa.select(AccessGrant)).one().revoked_at is None
