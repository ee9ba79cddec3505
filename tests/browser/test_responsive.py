"""On a 375 px phone screen the pages fit the width: no horizontal scrolling of the whole page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import LiveServer
from tests.browser.pages import page_paths

PHONE = {"width": 375, "height": 740}
PHONE_PAGES = ["home", "search results", "penalty listing", "penalty record", "subject profile", "objection form"]

_WIDTHS = """() => {
  const doc = document.scrollingElement;
  const wide = [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
    .filter(el => !el.closest(".skip-link"))
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + el.className : ""));
  return {scroll: doc.scrollWidth, inner: window.innerWidth, wide};
}"""


@pytest.fixture
def phone(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=live_server.url)
    yield context.new_page()
    context.close()


def _assert_fits(page: Page, path: str) -> None:
    page.goto(path)
    sizes = page.evaluate(_WIDTHS)
    assert sizes["scroll"] <= sizes["inner"], f"{path} scrolls sideways at {PHONE['width']} px: {sizes}"


@pytest.mark.parametrize("name", PHONE_PAGES)
def test_page_has_no_horizontal_scroll_on_a_phone(phone: Page, live_server: LiveServer, name: str) -> None:
    _assert_fits(phone, page_paths(live_server)[name])


def test_home_has_no_horizontal_scroll_on_a_phone_in_large_text_mode(phone: Page) -> None:
    phone.goto("/care-mode?on=1&next=/")
    assert "care-mode" in (phone.get_attribute("body", "class") or "")
    _assert_fits(phone, "/")
    # The search box stays usable: the input is at least half the screen wide.
    box = phone.locator("#home-q").bounding_box()
    assert box is not None
    assert box["width"] >= PHONE["width"] / 2
