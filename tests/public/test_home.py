"""The home page after importing the data-standard examples: counts, masking, what is never shown, languages."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

PERSON_ID = "430202198503121235"  # 王小明, 自然人
LEGAL_REP_ID = "430202199001014565"  # 张三, 法定代表人
MINOR_PENALTY_NO = "荷市监简罚〔2026〕7号"  # 轻微: not public (DOMAIN §5.2)
REMOVED_SUBJECT = "株洲示例商贸有限公司"  # its only list entry was removed on 2026-09-01 (DOMAIN §5.5)


def _counts(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<span class="num">([\d,]+)</span>', html)]


def _flat(html: str) -> str:
    """The page with full-width digits folded and every separator removed, to catch an ID in any spelling."""
    return re.sub(r"[\s\-_.,*·/|<>\"'=:;]+", "", unicodedata.normalize("NFKC", html))


@pytest.mark.usefixtures("examples")
def test_the_home_page_is_chinese_by_default_and_counts_only_what_is_public_today(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="zh-CN">' in html
    assert "信用信息公示" in html
    assert "当前公示信息" in html
    assert "2026-11-23" in html
    # penalties (15号 严重 + 3号 一般; 7号 轻微 is held back), permits, red, serious dishonesty, key attention
    assert _counts(html)[:5] == [2, 3, 1, 1, 0]
    assert set(_counts(html)[5:]) == {0}  # the other kinds' counts (none imported here)


def test_the_home_page_counts_and_masks_the_same_on_both_databases(examples_any_db: Flask) -> None:
    html = examples_any_db.test_client().get("/").get_data(as_text=True)
    assert _counts(html)[:5] == [2, 3, 1, 1, 0]
    assert set(_counts(html)[5:]) == {0}  # the other kinds' counts (none imported here)
    assert ">王**</a>" in html
    assert "王小明" not in html
    assert PERSON_ID not in _flat(html)
    assert MINOR_PENALTY_NO not in html
    assert REMOVED_SUBJECT not in html
    # Newest first: 株城管罚 (2026-05-05) before 株市监罚 (2026-03-10).
    assert html.index("株城管罚〔2026〕3号") < html.index("株市监罚〔2026〕15号")


@pytest.mark.usefixtures("examples")
def test_the_home_page_lists_the_public_records_with_their_subjects(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    for text in (
        "株洲示例食品有限公司", "91430200MA4L0A1B7K", "荷塘区示例餐饮店", "株洲示例建设工程有限公司",
        "株洲示例燃气有限公司", "株市监罚〔2026〕15号", "株城管罚〔2026〕3号", "株交运许〔2026〕56号",
        "政府采购领域严重违法失信主体", "纳税信用A级纳税人",
    ):
        assert text in html, text


@pytest.mark.usefixtures("examples")
def test_a_natural_person_appears_only_with_a_masked_name(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    # First character + one * per remaining character (DOMAIN §6): 王小明 → 王**.
    assert ">王**</a>" in html
    assert "王小明" not in html
    assert "小明" not in html


@pytest.mark.usefixtures("examples")
def test_no_id_number_reaches_the_page_in_any_form(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    flat = _flat(html)
    for number in (PERSON_ID, LEGAL_REP_ID):
        assert number not in flat
        assert number[6:14] not in flat  # the birth date part
        assert f"{number[:6]}********{number[-4:]}" not in html  # not even masked, on a public list page
    assert "身份证" not in html


@pytest.mark.usefixtures("examples")
def test_a_minor_penalty_and_a_removed_list_entry_are_not_shown(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert MINOR_PENALTY_NO not in html
    assert "未按规定公示食品经营许可证" not in html
    assert REMOVED_SUBJECT not in html
    assert "企业经营异常名录" not in html


@pytest.mark.usefixtures("examples")
def test_the_locale_cookie_switches_the_page_to_english(client: FlaskClient) -> None:
    client.set_cookie("locale", "en")
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Public credit information" in html
    assert "Records currently public" in html
    assert "信用信息公示" not in html
    assert _counts(html)[:5] == [2, 3, 1, 1, 0]
    assert set(_counts(html)[5:]) == {0}  # the other kinds' counts (none imported here)
    assert 'href="/lang/zh_CN?next=/"' in html


@pytest.mark.usefixtures("examples")
def test_an_english_browser_gets_the_english_page(client: FlaskClient) -> None:
    html = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Latest administrative penalties" in html


@pytest.mark.usefixtures("examples")
def test_a_chinese_browser_and_an_unknown_language_get_the_chinese_page(client: FlaskClient) -> None:
    for accept in ("zh-CN,zh;q=0.9,en;q=0.8", "fr-FR,fr;q=0.9"):
        html = client.get("/", headers={"Accept-Language": accept}).get_data(as_text=True)
        assert '<html lang="zh-CN">' in html, accept
        assert "最新行政处罚" in html, accept


@pytest.mark.usefixtures("examples")
def test_the_cookie_wins_over_the_browser_language(client: FlaskClient) -> None:
    client.set_cookie("locale", "zh_CN")
    html = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="zh-CN">' in html


def test_choosing_a_language_sets_the_cookie_and_returns_to_the_page(client: FlaskClient) -> None:
    response = client.get("/lang/en?next=/no-such-page")
    assert response.status_code == 302
    assert response.location == "/no-such-page"
    assert "locale=en" in response.headers["Set-Cookie"]
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    "target",
    [
        "//evil.com",
        "https://evil.com/",
        "/\\evil.com",
        "\\\\evil.com",
        "/\t/evil.com",  # browsers drop the tab: //evil.com
        "/\n/evil.com",  # was a 500: a newline cannot go into the Location header
        "/\r\n/evil.com",
        "javascript:alert(1)",
        "",
    ],
)
def test_the_language_switch_redirects_only_to_a_local_path(client: FlaskClient, target: str) -> None:
    response = client.get("/lang/en", query_string={"next": target})
    assert response.status_code == 302
    parts = urlsplit(response.location)
    assert (parts.scheme, parts.netloc) == ("", "")
    assert parts.path == "/"


def test_an_unknown_language_code_sets_no_cookie(client: FlaskClient) -> None:
    response = client.get("/lang/xx?next=/")
    assert response.status_code == 302
    assert "Set-Cookie" not in response.headers


def test_an_unknown_page_gets_the_chinese_404_page_in_the_site_layout(client: FlaskClient) -> None:
    response = client.get("/no-such-page")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert '<html lang="zh-CN">' in html
    assert "跳到主要内容" in html  # the skip link of base.html
    assert "页面不存在" in html
    assert "Traceback" not in html


def test_an_unknown_api_path_gets_a_json_error_and_no_stack_trace(client: FlaskClient) -> None:
    response = client.get("/api/v1/nothing")
    assert response.status_code == 404
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == "not_found"
    assert body["error"]["message"]
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.fixture
def failing_client(app: Flask) -> FlaskClient:
    def fail() -> str:
        raise RuntimeError(f"unexpected failure for {PERSON_ID}")

    app.add_url_rule("/boom", "boom", fail)
    app.add_url_rule("/api/v1/boom", "api_boom", fail)
    return app.test_client()


def test_an_unexpected_error_gets_the_chinese_500_page_without_details(failing_client: FlaskClient) -> None:
    response = failing_client.get("/boom")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "跳到主要内容" in html
    assert "系统内部错误，请稍后再试。" in html
    assert "RuntimeError" not in html
    assert PERSON_ID not in html


def test_an_unexpected_api_error_is_a_json_500_without_a_stack_trace(failing_client: FlaskClient) -> None:
    response = failing_client.get("/api/v1/boom")
    assert response.status_code == 500
    assert response.get_json() == {"error": {"code": "internal_error", "message": "系统内部错误，请稍后再试。"}}
    body = response.get_data(as_text=True)
    assert "Traceback" not in body
    assert PERSON_ID not in body
