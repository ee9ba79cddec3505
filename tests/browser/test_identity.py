"""The site a city would put online (issue 18): header, banner, footer, phone menu, chat launcher, page weight.

Every page here is checked at 1366 px and at 390 px: no axe violation, no sideways scrolling; screenshots are kept
in test-output/browser/ for people to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Response, expect

from portal import ROOT
from tests.browser import axe
from tests.browser.conftest import LiveServer, assert_no_csp_violation, sign_in

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
PAGES = {
    "home": "/",
    "news": "/news",
    "news item": "/news/xin-yong-bao-gao-zai-xian-chu-ju",
    "policies": "/policies",
    "policy": "/policies/fgw-ling-36",
    "red list": "/lists/redlist",
    "submissions": "/submissions",
    "complaint form": "/complaints/new",
    "track": "/track",
}
SCREENSHOTS = ROOT / "test-output" / "browser"
HOME_BUDGET = 120 * 1024  # bytes of the home page with all its assets (issue 18)

_SCROLL = "() => [document.scrollingElement.scrollWidth, window.innerWidth]"


@pytest.fixture(params=["desktop", "phone"])
def sized(request: pytest.FixtureRequest, browser: Browser, live_server: LiveServer) -> Iterator[tuple[str, Page]]:
    viewport = DESKTOP if request.param == "desktop" else PHONE
    context = browser.new_context(viewport=viewport, locale="zh-CN", base_url=live_server.url)
    yield request.param, context.new_page()
    context.close()


def _shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9]+', '-', name).strip('-')}.png"), full_page=True)


@pytest.mark.parametrize("name", PAGES)
def test_page_fits_and_has_no_axe_violations_at_both_widths(sized: tuple[str, Page], name: str) -> None:
    size, page = sized
    response = page.goto(PAGES[name])
    assert response is not None
    assert response.status == 200, name
    _shot(page, f"identity-{size}-{name}")
    scroll, inner = page.evaluate(_SCROLL)
    assert scroll <= inner, f"{name} scrolls sideways at {inner} px"
    assert_no_csp_violation(page)
    found = axe.violations(page)
    assert not found, f"axe-core found violations on {name} ({size}):\n{axe.describe(found)}"


def test_the_header_shows_the_mark_and_the_site_name(sized: tuple[str, Page]) -> None:
    _size, page = sized
    page.goto("/")
    expect(page.locator(".site-header .brand-name")).to_have_text("信用江临")
    logo = page.locator(".site-header .brand-logo").bounding_box()
    assert logo is not None
    assert logo["width"] >= 32  # the mark (static/img/logo.svg) is drawn, not a zero-size box
    assert page.evaluate("() => getComputedStyle(document.querySelector('.brand-logo')).backgroundImage").endswith(
        'logo.svg")'
    )
    expect(page.locator(".site-footer")).to_contain_text("江临市公共信用信息平台")


def test_the_first_phone_screen_shows_the_search_box(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=live_server.url)
    page = context.new_page()
    page.goto("/")
    box = page.locator("#home-q").bounding_box()
    button = page.locator(".banner .search-row button").bounding_box()
    context.close()
    assert box is not None
    assert button is not None
    assert box["y"] + box["height"] <= PHONE["height"]
    assert button["y"] + button["height"] <= PHONE["height"]  # the search can be sent without scrolling


def test_the_phone_menu_folds_behind_a_button(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=live_server.url)
    page = context.new_page()
    page.goto("/")
    toggle = page.get_by_role("button", name="菜单")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#main-nav")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name="政策法规")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#main-nav")).to_be_hidden()
    context.close()


def test_without_javascript_the_phone_menu_stays_open(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    expect(page.locator("#main-nav")).to_be_visible()
    expect(page.locator("#menu-toggle")).to_be_hidden()
    context.close()


def test_on_a_desktop_the_menu_is_open_and_the_button_hidden(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", base_url=live_server.url)
    page = context.new_page()
    page.goto("/news")
    expect(page.locator("#menu-toggle")).to_be_hidden()
    expect(page.locator('#main-nav a[aria-current="page"]')).to_have_text("工作动态")
    context.close()


def _overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])  # fmt: skip


_TEXT_BOXES = """() => [...document.querySelectorAll('main :is(h1, h2, p, li, td, label, input, select, button)')]
  .filter(el => el.offsetParent !== null)
  .map(el => { const r = el.getBoundingClientRect();
               return {x: r.x, y: r.y, width: r.width, height: r.height, what: el.textContent.slice(0, 30)};
  })"""


@pytest.mark.parametrize("path", ["/", "/lists/redlist", "/complaints/new"])
def test_the_chat_launcher_never_covers_content(sized: tuple[str, Page], path: str) -> None:
    size, page = sized
    page.goto(path)
    for scroll in (0, 600, 1800, 100_000):  # top, middle and the very bottom of the page
        page.evaluate(f"window.scrollTo(0, {scroll})")
        launcher = page.locator("#chat-launcher").bounding_box()
        assert launcher is not None
        covered = [box["what"] for box in page.evaluate(_TEXT_BOXES) if _overlaps(launcher, box)]
        assert covered == [], f"{size} {path} at scroll {scroll}: the chat launcher covers {covered[:3]}"


def test_the_home_page_weighs_at_most_120_kb_with_all_assets(page: Page) -> None:
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    page.goto("/")
    page.wait_for_load_state("networkidle")
    sizes = {r.url: len(r.body()) for r in responses if r.status == 200}
    origin = "/".join(page.url.split("/")[:3])
    assert all(url.startswith(origin) for url in sizes), sizes  # everything from the site itself: no CDN
    assert sum(sizes.values()) <= HOME_BUDGET, sizes


def test_the_back_office_has_its_own_header(page: Page, staff_account: tuple[str, str]) -> None:
    sign_in(page, staff_account)
    expect(page.locator(".staff-header")).to_contain_text("后台管理")
    expect(page.locator(".site-header")).to_have_count(0)
    expect(page.get_by_role("link", name="适老化模式")).to_have_count(0)
    expect(page.get_by_role("link", name="企业登录")).to_have_count(0)
    page.goto("/joint/checks/new")  # an admin reaches every tool
    expect(page.locator("h1")).to_be_visible()
    assert_no_csp_violation(page)
    found = axe.violations(page)
    assert not found, axe.describe(found)
