"""The chat widget and the search autocomplete as served (markup, no-JS fallback, safe scripts); relaxed search UI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.extensions import db
from portal.indexing.backend import get_backend
from portal.indexing.outbox import reindex
from tests.conftest import TODAY

STATIC = Path(__file__).resolve().parents[2] / "static" / "js"


@pytest.mark.parametrize("url", ["/", "/penalties", "/guides", "/search?q=水务", "/no-such-page"])
def test_every_public_page_has_the_widget_with_a_plain_link_fallback(api: FlaskClient, url: str) -> None:
    html = api.get(url).get_data(as_text=True)
    assert 'id="chat-widget"' in html
    launcher = re.search(r'<a class="chat-launcher" id="chat-launcher" href="([^"]+)">', html)
    assert launcher is not None
    assert launcher.group(1) == "/chat"  # without JavaScript: the /chat form page
    assert 'role="dialog"' in html
    assert 'aria-labelledby="chat-panel-title"' in html
    assert 'role="log" aria-live="polite"' in html
    assert 'data-api="/api/v1/chat"' in html
    assert '<label for="chat-input"' in html
    assert "/static/js/chat-widget.js" in html


def test_the_chat_page_and_the_back_office_have_no_widget(api: FlaskClient) -> None:
    assert 'id="chat-widget"' not in api.get("/chat").get_data(as_text=True)
    assert 'id="chat-widget"' not in api.get("/chat/ticket").get_data(as_text=True)


def test_the_search_boxes_load_the_autocomplete(api: FlaskClient) -> None:
    for url in ("/", "/search?q=水务"):
        html = api.get(url).get_data(as_text=True)
        assert "/static/js/autocomplete.js" in html
        assert 'data-suggest-url="/api/v1/suggest"' in html
        assert 'class="search-box"' in html


@pytest.mark.parametrize("name", ["chat-widget.js", "autocomplete.js"])
def test_scripts_insert_server_text_only_as_text(name: str) -> None:
    source = (STATIC / name).read_text(encoding="utf-8")
    for unsafe in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert unsafe not in source
    assert "textContent" in source
    assert "https://" not in source  # nothing loaded from elsewhere
    assert r"/^\/(?![\/\\])/" in source  # only site-relative links are followed


def test_the_autocomplete_follows_the_aria_combobox_pattern() -> None:
    source = (STATIC / "autocomplete.js").read_text(encoding="utf-8")
    for needle in ('"combobox"', "aria-expanded", "aria-controls", "aria-activedescendant", '"listbox"', '"option"',
                   "ArrowDown", "ArrowUp", "Escape", "Enter"):  # fmt: skip
        assert needle in source


def test_the_suggest_endpoint_finds_names_by_pinyin_initials_and_by_words_in_any_order(examples: Flask) -> None:
    reindex(db.session, get_backend(examples), TODAY)
    db.session.commit()
    client = examples.test_client()
    by_initials = client.get("/api/v1/suggest?q=zzsl").get_json()["suggestions"]
    assert "株洲示例燃气有限公司" in [s["name"] for s in by_initials]
    by_words = client.get("/api/v1/suggest?q=株洲燃气").get_json()["suggestions"]
    assert [s["name"] for s in by_words] == ["株洲示例燃气有限公司"]


def test_a_relaxed_result_page_says_so(examples: Flask) -> None:
    reindex(db.session, get_backend(examples), TODAY)
    db.session.commit()
    client = examples.test_client()
    body = client.get("/api/v1/search?q=株洲燃气").get_json()
    assert body["relaxed"] is True
    assert "株洲示例燃气有限公司" in [r.get("subject_name") or r.get("title") for r in body["results"]]
    strict = client.get("/api/v1/search?q=示例燃气").get_json()
    assert strict["relaxed"] is False
    html = client.get("/search?q=株洲燃气", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Showing results that contain every keyword" in html
    assert "Showing results that contain every keyword" not in client.get(
        "/search?q=示例燃气", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
