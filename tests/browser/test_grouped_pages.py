"""Issue 18 pages in the browser at a desktop (1366 px) and a phone (390 px) width: the grouped search results,
numbered pages, record tabs and 文号 results; the subject profile and one of its long sections; the complaint form
in both of its states; the staff audit log. Each has zero axe-core WCAG 2.1 A/AA violations, no horizontal
scrolling and no Content-Security-Policy violation (no inline script or style)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect

from portal.extensions import db
from portal.models import Permit, Subject
from tests.browser import axe
from tests.browser.conftest import LiveServer, assert_no_csp_violation, sign_in
from tests.browser.pages import SERIOUS_NO, SERIOUS_USCC

WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
_FITS = """() => {
  const doc = document.scrollingElement;
  const wide = [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
    .filter(el => !el.closest(".skip-link"))
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + el.className : ""));
  return {scroll: doc.scrollWidth, inner: window.innerWidth, wide};
}"""


@pytest.fixture(scope="module")
def paths(live_server: LiveServer) -> dict[str, str]:
    with live_server.app.app_context():
        busiest = db.session.execute(
            sa.select(Permit.subject_id, sa.func.count()).group_by(Permit.subject_id).order_by(sa.func.count().desc())
        ).first()
        assert busiest is not None
        subject = db.session.get(Subject, busiest[0])
        assert subject is not None
        profile = f"/subjects/{subject.uscc}" if subject.uscc and subject.kind.value != "natural_person" else (
            f"/subjects/p/{subject.public_id}")  # fmt: skip
        db.session.remove()
    return {
        "grouped search": "/search?q=" + quote("有限公司"),
        "grouped search page 2": "/search?q=" + quote("有限公司") + "&page=2",
        "record tab": "/search?q=" + quote("有限公司") + "&type=permit&page=2",
        "document number search": "/search?q=" + quote(SERIOUS_NO),
        "did you mean": "/search?q=" + quote("株洲示列食品"),
        "subject profile": f"/subjects/{SERIOUS_USCC}",
        "profile section": profile + "?section=permit",
        "complaint form": "/complaints/new",
    }


def _check(page: Page, path: str, width: str) -> None:
    page.set_viewport_size(WIDTHS[width])
    response = page.goto(path)
    assert response is not None
    assert response.status == 200, f"{path}: HTTP {response.status}"
    assert_no_csp_violation(page)
    found = axe.violations(page)
    assert not found, f"axe-core found WCAG 2.1 A/AA violations on {path} at {width}:\n{axe.describe(found)}"
    sizes = page.evaluate(_FITS)
    assert sizes["scroll"] <= sizes["inner"], f"{path} scrolls sideways at {WIDTHS[width]['width']} px: {sizes}"


NAMES = ["grouped search", "grouped search page 2", "record tab", "document number search", "did you mean",
         "subject profile", "profile section", "complaint form"]  # fmt: skip


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", NAMES)
def test_issue_18_pages_pass_axe_and_fit_the_screen(page: Page, paths: dict[str, str], name: str, width: str) -> None:
    _check(page, paths[name], width)


def test_the_search_shows_cards_and_numbered_pages(page: Page, paths: dict[str, str]) -> None:
    page.goto(paths["grouped search"])
    expect(page.locator(".subject-card").first).to_be_visible()
    pager = page.get_by_role("navigation", name="分页")
    expect(pager.locator('a[aria-current="page"]')).to_have_text("1")
    pager.get_by_role("link", name="第 2 页").click()
    page.wait_for_url("**page=2**")
    expect(page.get_by_role("navigation", name="分页").locator('a[aria-current="page"]')).to_have_text("2")


def test_printing_the_results_leaves_out_the_controls(page: Page, paths: dict[str, str]) -> None:
    page.goto(paths["grouped search"])
    page.emulate_media(media="print")
    expect(page.locator(".subject-card").first).to_be_visible()
    expect(page.locator(".tabs")).to_be_hidden()
    expect(page.locator(".pager")).to_be_hidden()
    expect(page.locator(".certificate-form")).to_be_hidden()
    expect(page.locator("p.print-only").first).to_be_visible()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_complaint_form_shows_the_fields_of_the_chosen_target(page: Page, paths: dict[str, str], width: str) -> None:
    page.set_viewport_size(WIDTHS[width])
    page.goto(paths["complaint form"])
    expect(page.locator("#subject_name")).to_be_visible()
    expect(page.locator("#department")).to_be_hidden()
    page.locator('input[name="about"][value="department"]').check()
    expect(page.locator("#department")).to_be_visible()
    expect(page.locator("#subject_name")).to_be_hidden()
    found = axe.violations(page)
    assert not found, axe.describe(found)
    assert page.evaluate(_FITS)["scroll"] <= WIDTHS[width]["width"]
    assert_no_csp_violation(page)


def test_the_profile_section_pages_without_javascript(
    browser: Browser, live_server: LiveServer, paths: dict[str, str]
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="zh-CN", base_url=live_server.url)
    page = context.new_page()
    page.goto(paths["profile section"])
    expect(page.locator(".section-nav a[aria-current='true']")).to_contain_text("行政许可")
    years = page.locator("#section-year option")
    if years.count() > 1:
        page.select_option("#section-year", index=1)
        page.get_by_role("button", name="筛选").click()
        assert "year=" in page.url
    context.close()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_audit_log_shows_labels(page: Page, staff_account: tuple[str, str], width: str) -> None:
    sign_in(page, staff_account)
    page.set_viewport_size(WIDTHS[width])
    page.goto("/review/audit")
    expect(page.locator("table.records tbody")).to_contain_text("登录")
    expect(page.locator("table.records tbody")).not_to_contain_text("login")
    found = axe.violations(page)
    assert not found, axe.describe(found)
    sizes = page.evaluate(_FITS)
    assert sizes["scroll"] <= sizes["inner"], sizes
