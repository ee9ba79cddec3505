"""Credit lists: the catalogue by category with counts, a category, a list type with its measures, pagination."""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask.testing import FlaskClient

from portal.domain.kinds import ListCategory
from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.models import ListEntry
from tests.public.helpers import REMOVED_SUBJECT, assert_no_id_numbers, list_type_id, rows_of, subject

pytestmark = pytest.mark.usefixtures("examples")


def _page(client: FlaskClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.get_data(as_text=True)


def _count_of(html: str, name: str) -> int:
    match = re.search(re.escape(name) + r'</a></td><td>[^<]*</td><td class="num-col">([\d,]+)</td>', html)
    assert match, name
    return int(match.group(1).replace(",", ""))


def test_the_overview_shows_the_three_categories_with_catalogue_counts(client: FlaskClient) -> None:
    html = _page(client, "/lists")
    for heading in ("红名单", "严重失信主体名单", "重点关注名单"):
        assert heading in html
    assert _count_of(html, "政府采购领域严重违法失信主体") == 1
    assert _count_of(html, "纳税信用A级纳税人") == 1
    assert _count_of(html, "企业经营异常名录") == 0  # the only entry was removed on 2026-09-01
    assert _count_of(html, "失信被执行人") == 0
    assert "公示中 1 条" in html
    assert REMOVED_SUBJECT not in html


def test_a_category_page_lists_its_public_entries_with_basis_and_dates(client: FlaskClient) -> None:
    html = _page(client, "/lists/blacklist")
    assert "<h1>严重失信主体名单</h1>" in html
    rows = rows_of(html)
    assert len(rows) == 1
    for text in ("株洲示例建设工程有限公司", "政府采购领域严重违法失信主体", "《中华人民共和国政府采购法》第七十七条",
                 "2026-02-20", "2029-02-19", "株洲市财政局"):
        assert text in rows[0], text
    for label in ("认定依据", "列入日期", "有效期至"):
        assert label in html
    watch = _page(client, "/lists/watchlist")
    assert REMOVED_SUBJECT not in watch
    assert "没有符合筛选条件的公开名单记录" in watch


def test_a_list_type_page_shows_its_own_and_the_generic_measures_with_marks(client: FlaskClient) -> None:
    html = _page(client, f"/lists/type/{list_type_id('纳税信用A级纳税人')}")
    assert "联合奖惩措施" in html
    assert "本名单适用的措施" in html
    assert "本类别各名单通用的措施" in html
    assert "实施融资便利化" in html  # its own measure (measures.csv)
    assert "推荐" in html
    assert "株洲示例燃气有限公司" in html  # the entry
    blacklist = _page(client, f"/lists/type/{list_type_id('政府采购领域严重违法失信主体')}")
    assert "限制或禁止参加政府采购活动" in blacklist  # a generic measure of 严重失信主体名单（通用）
    assert '<span class="badge badge-mandatory">强制</span>' in blacklist
    assert '<span class="badge badge-recommended">推荐</span>' in blacklist
    assert "诚信典型红名单（通用）" not in blacklist  # no measure of another category


def test_a_generic_list_type_shows_its_measures_once(client: FlaskClient) -> None:
    html = _page(client, f"/lists/type/{list_type_id('严重失信主体名单（通用）')}")
    assert "本类别各名单通用的措施" not in html
    assert html.count("限制或禁止参加政府采购活动") == 1


def test_list_pages_paginate_at_scale(client: FlaskClient) -> None:
    owner = subject("株洲示例建设工程有限公司")
    type_id = list_type_id("政府采购领域严重违法失信主体")
    for n in range(25):
        db.session.add(ListEntry(
            subject_id=owner.id, category=ListCategory.BLACKLIST, list_name="政府采购领域严重违法失信主体",
            list_key=f"k{n}", list_type_id=type_id, reason=f"第{n}次提供虚假材料", basis="政府采购法",
            doc_no=f"测〔2026〕{n}号",
            doc_key=f"d{n}", recognised_by="株洲市财政局", recognised_by_uscc="11430200006123474L",
            listed_on=date(2026, 1, 1 + n), valid_until=None, status=RecordStatus.PUBLISHED,
            public_from=date(2026, 1, 1 + n), public_until=None, source_name="株洲市财政局",
            source_uscc="11430200006123474L", row_hash=f"{n:064d}",
        ))
    db.session.commit()
    first = _page(client, f"/lists/type/{type_id}").split('id="entries-h"', 1)[1]
    assert len(rows_of(first)) == 20
    next_url = re.search(r'<a href="([^"]+)" rel="next">', first)
    assert next_url
    second = _page(client, next_url.group(1).replace("&amp;", "&")).split('id="entries-h"', 1)[1]
    assert len(rows_of(second)) == 6
    assert set(rows_of(first)).isdisjoint(rows_of(second))
    assert "直至移出" in second  # open-ended entries
    assert _page(client, "/lists/blacklist?year=2026&kind=legal").count("<tr>") >= 20


def test_list_entries_of_natural_persons_are_masked(client: FlaskClient) -> None:
    person = subject("王小明")
    db.session.add(ListEntry(
        subject_id=person.id, category=ListCategory.BLACKLIST, list_name="失信被执行人", list_key="失信被执行人",
        list_type_id=None, reason="王小明拒不履行生效判决", basis="民事诉讼法", doc_no="(2026)湘0202执1号",
        doc_key="x", recognised_by="株洲市荷塘区人民法院", recognised_by_uscc="11430200006123458Y",
        listed_on=date(2026, 6, 1), valid_until=date(2028, 6, 1), status=RecordStatus.PUBLISHED,
        public_from=date(2026, 6, 1), public_until=date(2028, 6, 1), source_name="法院",
        source_uscc="11430200006123458Y", row_hash="1" * 64,
    ))
    db.session.commit()
    html = _page(client, "/lists/blacklist")
    assert ">王**</a>" in html
    assert "王小明" not in html
    assert "其他未列入目录的名单" in _page(client, "/lists")
    assert_no_id_numbers(html)


@pytest.mark.parametrize("url", ["/lists/greylist", "/lists/type/99999", "/lists/type/0", "/lists/entries/99999"])
def test_unknown_lists_give_404(client: FlaskClient, url: str) -> None:
    _page(client, url, status=404)


def test_hostile_list_filters_give_400(client: FlaskClient) -> None:
    html = _page(client, "/lists/redlist?year=<script>&dept=' OR 1=1 --", status=400)
    assert "<script>" not in html.split("<main", 1)[1]
