"""Issue 18: a subject profile has a section per kind with clickable counts, a year filter and page numbers on the
server (no JavaScript needed), badges and the follow box at the top; non-public records never count or show."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.kinds import ListCategory
from portal.domain.publicity import RecordStatus
from portal.public import profile_sections
from tests.conftest import TODAY
from tests.factories import ListEntryFactory, PenaltyFactory, PermitFactory, SubjectFactory

USCC_NAME = "株洲分栏示例有限公司"


@pytest.fixture
def busy(app: Flask, monkeypatch: pytest.MonkeyPatch) -> str:
    """45 permits (30 of last year), 2 penalties (one withdrawn), a red list entry, a held 严重失信 entry."""
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    with app.app_context():
        subject = SubjectFactory(name=USCC_NAME)
        last_year = TODAY.replace(month=6, day=1) - timedelta(days=365)
        for n in range(45):
            day = last_year if n < 30 else TODAY - timedelta(days=30 + n)
            PermitFactory(subject=subject, decided_on=day, doc_no=f"株分许〔{day.year}〕{n}号")
        PenaltyFactory(subject=subject, decision_no="株分罚〔2026〕1号")
        PenaltyFactory(subject=subject, decision_no="株分罚〔2026〕2号", status=RecordStatus.WITHDRAWN)
        ListEntryFactory(subject=subject, category=ListCategory.REDLIST, list_name="纳税信用A级纳税人",
                         list_key="纳税信用A级纳税人")  # fmt: skip
        ListEntryFactory(subject=subject, status=RecordStatus.NOT_PUBLIC, doc_no="株分失〔2026〕1号")
        return str(subject.uscc)


def _get(client: FlaskClient, url: str, **args: str) -> str:
    response = client.get(url, query_string=args, headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def _main(html: str) -> str:
    return html.split('id="main"', 1)[1]


def test_the_top_has_badges_identity_and_the_follow_box_before_the_sections(client: FlaskClient, busy: str) -> None:
    html = _main(_get(client, f"/subjects/{busy}"))
    assert html.index('class="subject-badges"') < html.index('class="follow-box"') < html.index('class="section-nav"')
    assert "守信激励" in html.split('class="subject-badges"', 1)[1].split("</ul>", 1)[0]
    assert "失信惩戒" not in html.split('class="subject-badges"', 1)[1].split("</ul>", 1)[0]


def test_every_section_is_a_link_with_its_count(client: FlaskClient, busy: str) -> None:
    nav = _main(_get(client, f"/subjects/{busy}")).split('class="section-nav"', 1)[1].split("</nav>", 1)[0]
    tabs = re.findall(r'section=(\w+)[^"]*#records"[^>]*>([^<]+?)(?: <span class="num">\((\d+)\)</span>)?</a>', nav)
    assert [key for key, _label, _n in tabs] == profile_sections.section_keys()
    counts = {key: n for key, _label, n in tabs}
    assert (counts["permit"], counts["penalty"], counts["redlist"], counts["blacklist"]) == ("45", "1", "1", "0")
    labels = [label.strip() for _key, label, _n in tabs]
    assert labels[:6] == ["基础信息", "行政许可", "行政处罚", "守信激励", "失信惩戒", "重点关注"]
    assert 'aria-current="true"' in nav  # 基础信息 is open


def test_a_long_section_is_paged_by_number(client: FlaskClient, busy: str) -> None:
    first = _main(_get(client, f"/subjects/{busy}", section="permit"))
    assert first.count('class="tl-permit"') == profile_sections.PER_PAGE
    assert "共 45 条记录" in first or "45 条记录" in first
    assert 'aria-label="第 3 页"' in first
    third = _main(_get(client, f"/subjects/{busy}", section="permit", page="3"))
    assert third.count('class="tl-permit"') == 5
    assert 'aria-current="page"' in third


def test_the_year_filter_works_without_javascript(client: FlaskClient, busy: str) -> None:
    page = _main(_get(client, f"/subjects/{busy}", section="permit"))
    form = page.split('class="section-filter"', 1)[1].split("</form>", 1)[0]
    assert 'method="get"' in page.split('class="section-filter"', 1)[1][:80]
    assert 'name="section" value="permit"' in form
    last_year = str(TODAY.year - 1)
    filtered = _main(_get(client, f"/subjects/{busy}", section="permit", year=last_year))
    assert filtered.count('class="tl-permit"') == profile_sections.PER_PAGE
    assert f"year={last_year}" in filtered.split('class="pager numbered', 1)[1]  # the pages keep the filter
    assert f'<option value="{last_year}" selected>' in filtered


@pytest.mark.parametrize(
    "args",
    [{"section": "nonsense"}, {"section": "permit", "page": "x"}, {"section": "permit", "page": "-3"},
     {"section": "permit", "year": "20x6"}, {"section": "permit", "year": "1999"}, {"section": "<script>"},
     {"section": "permit", "page": "9" * 50}],
)  # fmt: skip
def test_malformed_arguments_fall_back_to_a_working_page(client: FlaskClient, busy: str, args: dict[str, str]) -> None:
    html = _get(client, f"/subjects/{busy}", **args)
    assert "<script>" not in _main(html).split("</nav>", 2)[-1][:2000]
    assert "Traceback" not in html


def test_non_public_records_are_never_counted_or_listed(client: FlaskClient, busy: str) -> None:
    penalties = _main(_get(client, f"/subjects/{busy}", section="penalty"))
    assert "株分罚〔2026〕1号" in penalties
    assert "株分罚〔2026〕2号" not in penalties
    serious = _main(_get(client, f"/subjects/{busy}", section="blacklist"))
    assert "株分失〔2026〕1号" not in serious
    assert "暂无此类公示信息。" in serious


def test_the_english_profile_labels_the_sections(client: FlaskClient, busy: str) -> None:
    client.set_cookie("locale", "en")
    html = client.get(f"/subjects/{busy}").get_data(as_text=True)
    for label in ("Basic information", "Trustworthiness incentive", "Dishonesty punishment", "Key attention"):
        assert label in html
