"""Site pages, navigation, the 适老化 (large text) toggle and the English interface."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

PAGES = {
    "/about": ("关于本站", "数据来源单位"),
    "/privacy": ("隐私声明", "身份证号码等证件号码"),
    "/accessibility": ("无障碍声明", "适老化模式"),
    "/guides": ("办事指南", "如何提出异议"),
    "/guides/objection": ("如何提出异议", "16个工作日"),
    "/guides/complaint": ("如何投诉举报", "3个工作日"),
    "/guides/repair": ("如何申请信用修复", "信用承诺"),
    "/guides/publicity": ("行政处罚公示期限", "3年"),
    "/sitemap": ("网站地图", "行政许可"),
}


@pytest.mark.parametrize(("url", "texts"), PAGES.items())
def test_each_site_page_is_in_chinese_with_its_content(client: FlaskClient, url: str, texts: tuple[str, str]) -> None:
    response = client.get(url)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in html
    for text in texts:
        assert text in html, text
    assert html.count("<h1>") == 1
    assert 'class="skip-link" href="#main"' in html


@pytest.mark.parametrize(("url", "text"), [
    ("/about", "About this site"), ("/guides/objection", "How to object to a record"),
    ("/guides/repair", "credit commitment"), ("/guides/publicity", "3 years after the decision"),
    ("/privacy", "Privacy statement"), ("/accessibility", "Accessibility statement"), ("/sitemap", "Site map"),
])
def test_each_site_page_has_an_english_version(client: FlaskClient, url: str, text: str) -> None:
    client.set_cookie("locale", "en")
    html = client.get(url).get_data(as_text=True)
    assert '<html lang="en">' in html
    assert text in html
    assert "办事指南" not in html


def test_the_menu_marks_the_current_section_and_the_footer_links_the_statements(client: FlaskClient) -> None:
    html = client.get("/guides/repair").get_data(as_text=True)
    nav = html.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]
    for label in ("首页", "双公示", "信用名单", "办事指南", "关于"):
        assert label in nav
    assert '<a href="/guides" aria-current="page">办事指南</a>' in nav
    footer = html.split('<footer', 1)[1]
    for href in ("/about", "/privacy", "/accessibility", "/sitemap", "/guides"):
        assert f'href="{href}"' in footer


@pytest.mark.usefixtures("examples")
def test_the_home_page_has_a_search_box_and_links_to_every_section(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert '<form class="search-box" action="/search" method="get" role="search">' in html
    assert 'name="q"' in html
    assert '<label for="home-q">' in html
    for href in ("/penalties", "/permits", "/lists/redlist", "/lists/blacklist", "/guides/objection",
                 "/guides/complaint", "/guides/repair"):
        assert f'href="{href}"' in html, href


def test_the_large_text_mode_is_a_link_that_sets_a_cookie_and_comes_back(client: FlaskClient) -> None:
    html = client.get("/permits?year=2026").get_data(as_text=True)
    assert '<body class="">' in html
    assert 'href="/care-mode?on=1&amp;next=/permits?year%3D2026"' in html
    response = client.get("/care-mode?on=1&next=/permits?year%3D2026")
    assert response.status_code == 302
    assert response.location == "/permits?year=2026"
    assert "care=1" in response.headers["Set-Cookie"]
    for url in ("/", "/about", "/lists", "/no-such-page"):
        assert '<body class="care-mode">' in client.get(url).get_data(as_text=True), url
    assert "退出适老化模式" in client.get("/").get_data(as_text=True)
    client.get("/care-mode?on=0&next=/")
    assert '<body class="">' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("target", ["//evil.com", "https://evil.com/", "/\\evil.com", "javascript:alert(1)"])
def test_the_large_text_switch_redirects_only_to_a_local_path(client: FlaskClient, target: str) -> None:
    response = client.get("/care-mode", query_string={"on": "1", "next": target})
    assert response.status_code == 302
    assert response.location == "/"


def test_the_language_switch_returns_to_the_same_filtered_page(client: FlaskClient) -> None:
    html = client.get("/penalties?sort=asc").get_data(as_text=True)
    assert 'href="/lang/en?next=/penalties?sort%3Dasc"' in html
    response = client.get("/lang/en?next=/penalties?sort%3Dasc")
    assert response.location == "/penalties?sort=asc"


@pytest.mark.usefixtures("examples")
def test_english_listing_pages_translate_the_interface_not_the_data(client: FlaskClient) -> None:
    client.set_cookie("locale", "en")
    html = client.get("/penalties").get_data(as_text=True)
    assert "<h1>Administrative penalties</h1>" in html
    assert "2 records found" in html
    assert "Revocation of permit" in html  # the 处罚类别 label
    assert "株洲示例食品有限公司" in html
    assert "行政处罚" not in html.split("<main", 1)[1]
    lists = client.get("/lists").get_data(as_text=True)
    assert "Serious dishonesty list" in lists
    assert "政府采购领域严重违法失信主体" in lists


def test_a_bad_request_page_keeps_the_layout_and_offers_a_way_forward(client: FlaskClient) -> None:
    html = client.get("/penalties?year=abc").get_data(as_text=True)
    assert "跳到主要内容" in html
    assert 'href="/penalties"' in html
