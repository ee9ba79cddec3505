"""The pages shipped for a new site: loaded once into an empty table, shown in their sections."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from portal.cms.seed import CONTENT_DIR, read_seed_file, seed_pages
from portal.extensions import db
from portal.models import Page
from portal.models.cms import PageKind


def test_seed_pages_load_once_and_keep_staff_edits(app: Flask) -> None:
    assert seed_pages(db.session) == 14
    db.session.commit()
    page = db.session.scalars(sa.select(Page).where(Page.kind == PageKind.GUIDE)).first()
    assert page is not None
    page.title = "已由工作人员修改"
    db.session.commit()
    assert seed_pages(db.session) == 14
    assert db.session.scalar(sa.select(sa.func.count()).where(Page.title == "已由工作人员修改")) == 1


def test_every_seed_file_is_a_valid_published_page() -> None:
    pages = [read_seed_file(path) for path in sorted(CONTENT_DIR.glob("*.md"))]
    assert sorted(p.kind.value for p in pages).count("guide") == 4
    assert sorted(p.kind.value for p in pages).count("news") == 4  # 信用动态 is never empty on a new site
    assert all(p.is_published and p.published_on and p.body.strip() and len(p.body) < 50_000 for p in pages)
    policy_dates = {p.slug: p.published_on.isoformat() for p in pages if p.kind is PageKind.POLICY}  # type: ignore[union-attr]
    assert policy_dates == {  # the national documents the site applies, with their own dates (issue 18)
        "guo-fa-2014-21": "2014-06-14",
        "guo-fa-2016-33": "2016-05-30",
        "guo-ban-fa-2019-35": "2019-07-09",
        "guo-ban-fa-2020-49": "2020-12-07",
        "fgw-ling-36": "2025-11-20",
        "fa-gai-cai-jin-2025-565": "2025-05-07",
    }
    for page in pages:
        if page.kind is PageKind.POLICY:  # issuing body, number and date, then a summary written for this site
            assert "**发文机关**" in page.body, page.slug
            assert "**文号**" in page.body, page.slug
            assert "## 本站摘要" in page.body, page.slug


def test_guides_index_lists_seeded_guides_and_keeps_the_built_in_ones(app: Flask) -> None:
    seed_pages(db.session)
    db.session.commit()
    client = app.test_client()
    html = client.get("/guides").get_data(as_text=True)
    for title in ("信用信息异议申请办事指南", "信用修复办事指南", "投诉举报办事指南", "信用报告使用指南"):
        assert title in html
    for slug in ("objection", "complaint", "repair", "publicity"):
        assert f'href="/guides/{slug}"' in html
        assert client.get(f"/guides/{slug}").status_code == 200  # the built-in, translated guides
    repair = client.get("/guides/xin-yong-xiu-fu").get_data(as_text=True)
    assert "<table>" in repair
    assert "处罚决定满 3 个月后" in repair
    policies = client.get("/policies").get_data(as_text=True)
    assert policies.index("2025-11-20") < policies.index("2020-12-07") < policies.index("2019-07-09")
    assert "国办发〔2019〕35号" in client.get("/policies/guo-ban-fa-2019-35").get_data(as_text=True)
    assert client.get("/news/guo-ban-fa-2019-35").status_code == 404  # a policy is not a news item


def test_the_home_page_shows_the_seeded_credit_news_newest_first(app: Flask) -> None:
    seed_pages(db.session)
    db.session.commit()
    html = app.test_client().get("/").get_data(as_text=True)
    news = html.split('<section aria-labelledby="news-h"', 1)[1].split("</section>", 1)[0]
    assert "信用动态" in news
    newest, oldest = "本网站开通信用报告在线出具和核验服务", "市信用办启动 2026 年“诚信建设万里行”主题宣传活动"
    assert news.index(newest) < news.index(oldest)
    assert '<time datetime="2026-11-16">2026-11-16</time>' in news
    assert 'href="/news/xin-yong-bao-gao-zai-xian-chu-ju"' in news
    assert 'href="/news"' in news


def test_nav_and_sitemap_link_the_new_sections(app: Flask) -> None:
    client = app.test_client()
    for url in ("/", "/sitemap"):
        html = client.get(url).get_data(as_text=True)
        assert 'href="/policies"' in html
        assert 'href="/news"' in html
        assert 'href="/statistics"' in html
    html = client.get("/policies").get_data(as_text=True)
    assert 'href="/policies" aria-current="page"' in html
