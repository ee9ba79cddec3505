"""Subject profiles: by USCC for organisations, by an opaque id for persons; latest records, counts, masking, 404s."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from portal import kinds
from tests.public.helpers import (
    FOOD_USCC,
    MINOR_PENALTY_NO,
    PERSON_ID,
    PERSON_NO,
    SERIOUS_NO,
    assert_no_id_numbers,
    penalty_id,
    subject,
)

pytestmark = pytest.mark.usefixtures("examples")


def _page(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def _counts(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<span class="num">(\d+)</span>', html)]


def test_a_company_profile_by_uscc_shows_identity_counts_and_timeline(client: FlaskClient) -> None:
    html = _page(client, f"/subjects/{FOOD_USCC}")
    assert "株洲示例食品有限公司" in html
    assert FOOD_USCC in html
    assert "张*" in html
    assert "张三" not in html
    # permit, penalty, 守信激励 (red), 失信惩戒 (serious), 重点关注, then the other kinds of the registry
    assert _counts(html) == [1, 1, 0, 0, 0] + [0] * (len(kinds.KINDS) - 3)  # 3: penalty, permit, list
    timeline = html.split('<ol class="timeline">', 1)[1]
    assert timeline.index(SERIOUS_NO) < timeline.index("株市监食许〔2026〕102号")  # 03-10 before 01-08
    assert f"/objections/new?record=penalty:{penalty_id(SERIOUS_NO)}" in html
    assert f"/repairs/new?record=penalty:{penalty_id(SERIOUS_NO)}" in html
    assert_no_id_numbers(html)


def test_a_natural_person_has_a_profile_only_under_an_opaque_id(client: FlaskClient) -> None:
    person = subject("王小明")
    html = _page(client, f"/subjects/p/{person.public_id}")
    assert "王**" in html
    assert "王小明" not in html
    assert PERSON_NO in html
    assert "株交运许〔2026〕56号" in html
    assert _counts(html) == [1, 1, 0, 0, 0] + [0] * (len(kinds.KINDS) - 3)  # 3: penalty, permit, list
    assert "统一社会信用代码" not in html
    assert_no_id_numbers(html)
    assert PERSON_ID not in person.public_id
    # Links to the person from the listings use the opaque id too.
    assert f'href="/subjects/p/{person.public_id}"' in _page(client, "/penalties")


def test_an_individual_business_profile_has_only_the_public_record(client: FlaskClient) -> None:
    html = _page(client, "/subjects/92430202MA4R2D5E1N")
    assert "荷塘区示例餐饮店" in html
    assert "李*" in html
    assert _counts(html) == [1, 0, 0, 0, 0] + [0] * (len(kinds.KINDS) - 3)
    assert MINOR_PENALTY_NO not in html


def test_the_opaque_id_of_an_organisation_redirects_to_its_uscc_address(client: FlaskClient) -> None:
    company = subject("株洲示例食品有限公司")
    response = client.get(f"/subjects/p/{company.public_id}")
    assert response.status_code == 301
    assert response.location.endswith(f"/subjects/{FOOD_USCC}")


def test_a_subject_without_any_public_record_has_no_profile(client: FlaskClient) -> None:
    removed = subject("株洲示例商贸有限公司")
    for url in ("/subjects/91430211MA4T6G9H32", f"/subjects/p/{removed.public_id}", "/subjects/91430200MA4L0A1B7A"):
        response = client.get(url)  # the last one: an unknown code
        assert response.status_code == 404, url
        html = response.get_data(as_text=True)
        assert "页面不存在" in html
        assert "株洲示例商贸有限公司" not in html  # the 404 page does not confirm the subject exists


def test_the_english_profile_uses_english_labels(client: FlaskClient) -> None:
    client.set_cookie("locale", "en")
    html = _page(client, f"/subjects/{FOOD_USCC}")
    assert "Credit profile" in html
    assert "Latest information" in html
    assert "株洲示例食品有限公司" in html  # data stays as published
