"""The further kinds on the home page, the statistics and the site map (issue 16): 守信激励 with the honours, a
信用承诺 section, counts per kind; never a record that is not public today."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.demo.load import load_demo
from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.models import Coercion, Honour
from tests.conftest import TODAY, import_examples, import_more_examples

HIDDEN = (
    "株城管强〔2026〕2号",  # a natural person's coercion: shared between departments only (DOMAIN §19)
    "申请出租汽车驾驶员从业资格注册",  # a natural person's commitment: not public
    "刘晓红",  # 经办人: never public
    "王小明",  # only ever masked
    "430202198503121235",
)


@pytest.fixture
def everything(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    import_examples(tmp_path, TODAY)
    import_more_examples(tmp_path, TODAY)
    return app


def _counts(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<span class="num">([\d,]+)</span>', html)]


def _section(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    return html[start : html.index("</section>", start)]


def test_the_home_page_counts_every_listed_kind(client: FlaskClient, everything: Flask) -> None:
    html = client.get("/").get_data(as_text=True)
    # penalties, permits, red, serious dishonesty, key attention, then 行政强制, 荣誉, 信用承诺, 信用评价, 检查结果
    assert _counts(html) == [2, 3, 1, 1, 0, 2, 3, 2, 0, 0]
    assert 'href="/coercions"' in html
    assert 'href="/honours"' in html
    assert 'href="/commitments"' in html


def test_the_incentive_section_shows_the_newest_honours_masked(client: FlaskClient, everything: Flask) -> None:
    html = client.get("/").get_data(as_text=True)
    section = _section(html, "h-incentive")
    assert "守信激励" in section
    # newest first: 见义勇为 (2026-07-01), 示范店 (2026-06-01), 守合同重信用 (2026-05-20)
    assert section.index("见义勇为先进个人") < section.index("诚信经营示范店") < section.index("守合同重信用企业")
    assert ">王**</a>" in section
    assert '<time datetime="2026-05-20">2026-05-20</time>' in section
    assert 'class="date-col"' in section  # white-space: nowrap (static/css/site.css)
    assert "授予单位：湖南省市场监督管理局" in section


def test_the_commitment_section_lists_public_commitments_only(client: FlaskClient, everything: Flask) -> None:
    html = client.get("/").get_data(as_text=True)
    section = _section(html, "h-commitment")
    assert "最新信用承诺" in section
    assert "申请办理食品经营许可" in section
    assert "申请办理个体工商户设立登记" in section
    assert section.index("申请办理食品经营许可") < section.index("申请办理个体工商户设立登记")  # 03-10 before 02-03
    assert 'class="date-col"' in section
    for text in HIDDEN:
        assert text not in html, text


def test_records_that_stop_being_public_leave_the_home_page(client: FlaskClient, everything: Flask) -> None:
    db.session.execute(sa.update(Honour).values(status=RecordStatus.WITHDRAWN))
    db.session.execute(sa.update(Coercion).where(Coercion.doc_no.like("荷%")).values(status=RecordStatus.WITHDRAWN))
    db.session.commit()
    html = client.get("/").get_data(as_text=True)
    assert _counts(html)[5:] == [1, 0, 2, 0, 0]
    section = _section(html, "h-incentive")
    assert "守合同重信用企业" not in section
    assert "暂无" in section or "尚未" in section


def test_the_home_page_in_english_names_the_new_sections(client: FlaskClient, everything: Flask) -> None:
    client.set_cookie("locale", "en")
    html = client.get("/").get_data(as_text=True)
    assert "Rewarding trustworthiness: honours and rewards" in html
    assert "Latest: Credit commitments" in html
    assert "Granted by: " in html


def test_the_statistics_count_every_kind(client: FlaskClient, everything: Flask) -> None:
    html = client.get("/statistics?year=2026").get_data(as_text=True)
    section = html[html.index('id="kinds"') : html.index('id="months"')]
    for label in ("行政处罚", "行政许可", "行政强制", "荣誉", "信用承诺"):
        assert label in section, label
    text = client.get("/statistics/kinds.csv?year=2026").get_data().decode("utf-8")
    rows = {r[0]: r[1] for r in csv.reader(io.StringIO(text[1:]))}
    assert len(rows) == 9  # the header and one row per kind
    counts = list(rows.values())[1:]
    assert counts[3:] == ["2", "3", "2", "0", "0"]  # 行政强制, 荣誉, 信用承诺 public today and dated 2026
    for hidden in HIDDEN:
        assert hidden not in html


def test_the_site_map_links_every_listing(client: FlaskClient, everything: Flask) -> None:
    html = client.get("/sitemap").get_data(as_text=True)
    assert "其他信用信息" in html
    for path in ("/penalties", "/permits", "/coercions", "/honours", "/commitments"):
        assert f'href="{path}"' in html, path
    assert client.get("/coercions").status_code == 200


def test_the_incentive_section_shows_several_schemes_of_the_demo(app: Flask, client: FlaskClient) -> None:
    load_demo(db.session, records=1_500, seed=2026, as_of=TODAY)
    html = client.get("/").get_data(as_text=True)
    section = _section(html, "h-incentive")
    names = re.findall(r'<p><a href="/honours/\d+">([^<]+)</a></p>', section)
    assert len(names) == 6
    assert max(Counter(names).values()) <= 2  # one 授予文件 names dozens of subjects: not six of one scheme
    assert re.search(r"<span class=\"num\">[\d,]+</span> 条信用承诺信息", html)
