"""Form polish (issue 18): optional fields are not marked required, a plain error summary in page order,
breadcrumbs and the menu item on every submission page, good news shown as good news."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.submissions.fixtures import PERSON_NO, SERIOUS_NO, fill, penalty_id


def _control(html: str, name: str) -> str:
    match = re.search(rf'<(?:input|select|textarea)\b[^>]*\bname="{name}"[^>]*>', html)
    assert match, name
    return match.group(0)


@pytest.mark.usefixtures("site")
@pytest.mark.parametrize(
    ("url", "optional", "required"),
    [
        ("/complaints/new", ("subject_name", "subject_uscc", "contact_email", "attachments", "contact_name"),
         ("description", "captcha_answer")),
        ("/objections/new", ("subject_uscc", "contact_email", "attachments"), ("description", "record_ref")),
        ("/verify", ("hash",), ("no", "code")),
    ],
)  # fmt: skip
def test_optional_fields_are_not_rendered_as_required(
    client: FlaskClient, url: str, optional: tuple[str, ...], required: tuple[str, ...]
) -> None:
    html = client.get(url).get_data(as_text=True)
    assert 'required="None"' not in html  # WTForms' rendering of required=None, which browsers read as required
    for name in optional:
        assert " required" not in _control(html, name), name
    for name in required:
        assert " required" in _control(html, name), name


def test_the_error_summary_is_titled_plainly_and_follows_the_page_order(site: Flask, client: FlaskClient) -> None:
    posted = fill(client, "/complaints/new", {"about": "subject", "topic": "", "description": ""})
    assert posted.response.status_code == 400
    summary = posted.html.split('<div class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert '<h2 id="error-summary-title">请修改以下内容</h2>' in summary
    links = re.findall(r'<a href="#([^"]+)">', summary)
    page = [m for m in re.findall(r'\bid="([^"]+)"', posted.html.split("<form", 1)[1]) if m in links]
    assert links == list(dict.fromkeys(page))  # the summary lists the fields as the form shows them
    assert links.index("topic") < links.index("description") < links.index("contact_name")


@pytest.mark.usefixtures("site")
@pytest.mark.parametrize(
    ("url", "here"),
    [
        ("/submissions", "异议申诉、投诉举报和信用修复"),
        ("/complaints/new", "投诉举报"),
        ("/objections/new", "信用信息异议"),
        ("/repairs/new", "信用修复申请"),
        ("/repairs/results", "信用修复结果"),
        ("/track", "办理进度查询"),
    ],
)
def test_every_submission_page_has_breadcrumbs_and_highlights_its_menu_item(
    client: FlaskClient, url: str, here: str
) -> None:
    html = client.get(url).get_data(as_text=True)
    crumbs = html.split('<nav class="breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/">首页</a>' in crumbs
    assert f'<span aria-current="page">{here}</span>' in crumbs
    nav = html.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/submissions" aria-current="page">' in nav


def test_an_eligible_repair_is_shown_as_good_news_and_a_premature_one_as_a_notice(
    site: Flask, client: FlaskClient
) -> None:
    eligible = client.get(f"/repairs/new?record=penalty:{penalty_id(PERSON_NO)}").get_data(as_text=True)
    assert '<p class="notice notice-ok" id="eligibility">' in eligible
    premature = client.get(f"/repairs/new?record=penalty:{penalty_id(SERIOUS_NO)}").get_data(as_text=True)
    assert '<p class="notice" id="eligibility">' in premature
