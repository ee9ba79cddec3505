"""The /chat page at 1366 px and at 390 px, in normal and 适老化 mode, with and without JavaScript: a real page (title,
introduction, suggested questions, the conversation as bubbles), no axe violation, no sideways scrolling, no CSP
violation, and no floating launcher on it. Elsewhere the 适老化 mode enlarges the launcher, which still covers nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from portal import ROOT
from portal.public.views_site import CARE_COOKIE
from tests.browser import axe
from tests.browser.conftest import LiveServer, assert_no_csp_violation

SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
SCREENSHOTS = ROOT / "test-output" / "browser"
_FITS = "() => document.scrollingElement.scrollWidth <= window.innerWidth"


def _context_page(browser: Browser, live_server: LiveServer, size: str, *, care: bool = False, js: bool = True):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=SIZES[size], locale="zh-CN", base_url=live_server.url,
                                  java_script_enabled=js)  # fmt: skip
    if care:
        context.add_cookies([{"name": CARE_COOKIE, "value": "1", "url": live_server.url}])
    return context, context.new_page()


@pytest.fixture(params=[(size, care) for size in SIZES for care in (False, True)], ids=lambda p: f"{p[0]}-care{p[1]}")
def sized(request: pytest.FixtureRequest, browser: Browser, live_server: LiveServer) -> Iterator[tuple[str, Page]]:
    size, care = request.param
    context, page = _context_page(browser, live_server, size, care=care)
    yield f"{size}{'-care' if care else ''}", page
    context.close()


def _check(page: Page, shot: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9]+', '-', shot).strip('-')}.png"), full_page=True)
    assert page.evaluate(_FITS), f"{shot}: the page scrolls sideways"
    assert_no_csp_violation(page)
    found = axe.violations(page)
    assert not found, f"axe-core found WCAG 2.1 A/AA violations on {shot}:\n{axe.describe(found)}"


def test_the_chat_page_is_a_real_page_at_both_widths(sized: tuple[str, Page]) -> None:
    size, page = sized
    response = page.goto("/chat")
    assert response is not None
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("在线咨询")
    expect(page.locator(".chat-intro .lead")).to_be_visible()
    expect(page.get_by_role("heading", name="推荐问题")).to_be_visible()
    expect(page.get_by_role("button", name="什么是信用承诺")).to_be_visible()
    expect(page.locator(".chat-bubble-bot")).to_have_count(1)  # the greeting
    assert page.locator("#chat-launcher").count() == 0  # no floating button on the chat page itself
    _check(page, f"chat-{size}")


def test_a_suggested_question_is_answered_and_shown_as_a_conversation(sized: tuple[str, Page]) -> None:
    size, page = sized
    page.goto("/chat")
    page.get_by_role("button", name="行政强制公示多长时间").click()
    expect(page.locator(".chat-bubble-user .chat-text")).to_have_text("行政强制公示多长时间")
    expect(page.locator(".chat-bubble-bot .chat-text").last).to_contain_text("6个月")
    expect(page.locator(".chat-quick button").first).to_be_visible()  # the answer's quick replies
    _check(page, f"chat-answered-{size}")
    if size.startswith("phone"):  # one column: the suggestions come after the conversation, not beside it
        thread = page.locator(".chat-conversation").bounding_box()
        side = page.locator(".chat-side").bounding_box()
        assert thread is not None
        assert side is not None
        assert side["y"] >= thread["y"] + thread["height"]


@pytest.mark.parametrize("size", SIZES)
def test_without_javascript_the_buttons_and_the_form_still_work(
    browser: Browser, live_server: LiveServer, size: str
) -> None:
    context, page = _context_page(browser, live_server, size, js=False)
    page.goto("/chat")
    page.get_by_role("button", name="我想查一家公司").click()
    expect(page.locator(".chat-bubble-bot .chat-text").last).to_contain_text("哪一家")
    page.get_by_label("您的问题").fill("株洲示例食品有限公司有没有违诺")
    page.get_by_role("button", name="发送").click()
    expect(page.locator(".chat-bubble-user")).to_have_count(2)
    expect(page.locator(".chat-bubble-bot .chat-text").last).to_contain_text("株洲示例食品有限公司")
    assert page.evaluate(_FITS)
    context.close()


def _font_px(page: Page) -> float:
    return float(page.eval_on_selector("#chat-launcher", "el => parseFloat(getComputedStyle(el).fontSize)"))


@pytest.mark.parametrize("size", SIZES)
def test_large_text_mode_enlarges_the_launcher_which_still_covers_nothing(
    browser: Browser, live_server: LiveServer, size: str
) -> None:
    context, page = _context_page(browser, live_server, size)
    page.goto("/lists/redlist")
    normal = _font_px(page)
    context.close()
    context, page = _context_page(browser, live_server, size, care=True)
    page.goto("/lists/redlist")
    assert _font_px(page) > normal
    launcher = page.locator("#chat-launcher").bounding_box()
    assert launcher is not None
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('main :is(h1, h2, p, li, td, label, input, select, button), header a')]
          .filter(el => el.offsetParent !== null && !el.closest('#chat-widget'))
          .map(el => { const r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })"""
    )
    x, y, w, h = launcher["x"], launcher["y"], launcher["width"], launcher["height"]
    covered = [b for b in boxes if not (x + w <= b[0] or b[0] + b[2] <= x or y + h <= b[1] or b[1] + b[3] <= y)]
    assert covered == [], f"{size}: the enlarged launcher covers {covered[:3]}"
    assert page.evaluate(_FITS)
    context.close()
