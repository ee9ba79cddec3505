"""双公示 listings: filters in the URL, keyset pages, totals, and hostile parameters that never reach a query."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.public.helpers import (
    CITY_DEPT,
    MARKET_DEPT,
    MINOR_PENALTY_NO,
    PERSON_NO,
    REMOVED_SUBJECT,
    SERIOUS_NO,
    assert_no_id_numbers,
    rows_of,
)

pytestmark = pytest.mark.usefixtures("examples")


def _get(client: FlaskClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    html = response.get_data(as_text=True)
    assert response.status_code == status, html[:500]
    assert "Traceback" not in html
    return html


def _next_link(html: str) -> str:
    match = re.search(r'<a href="([^"]+)" rel="next">', html)
    assert match, "no next-page link"
    return match.group(1).replace("&amp;", "&")


def test_the_penalty_listing_shows_the_public_penalties_newest_first(client: FlaskClient) -> None:
    html = _get(client, "/penalties")
    assert "<h1>行政处罚</h1>" in html
    assert "共 2 条记录" in html
    rows = rows_of(html)
    assert len(rows) == 2
    assert PERSON_NO in rows[0]
    assert SERIOUS_NO in rows[1]
    assert ">王**</a>" in rows[0]
    assert "株洲示例食品有限公司" in rows[1]
    assert "91430200MA4L0A1B7K" in rows[1]
    assert "2029-03-10" in rows[1]  # 公示截止期 of the 严重 penalty: D + 3 years
    assert "公示中" in rows[1]
    assert "严重" in rows[1]
    assert MINOR_PENALTY_NO not in html
    assert "王小明" not in html
    assert_no_id_numbers(html)


def test_the_permit_listing_shows_the_three_permits_with_their_types(client: FlaskClient) -> None:
    html = _get(client, "/permits")
    assert "<h1>行政许可</h1>" in html
    rows = rows_of(html)
    assert [r for r in rows if "株交运许〔2026〕56号" in r][0].count("认可") == 1
    assert len(rows) == 3
    assert "荷市监登〔2026〕311号" in rows[1]  # 2026-02-03 between 06-18 and 01-08
    assert "王小明" not in html
    assert ">王**</a>" in html
    assert_no_id_numbers(html)


def test_sorting_oldest_first_reverses_the_order(client: FlaskClient) -> None:
    rows = rows_of(_get(client, "/penalties?sort=asc"))
    assert SERIOUS_NO in rows[0]
    assert PERSON_NO in rows[1]


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        (f"dept={MARKET_DEPT}", SERIOUS_NO, PERSON_NO),
        (f"dept={CITY_DEPT}", PERSON_NO, SERIOUS_NO),
        ("severity=serious", SERIOUS_NO, PERSON_NO),
        ("severity=general", PERSON_NO, SERIOUS_NO),
        ("ptype=吊销许可证件", SERIOUS_NO, PERSON_NO),
        ("kind=natural_person", PERSON_NO, SERIOUS_NO),
        ("kind=legal", SERIOUS_NO, PERSON_NO),
    ],
)
def test_each_penalty_filter_narrows_the_listing(client: FlaskClient, query: str, present: str, absent: str) -> None:
    html = _get(client, f"/penalties?{query}")
    assert present in html
    assert absent not in html
    assert "共 1 条记录" in html
    assert "清除筛选" in html  # a way back to the whole list


def test_filters_combine_and_can_match_nothing(client: FlaskClient) -> None:
    html = _get(client, "/penalties?year=2026&severity=serious&kind=natural_person")
    assert "没有符合筛选条件的公开记录" in html
    assert "<tbody>" not in html


@pytest.mark.parametrize(
    ("query", "present", "count"),
    [
        ("category=登记", "荷市监登〔2026〕311号", 1),
        ("state=2", "株市监食许〔2026〕102号", 1),
        ("year=2026", "株交运许", 3),
    ],
)
def test_permit_filters(client: FlaskClient, query: str, present: str, count: int) -> None:
    html = _get(client, f"/permits?{query}")
    assert present in html
    assert len(rows_of(html)) == count


def test_the_filter_form_keeps_the_chosen_values_and_offers_only_existing_departments(client: FlaskClient) -> None:
    html = _get(client, f"/penalties?dept={MARKET_DEPT}&sort=asc")
    assert f'<option selected value="{MARKET_DEPT}">株洲市市场监督管理局</option>' in html
    assert '<option selected value="asc">' in html
    assert '<label for="dept">' in html
    assert '<label for="ptype">' in html
    # The held-back 轻微 penalty's department has no public penalty, so it is not an option.
    assert "株洲市荷塘区市场监督管理局" not in html


def test_page_two_shows_different_rows_and_keeps_the_filters(client: FlaskClient) -> None:
    first = _get(client, "/penalties?per_page=1&year=2026")
    assert len(rows_of(first)) == 1
    assert PERSON_NO in first
    assert "共 2 条记录" in first
    second_url = _next_link(first)
    assert "year=2026" in second_url
    assert "after=" in second_url
    second = _get(client, second_url)
    assert len(rows_of(second)) == 1
    assert SERIOUS_NO in second
    assert PERSON_NO not in second
    assert 'rel="next"' not in second  # the end
    prev = re.search(r'<a href="([^"]+)" rel="prev">', second)
    assert prev
    back = _get(client, prev.group(1).replace("&amp;", "&"))
    assert PERSON_NO in back
    assert SERIOUS_NO not in back


def test_the_last_page_link_shows_the_oldest_rows(client: FlaskClient) -> None:
    html = _get(client, "/permits?per_page=2&last=1")
    rows = rows_of(html)
    assert len(rows) == 2
    assert "株市监食许〔2026〕102号" in rows[-1]  # the oldest permit (2026-01-08) ends the last page


def test_a_minor_penalty_never_appears_whatever_the_filter(client: FlaskClient) -> None:
    for query in ("", "severity=general", "ptype=警告", "kind=individual_business", "sort=asc", "per_page=100"):
        html = _get(client, f"/penalties?{query}")
        assert MINOR_PENALTY_NO not in html
        assert "未按规定公示食品经营许可证" not in html
        assert REMOVED_SUBJECT not in html


@pytest.mark.parametrize(
    "query",
    [
        "year=<script>alert(1)</script>",
        "year=1999",
        "dept=' OR 1=1 --",
        "dept=11430200006123458Y' OR '1'='1",
        "severity=minor",  # 轻微 is never public, so it is not a choice
        "severity=../../etc/passwd",
        "ptype=%25",
        "kind=robot",
        "sort=id;DROP TABLE penalties",
    ],
)
def test_hostile_or_unknown_filter_values_give_a_400_page_with_the_error(client: FlaskClient, query: str) -> None:
    html = _get(client, f"/penalties?{query}", status=400)
    assert "请从列表中选择一个值" in html
    assert "<script>alert(1)</script>" not in html
    assert "<tbody>" not in html
    assert 'aria-invalid="true"' in html
    assert "跳到主要内容" in html  # still the site layout


@pytest.mark.parametrize(
    "query",
    ["after=<script>", "after=2026-02-30.1", "before=x.y", "after=2026-01-01.99999999999", "after=2026-01-01"],
)
def test_broken_page_links_give_a_400_page(client: FlaskClient, query: str) -> None:
    html = _get(client, f"/permits?{query}", status=400)
    assert "翻页链接无效" in html


@pytest.mark.parametrize(
    "query", ["page=-1", "page=abc", "per_page=-1", "per_page=0", "per_page=99999999", "per_page=x"]
)
def test_out_of_range_numbers_are_clamped_or_ignored(client: FlaskClient, query: str) -> None:
    html = _get(client, f"/penalties?{query}")
    assert len(rows_of(html)) in (1, 2)
    assert SERIOUS_NO in html or PERSON_NO in html


def test_the_total_is_cached_per_filter_and_not_recounted_on_every_request(client: FlaskClient, app) -> None:  # type: ignore[no-untyped-def]
    from portal.extensions import db

    statements: list[str] = []

    def record(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    import sqlalchemy as sa

    _get(client, "/penalties?severity=serious")
    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        _get(client, "/penalties?severity=serious")
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    assert not [s for s in statements if "count(" in s.lower()]
    assert len(statements) == 1  # the page itself: options and total come from the cache
