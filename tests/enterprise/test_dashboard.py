""""My credit": every record of the bound subject with status, publicity end, repair eligibility, applications."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.enterprise.helpers import FOOD, SHOP, SHOP_MINOR_NO, bind, make_account, signed_in
from tests.submissions.fixtures import SERIOUS_NO, object_to


def test_the_dashboard_shows_status_publicity_end_and_repair_date_by_rule(site: Flask, client: FlaskClient) -> None:
    posted = object_to(client)  # an open objection to the serious penalty of FOOD
    binding = bind(make_account(), FOOD)
    html = signed_in(site).get(f"/enterprise/subjects/{binding.id}").get_data(as_text=True)
    assert SERIOUS_NO in html
    assert "2029-03-10" in html  # 严重: public until D + 3 years (DOMAIN §5.2)
    assert "2029-03-11" in html  # … and no longer public from the next day
    assert "2027-03-11" in html  # repair possible from the day after D + 1 year (DOMAIN §5.3)
    assert posted.tracking_no in html  # the open objection with its status
    assert 'class="marked"' in html
    assert "/objections/new?record=penalty:" in html


def test_non_public_records_are_listed_without_repair_or_record_links(site: Flask) -> None:
    binding = bind(make_account(), SHOP, "荷塘区示例餐饮店")
    html = signed_in(site).get(f"/enterprise/subjects/{binding.id}").get_data(as_text=True)
    assert SHOP_MINOR_NO in html
    row = html[html.index(SHOP_MINOR_NO) - 400 : html.index(SHOP_MINOR_NO) + 1600]
    assert "/penalties/" not in row  # no link to a public page that would 404
    assert "/repairs/new" not in row


def test_a_bound_subject_without_records_has_an_empty_dashboard(site: Flask) -> None:
    binding = bind(make_account(), "91430202MA4Q7K3C8H", "株洲示例燃气有限公司")
    response = signed_in(site).get(f"/enterprise/subjects/{binding.id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "株洲示例燃气有限公司" in html
    assert "91430202MA4Q7K3C8H" in html


def test_unknown_or_huge_binding_ids_are_refused(site: Flask) -> None:
    make_account()
    company = signed_in(site)
    refused = company.get("/enterprise/subjects/424242")
    assert refused.status_code == 403
    assert "无权访问" in refused.get_data(as_text=True)
    for url in ("/enterprise/subjects/99999999999", "/enterprise/subjects/abc"):
        response = company.get(url)
        assert response.status_code == 404, url
        assert "页面不存在" in response.get_data(as_text=True)
