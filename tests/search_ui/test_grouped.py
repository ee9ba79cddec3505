"""Issue 18: the search page groups results by subject — a card per subject with its USCC, counts per kind, badges
and best records; page numbers; record-level results for a 文号; non-public records never counted or shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.kinds import ListCategory
from portal.domain.paging import Badge, badges, page_numbers, pager
from portal.domain.publicity import RecordStatus
from portal.extensions import db, limiter
from portal.indexing.backend import get_backend
from portal.indexing.outbox import reindex
from portal.search_ui import groups
from tests.conftest import TODAY, FreshClient
from tests.factories import ListEntryFactory, PenaltyFactory, PermitFactory, SubjectFactory
from tests.reports.test_search_certificate import issue, pdf_text

BIG = "株洲大户建材有限公司"


@pytest.fixture
def site(app: Flask, monkeypatch: pytest.MonkeyPatch) -> FlaskClient:
    """BIG with 39 permits, a penalty and three lists (one of them withdrawn); 14 more 建材 companies; 隐秘建材 with
    only non-public records (a withdrawn penalty, a held 严重失信 entry)."""
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    with app.app_context():
        big = SubjectFactory(name=BIG)
        for n in range(39):
            PermitFactory(subject=big, doc_title=f"建材经营许可决定书{n}")
        PenaltyFactory(subject=big, violation_type="销售不合格建材")
        ListEntryFactory(subject=big, category=ListCategory.REDLIST, list_name="纳税信用A级纳税人",
                         list_key="纳税信用A级纳税人")  # fmt: skip
        ListEntryFactory(subject=big, category=ListCategory.WATCHLIST, list_name="重点关注对象名单",
                         list_key="重点关注对象名单")  # fmt: skip
        ListEntryFactory(subject=big, status=RecordStatus.WITHDRAWN)  # 严重失信, but not public
        for n in range(14):
            PermitFactory(subject=SubjectFactory(name=f"株洲第{n:02d}建材有限公司"))
        hidden = SubjectFactory(name="株洲隐秘建材有限公司")
        PenaltyFactory(subject=hidden, status=RecordStatus.WITHDRAWN)
        ListEntryFactory(subject=hidden, status=RecordStatus.NOT_PUBLIC)
        reindex(db.session, get_backend(app), TODAY)
        db.session.remove()
    return app.test_client()


def _page(client: FlaskClient, **params: str) -> str:
    response = client.get("/search", query_string=params, headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return html.split('class="result-count"', 1)[1]  # what the server found, not the query echoed back


def _cards(html: str) -> list[str]:
    return re.findall(r'<li class="subject-card">(.*?)</li>\s*(?=<li class="subject-card">|</ol>)', html, re.S)


def test_one_card_per_subject_with_counts_badges_and_a_few_records(site: FlaskClient) -> None:
    html = _page(site, q="建材")
    assert len(_cards(html)) == groups.CARDS_PER_PAGE
    html += _page(site, q="建材", page="2")
    cards = _cards(html)
    assert len(cards) == 15
    names = [re.sub(r"</?mark>", "", c) for c in cards]
    big = next((c for c, plain in zip(cards, names, strict=True) if BIG in plain), None)
    assert big is not None, names[0][:400]
    assert big.count('class="card-records"') == 1
    assert big.count("/permits/") <= groups.RECORDS_PER_CARD  # 39 permits no longer fill the page
    assert 'section=permit#records">行政许可 <span class="num">39</span>' in big
    assert '行政处罚 <span class="num">1</span>' in big
    assert "查看全部 42 条" in big  # 39 + 1 + redlist + watchlist; the withdrawn entry is not counted
    assert "守信激励" in big
    assert "重点关注" in big
    assert "失信惩戒" not in big  # its 严重失信 entry is withdrawn
    assert re.sub(r"</?mark>", "", html).count(BIG) == 2  # the card's name and its link's hidden text


def test_page_numbers_reach_every_subject(site: FlaskClient) -> None:
    first = _page(site, q="建材")
    assert 'aria-current="page" aria-label="第 1 页，当前页"' in first
    assert 'href="/search?page=2&amp;q=' in first
    second = _page(site, q="建材", page="2")
    titles = re.findall(r'class="card-title"[^>]*><a [^>]*>(.*?)</a>', first + second)
    names = {re.sub(r"</?mark>", "", n) for n in titles}
    assert len(names) == 15
    assert "株洲隐秘建材有限公司" not in names


def test_non_public_records_are_never_counted_or_shown(site: FlaskClient) -> None:
    for q in ("隐秘建材", "建材"):
        html = _page(site, q=q) + _page(site, q=q, page="2")
        assert "株洲隐秘建材有限公司" not in html
    big = next(c for c in _cards(_page(site, q="株洲大户")) if 'class="card-title"' in c)
    assert "严重失信主体名单" not in big
    assert "政府采购领域严重违法失信主体" not in big


def test_a_document_number_query_lists_the_record_itself(site: FlaskClient) -> None:
    html = _page(site, q="株市监罚〔2026〕1号")
    assert 'id="doc-hits-h"' in html


def test_a_record_type_tab_lists_records_with_page_numbers(site: FlaskClient) -> None:
    html = _page(site, q="建材", type="permit")
    assert 'class="subject-card"' not in html
    assert html.count('<li class="result">') == 20
    assert 'aria-label="第 3 页"' in html  # 53 permits: three pages


def test_the_api_keeps_its_flat_list(site: FlaskClient) -> None:
    body = site.get("/api/v1/search", query_string={"q": "建材", "per_page": 50}).get_json()
    assert [r["type"] for r in body["results"]].count("permit") > groups.RECORDS_PER_CARD
    assert set(body) >= {"query", "total", "page", "per_page", "took_ms", "results", "facets"}


def test_the_page_is_printable(site: FlaskClient) -> None:
    response = site.get("/search", query_string={"q": "建材"})
    assert "/static/css/results.css" in response.get_data(as_text=True)
    css = site.get("/static/css/results.css")
    assert "@media print" in css.get_data(as_text=True)
    css.close()


def test_a_far_off_guess_is_not_offered_but_a_typo_is(site: FlaskClient) -> None:
    assert "您是不是要找" not in _page(site, q="不存在的某某公司")
    assert "您是不是要找" in _page(site, q="株洲大护建材")


@pytest.mark.parametrize(
    ("current", "last", "expected"),
    [
        (1, 1, [1]),
        (1, 5, [1, 2, 3, 4, 5]),
        (6, 20, [1, None, 4, 5, 6, 7, 8, None, 20]),
        (1, 20, [1, 2, 3, None, 20]),
        (20, 20, [1, None, 18, 19, 20]),
        (4, 20, [1, 2, 3, 4, 5, 6, None, 20]),
        (99, 3, [1, 2, 3]),
    ],
)
def test_page_numbers(current: int, last: int, expected: list[int | None]) -> None:
    assert page_numbers(current, last) == expected


def test_pager_and_badges() -> None:
    p = pager(3, 0, 10)
    assert (p.page, p.last, p.has_prev, p.has_next) == (1, 1, False, False)
    assert badges({"redlist": 0, "honour": 2, "blacklist": 1}) == [Badge.INCENTIVE, Badge.PUNISHMENT]
    assert badges({"watchlist": 0}) == []


def test_the_certificate_certifies_the_cards_the_page_showed(site: FlaskClient, tmp_path: Path) -> None:
    limiter.reset()
    site.__class__ = FreshClient  # a fresh session per request, as a browser would have
    shown = _page(site, q="建材")
    cards = [re.sub(r"</?mark>", "", n) for n in re.findall(r'class="card-title"[^>]*><a [^>]*>(.*?)</a>', shown)]
    number = issue(site, q="建材")
    html = site.get(f"/certificates/{number}", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    table = html.split('class="records certificate-subjects"', 1)[1].split("</table>", 1)[0]
    assert re.findall(r"<tr><td>\d+</td><td>(.*?)</td>", table) == cards
    number = issue(site, q="大户建材")
    html = site.get(f"/certificates/{number}", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    table = html.split('class="records certificate-subjects"', 1)[1].split("</table>", 1)[0]
    assert "行政许可 39" in table
    assert "守信激励；重点关注" in table
    assert "株洲隐秘建材有限公司" not in html
    assert "失信惩戒" not in table
    text = pdf_text(site, number, tmp_path)
    assert "第一页结果中的主体" in text
    assert BIG in text
