"""One 信用异议 through the real form in a browser: from the record page to the receipt and /track."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask_babel import force_locale, gettext
from playwright.sync_api import Page, expect

from portal.extensions import db
from portal.models import Attachment, Submission
from tests.browser import axe
from tests.browser.conftest import LiveServer, sign_in
from tests.browser.pages import SERIOUS_NO, page_paths

# A small valid PDF (no scripts): what a scanned objection letter looks like to the content check.
PDF = (  # a complete PDF (xref and startxref): the upload check parses it with pypdf
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\n"
    b"endobj\nxref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \ntrailer\n"
    b"<< /Size 3 /Root 1 0 R >>\nstartxref\n110\n%%EOF\n"
)
QUESTION = re.compile(r"(\d+)\D+?(\d+)")
DESCRIPTION = "处罚决定书文号有误，应为株市监罚〔2026〕16号。"
REATTACH = "Files chosen before are not kept when the form comes back with errors: attach them again."


def _in_chinese(live_server: LiveServer, msgid: str) -> str:
    """The site's own zh_CN translation of `msgid` (the catalogue the server renders with)."""
    with live_server.app.test_request_context(), force_locale("zh_CN"):
        return str(gettext(msgid))


@pytest.fixture
def record_path(live_server: LiveServer) -> str:
    return page_paths(live_server)["penalty record"]


def _answer_the_question(page: Page) -> None:
    """Read the arithmetic question under the 答案 field, as a person would, and type the sum."""
    hint = page.locator("#captcha_answer-hint").inner_text()
    match = QUESTION.search(hint)
    assert match, f"no question in {hint!r}"
    page.get_by_label("答案").fill(str(int(match.group(1)) + int(match.group(2))))


def _open_the_form_from_the_record(page: Page, record_path: str) -> None:
    page.goto(record_path)
    expect(page.locator("h1")).to_contain_text(SERIOUS_NO)
    page.get_by_role("link", name="对此记录提出异议").click()
    expect(page.locator("h1")).to_have_text("信用信息异议")
    expect(page.locator("#record-title + dl")).to_contain_text(SERIOUS_NO)


def _fill_contact(page: Page) -> None:
    page.get_by_label("您的姓名").fill("张三")
    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_label("电子邮箱（选填）").fill("zhangsan@example.com")


def _attach_pdf(page: Page) -> None:
    page.get_by_label("附件").set_input_files({"name": "异议申请书.pdf", "mimeType": "application/pdf", "buffer": PDF})


def test_objection_from_record_page_to_receipt_tracking_and_staff_queue(
    page: Page, record_path: str, live_server: LiveServer, staff_account: tuple[str, str]
) -> None:
    _open_the_form_from_the_record(page, record_path)
    page.get_by_label("异议理由").select_option(label="信息不实")
    page.get_by_label("情况说明").fill(DESCRIPTION)
    _attach_pdf(page)
    _fill_contact(page)
    _answer_the_question(page)
    page.get_by_role("button", name="提交异议申请").click()

    expect(page.locator("h1")).to_have_text("您的申请已收到")
    tracking_no = page.locator("#tracking-no").inner_text().strip()
    code = page.locator("#query-code").inner_text().strip()
    assert re.fullmatch(r"20261123-[2-9A-HJ-NP-Z]{6}", tracking_no), tracking_no
    assert len(code.replace("-", "").replace(" ", "")) >= 8, code
    assert code not in page.url
    assert tracking_no not in page.url
    found = axe.violations(page)
    assert not found, f"receipt page:\n{axe.describe(found)}"

    # The submission is stored against the record, with the PDF.
    with live_server.app.app_context():
        stored = db.session.scalar(sa.select(Submission).where(Submission.tracking_no == tracking_no))
        assert stored is not None
        assert stored.description == DESCRIPTION
        names = db.session.scalars(sa.select(Attachment.original_name).where(Attachment.submission_id == stored.id))
        assert list(names) == ["异议申请书.pdf"]
        db.session.remove()

    page.get_by_role("link", name="办理进度查询").click()
    expect(page.locator("h1")).to_have_text("办理进度查询")
    page.get_by_label("受理编号").fill(tracking_no)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询办理进度").click()
    expect(page.locator("#result-title")).to_contain_text(tracking_no)
    expect(page.locator("#status")).to_have_text("已提交")
    expect(page.locator(".track-result")).to_contain_text("信用信息异议")
    found = axe.violations(page)
    assert not found, f"tracking result:\n{axe.describe(found)}"

    # A wrong code shows the same page with a not-found message and no status.
    page.get_by_label("受理编号").fill(tracking_no)
    page.get_by_label("查询码").fill("AAAA-BBBB-CCCC")
    page.get_by_role("button", name="查询办理进度").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#status")).to_have_count(0)

    # The staff see it in their queue and open it.
    sign_in(page, staff_account)
    page.get_by_role("link", name=tracking_no).click()
    expect(page.locator("h1")).to_contain_text(tracking_no)
    expect(page.locator("main")).to_contain_text(DESCRIPTION)
    expect(page.locator("main")).to_contain_text("异议申请书.pdf")
    found = axe.violations(page)
    assert not found, f"staff detail page:\n{axe.describe(found)}"


