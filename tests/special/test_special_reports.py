"""Special credit reports (DOMAIN §22): apply, content per area, one per day, access, /verify, bad input."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.roles import Role
from portal.extensions import db
from portal.models import AuditEntry, SpecialReport
from portal.reports import signing
from tests.enterprise.helpers import FOOD, SHOP, bind, make_account, signed_in
from tests.special.helpers import ALL_AREAS, apply, issued

KEY = "test-secret-key"


def stored(number: str) -> SpecialReport:
    db.session.expire_all()
    return db.session.scalars(sa.select(SpecialReport).where(SpecialReport.report_no == number)).one()


def test_the_report_lists_minor_penalties_per_area_and_says_clean_areas_are_clean(site: Flask) -> None:
    binding = bind(make_account(), SHOP, "荷塘区示例餐饮店")
    company = signed_in(site)
    number = issued(company, binding.id, areas=["market", "tax"])
    html = company.get(f"/special-reports/{number}").get_data(as_text=True)
    assert "荷市监简罚〔2026〕7号" in html  # the 轻微 penalty: not public, but the report is the subject's own
    assert "未公示" in html
    market, tax = html.split('id="area-market"', 1)[1].split('id="area-tax"', 1)
    assert "荷市监简罚〔2026〕7号" in market
    assert "报告期内该领域无违法违规记录" in tax
    assert "刑事裁判" in html  # what the report does not cover
    report = stored(number)
    assert report.areas == "market,tax"
    assert report.record_count == 1


def test_a_serious_penalty_is_shown_as_being_publicised(site: Flask) -> None:
    binding = bind(make_account(), FOOD)
    company = signed_in(site)
    number = issued(company, binding.id)
    html = company.get(f"/special-reports/{number}").get_data(as_text=True)
    assert "株市监罚〔2026〕15号" in html
    assert "公示中" in html
    assert "430202199001014565" not in stored(number).content  # the legal representative's ID never goes in


def test_records_outside_the_period_are_left_out(site: Flask) -> None:
    binding = bind(make_account(), FOOD)
    company = signed_in(site)
    number = issued(company, binding.id, start="2026-04-01", end="2026-11-23")
    html = company.get(f"/special-reports/{number}").get_data(as_text=True)
    assert "株市监罚〔2026〕15号" not in html  # decided 2026-03-10
    assert "报告期内该领域无违法违规记录" in html


def test_an_admin_moves_a_department_to_another_area(site: Flask, auth) -> None:  # type: ignore[no-untyped-def]
    admin = auth.admin()
    page = admin.get("/review/areas").get_data(as_text=True)
    assert "株洲市市场监督管理局" in page
    assert "市场监管" in page
    from tests.conftest import post_form

    response = post_form(admin, "/review/areas", {"department_uscc": "11430200006123458Y", "area": "tax"})
    assert response.status_code == 303
    assert db.session.scalar(sa.select(AuditEntry.id).where(AuditEntry.action == "department_area_set"))
    binding = bind(make_account(), FOOD)
    company = signed_in(site)
    html = company.get(f"/special-reports/{issued(company, binding.id, areas=['market', 'tax'])}").get_data(
        as_text=True)  # fmt: skip
    tax = html.split('id="area-tax"', 1)[1]
    assert "株市监罚〔2026〕15号" in tax


def test_one_report_per_subject_period_and_areas_a_day(site: Flask) -> None:
    binding = bind(make_account(), FOOD)
    company = signed_in(site)
    first = issued(company, binding.id, areas=["tax", "market"])
    again = apply(company, binding.id, areas=["market", "tax"], purpose="financing")
    assert again.headers["Location"].endswith(first)
    assert "同一报告期和领域的报告今天已经出具" in company.get(again.headers["Location"]).get_data(as_text=True)
    other = issued(company, binding.id, areas=["market"])
    assert other != first
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SpecialReport)) == 2
    listing = company.get(f"/enterprise/subjects/{binding.id}/special-reports").get_data(as_text=True)
    assert first in listing
    assert other in listing


def test_verify_shows_period_and_areas_not_the_records(site: Flask, client: FlaskClient) -> None:
    binding = bind(make_account(), FOOD)
    company = signed_in(site)
    number = issued(company, binding.id, areas=["market", "tax"])
    code = signing.verification_code(KEY, number)
    response = client.get("/verify", query_string={"no": number, "code": code})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "verify-genuine" in html
    assert "2022-01-01" in html
    assert "2026-11-23" in html
    assert "市场监管" in html
    assert "税务" in html
    assert "株市监罚〔2026〕15号" not in html
    wrong = client.get("/verify", query_string={"no": number, "code": "ABCDABCDABCD"})
    unknown = client.get("/verify", query_string={"no": "ZXBG-20261123-ABCDEFGH", "code": code})
    assert wrong.status_code == unknown.status_code == 404
    assert "verify-unknown" in wrong.get_data(as_text=True)
    report = stored(number)
    report.content = report.content.replace("株市监罚", "株市监改")
    db.session.commit()
    assert "verify-tampered" in client.get("/verify", query_string={"no": number, "code": code}).get_data(as_text=True)


def test_others_cannot_read_or_apply(site: Flask, client: FlaskClient, auth) -> None:  # type: ignore[no-untyped-def]
    binding = bind(make_account("owner@example.com"), FOOD)
    number = issued(signed_in(site, "owner@example.com"), binding.id)
    bind(make_account("other@example.com"), SHOP, "荷塘区示例餐饮店")
    stranger = signed_in(site, "other@example.com")
    assert stranger.get(f"/special-reports/{number}").status_code == 403
    assert stranger.get(f"/special-reports/{number}.pdf").status_code == 403
    assert stranger.get(f"/enterprise/subjects/{binding.id}/special-reports").status_code == 403
    assert client.get(f"/special-reports/{number}").status_code == 403
    assert client.get(f"/enterprise/subjects/{binding.id}/special-reports").status_code == 302  # sign in first
    for role in Role:
        staff = auth.staff(role)
        assert staff.get(f"/special-reports/{number}").status_code == 403, role
        assert staff.get(f"/enterprise/subjects/{binding.id}/special-reports").status_code == 403, role
        assert staff.get("/review/areas").status_code == (200 if role is Role.ADMIN else 403), role
    assert client.get("/review/areas").status_code == 302
    assert stranger.get("/review/areas").status_code == 403
    assert client.get("/special-reports/ZXBG-20261123-ABCDEFGH").status_code == 404


@pytest.mark.parametrize(
    ("data", "message", "field"),
    [
        ({"start": ""}, "Enter a date as YYYY-MM-DD.", "start"),
        ({"start": "2026-13-45"}, "Enter a date as YYYY-MM-DD.", "start"),
        ({"end": "x" * 5000}, "Enter a date as YYYY-MM-DD.", "end"),
        ({"start": "2020-01-01"}, "at most five years back", "start"),
        ({"end": "2026-12-01"}, "cannot end after today", "start"),
        ({"start": "2026-06-01", "end": "2026-05-01"}, "must not be after its end", "start"),
        ({"areas": []}, "Choose at least one area.", "areas"),
        ({"areas": ["market", "market"]}, "Choose each area only once.", "areas"),
        ({"areas": ["<script>alert(1)</script>"]}, "not a valid choice", "areas"),
        ({"purpose": "bribery"}, "Not a valid choice", "purpose"),
        ({"purpose": ""}, "This field is required.", "purpose"),
    ],
)
def test_bad_input_is_refused_with_a_message(site: Flask, data: dict, message: str, field: str) -> None:  # type: ignore[type-arg]
    binding = bind(make_account(), FOOD)
    company = signed_in(site)
    company.set_cookie("locale", "en")
    response = apply(company, binding.id, **data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400, html[:500]
    assert message in html
    assert "<script>alert(1)</script>" not in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SpecialReport)) == 0


def test_every_area_over_five_years(site: Flask) -> None:
    binding = bind(make_account(), FOOD)
    company = signed_in(site)
    number = issued(company, binding.id, start="2021-11-23", areas=ALL_AREAS)
    assert len(stored(number).areas.split(",")) == len(ALL_AREAS)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"department_uscc": ""}, "This field is required."),
        ({"department_uscc": "11430200006123458A"}, "Enter a valid 18-character unified social credit code."),
        ({"department_uscc": "<script>alert(1)</script>"}, "Field cannot be longer than 18 characters."),
        ({"area": "space"}, "Not a valid choice"),
        ({"area": ""}, "This field is required."),
    ],
)
def test_bad_area_choices_are_refused(site: Flask, auth, data: dict, message: str) -> None:  # type: ignore[no-untyped-def, type-arg]
    from tests.conftest import post_form

    admin = auth.admin()
    admin.set_cookie("locale", "en")
    response = post_form(admin, "/review/areas", {"department_uscc": "11430200006123458Y", "area": "tax", **data})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html
    assert "<script>alert(1)</script>" not in html
    assert db.session.scalar(sa.select(AuditEntry.id).where(AuditEntry.action == "department_area_set")) is None
