"""The site's identity (issue 18): name and city from settings, the mark and favicon, a footer that shows only
what the deployment configured."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

STATIC = Path(__file__).resolve().parents[2] / "static"


def test_the_header_shows_the_mark_the_site_name_and_the_city(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert '<span class="brand-logo" aria-hidden="true"></span>' in html  # the mark: static/img/logo.svg (CSS)
    assert '<span class="brand-name">信用江临</span>' in html
    assert '<span class="brand-sub">江临市公共信用信息平台</span>' in html
    assert "<title>信用江临</title>" in html
    assert 'rel="icon" href="/static/img/favicon.svg" type="image/svg+xml"' in html
    assert 'href="/static/img/favicon-32.png"' in html


def test_the_mark_and_the_icons_are_shipped_in_static() -> None:
    logo = (STATIC / "img" / "logo.svg").read_text(encoding="utf-8")
    assert logo.startswith("<svg")
    assert "<script" not in logo
    assert 'url("../img/logo.svg")' in (STATIC / "css" / "site.css").read_text(encoding="utf-8")
    assert (STATIC / "img" / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (STATIC / "img" / "favicon-32.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_site_name_and_city_come_from_the_settings(app: Flask) -> None:
    app.config.update(SITE_CITY="临川", SITE_NAME="信用临川")
    html = app.test_client().get("/").get_data(as_text=True)
    assert '<span class="brand-name">信用临川</span>' in html
    assert "临川市公共信用信息平台" in html
    assert "信用江临" not in html


def test_the_footer_shows_no_filing_numbers_by_default(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    footer = html[html.index('<footer class="site-footer">') :]
    for absent in ("主办单位", "承办单位", "ICP", "beian", "网站标识码", "党政机关", "联系电话"):
        assert absent not in footer, absent
    assert "江临市社会信用体系建设工作领导小组办公室主办" in footer


def test_the_footer_shows_every_configured_unit_and_filing_number(app: Flask) -> None:
    app.config.update(
        SITE_HOST_UNIT="江临市社会信用体系建设领导小组办公室", SITE_ORGANIZER_UNIT="江临市公共信用信息中心",
        SITE_ADDRESS="江临市人民路 1 号", SITE_PHONE="0000-12345678", SITE_ICP="江ICP备00000000号-1",
        SITE_PSB="江公网安备 00000000000000号", SITE_PSB_CODE="00000000000000", SITE_CODE="0000000001",
        SITE_GOV_MARK_URL="https://example.org/verify?id=1", SITE_GOV_MARK_IMAGE="img/logo.svg",
    )  # fmt: skip
    footer = app.test_client().get("/").get_data(as_text=True).split('<footer class="site-footer">', 1)[1]
    for text in (
        "<dt>主办单位</dt><dd>江临市社会信用体系建设领导小组办公室</dd>",
        "<dt>承办单位</dt><dd>江临市公共信用信息中心</dd>",
        "<dt>联系地址</dt><dd>江临市人民路 1 号</dd>", "<dt>联系电话</dt><dd>0000-12345678</dd>",
        '<a href="https://beian.miit.gov.cn/" rel="noopener">江ICP备00000000号-1</a>',
        'href="https://beian.mps.gov.cn/#/query/webSearch?code=00000000000000" rel="noopener">'
        "江公网安备 00000000000000号</a>",
        "网站标识码：0000000001", '<a class="gov-mark" href="https://example.org/verify?id=1" rel="noopener">',
        'src="/static/img/logo.svg" alt="党政机关网站"',
    ):  # fmt: skip
        assert text in footer, text
    assert "<dt>联系邮箱</dt>" not in footer  # not configured, not rendered


def test_staff_pages_have_the_back_office_layout(client: FlaskClient) -> None:
    html = client.get("/accounts/login").get_data(as_text=True)
    assert '<header class="staff-header">' in html
    for public_only in ('class="main-nav"', "适老化模式", "企业登录", 'class="site-footer"', "chat-widget"):
        assert public_only not in html, public_only