def test_missing_description_shows_the_error_next_to_it_and_keeps_the_other_fields(
    page: Page, record_path: str, live_server: LiveServer
) -> None:
    _open_the_form_from_the_record(page, record_path)
    page.get_by_label("异议理由").select_option(label="信息不实")
    _attach_pdf(page)
    _fill_contact(page)
    _answer_the_question(page)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="提交异议申请").click()
    assert posted.value.status == 400

    field = page.locator(".field.has-error")
    expect(field).to_have_count(1)
    expect(field.locator("label")).to_contain_text("情况说明")
    expect(field.locator("#description-error")).to_have_text("此项为必填项。")
    description = page.get_by_label("情况说明")
    expect(description).to_have_attribute("aria-invalid", "true")
    assert "description-error" in (description.get_attribute("aria-describedby") or "")
    # The summary at the top links to the field.
    summary_link = page.locator(".error-summary a[href='#description']")
    expect(summary_link).to_contain_text("此项为必填项。")
    summary_link.click()
    expect(description).to_be_focused()

    # Nothing typed is lost and the record is still the one objected to; only the answer is asked again.
    expect(page.locator("#record-title + dl")).to_contain_text(SERIOUS_NO)
    expect(page.get_by_label("异议理由")).to_have_value("wrong_info")
    expect(page.get_by_label("您的姓名")).to_have_value("张三")
    expect(page.get_by_label("联系电话")).to_have_value("13812345678")
    expect(page.get_by_label("电子邮箱（选填）")).to_have_value("zhangsan@example.com")
    expect(page.get_by_label("答案")).to_have_value("")
    # Files are the one thing a browser cannot keep: the form says so next to the file field.
    expect(page.locator("#attachments-hint")).to_contain_text(_in_chinese(live_server, REATTACH))
    found = axe.violations(page)
    assert not found, f"form with errors:\n{axe.describe(found)}"

    # Completing the missing field (and re-attaching the file, which browsers never keep) then succeeds.
    description.fill(DESCRIPTION)
    _attach_pdf(page)
    _answer_the_question(page)
    page.get_by_role("button", name="提交异议申请").click()
    expect(page.locator("h1")).to_have_text("您的申请已收到")
    expect(page.locator("#tracking-no")).to_have_text(re.compile(r"\d{8}-[A-Z0-9]{6}"))


def test_wrong_answer_to_the_question_is_explained_in_chinese(page: Page, record_path: str) -> None:
    _open_the_form_from_the_record(page, record_path)
    page.get_by_label("异议理由").select_option(label="信息不实")
    page.get_by_label("情况说明").fill(DESCRIPTION)
    _fill_contact(page)
    page.get_by_label("答案").fill("999")
    page.get_by_role("button", name="提交异议申请").click()
    expect(page.locator("#captcha_answer-error")).to_have_text("验证问题回答不正确，请回答新的问题。")
    expect(page.get_by_label("情况说明")).to_have_value(DESCRIPTION)
    expect(page.locator("#tracking-no")).to_have_count(0)
