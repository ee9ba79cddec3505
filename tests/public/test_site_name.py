"""Issue 18: pages, feeds, reports, certificates, e-mail and the OpenAPI document name the configured site
(PORTAL_SITE_CITY / PORTAL_SITE_NAME), never a hard-coded city."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from portal import ROOT
from tests.api.conftest import indexed  # noqa: F401 - re-exported fixture
from tests.conftest import FreshClient
from tests.reports.test_search_certificate import issue, pdf_text

FOOD_USCC = "91430200MA4L0A1B7K"


def _configure(app: Flask) -> FlaskClient:
    app.config.update(SITE_CITY="青州", SITE_NAME="信用青州")
    app.test_client_class = FreshClient
    return app.test_client()


def test_no_module_hard_codes_the_site_city() -> None:
    offenders = []
    for folder, pattern in (("portal", "*.py"), ("templates", "*.html"), ("templates", "*.xml")):
        for path in (ROOT / folder).rglob(pattern):
            if "demo" in path.parts or path.name == "site_identity.py":
                continue
            if '_("Jianglin")' in path.read_text(encoding="utf-8"):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_pages_feed_and_api_document_use_the_setting(indexed: Flask) -> None:  # noqa: F811 - the fixture
    client = _configure(indexed)
    zh = {"Accept-Language": "zh-CN"}
    about = client.get("/about", headers=zh).get_data(as_text=True)
    assert "青州" in about
    assert "江临" not in about
    feed = client.get(f"/subjects/{FOOD_USCC}/feed.atom", headers=zh).get_data(as_text=True)
    assert "信用青州" in feed
    assert "江临" not in feed
    spec = client.get("/api/v1/openapi.json", headers=zh).get_json()
    assert "青州" in spec["info"]["title"]
    assert "江临" not in spec["info"]["title"] + spec["info"]["description"]


def test_certificates_name_the_configured_platform(indexed: Flask, tmp_path: Path) -> None:  # noqa: F811
    client = _configure(indexed)
    number = issue(client, q="株洲示例食品")
    html = client.get(f"/certificates/{number}", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "青州市公共信用信息平台" in html
    text = pdf_text(client, number, tmp_path)
    assert "青州市公共信用信息平台" in text
    assert not re.search("江临市公共信用信息平台", text)
