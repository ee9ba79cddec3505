"""Keyboard use: the skip link comes first and moves focus to the main content; search works without a mouse."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import SERIOUS_NO


def _focused(page: Page, script: str) -> str:
    return str(page.evaluate(f"() => {{ const el = document.activeElement; return {script}; }}"))


def _tab_until(page: Page, predicate: str, limit: int = 40) -> None:
    """Press Tab until the focused element matches `predicate` (JS over `el`); fail after `limit` presses."""
    for _count in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return Boolean({predicate}); }}"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate}")


def test_first_tab_reaches_the_skip_link_and_enter_moves_focus_to_main(page: Page) -> None:
    page.goto("/penalties")
    page.keyboard.press("Tab")
    assert _focused(page, "el.className") == "skip-link"
    assert _focused(page, "el.textContent.trim()") == "跳到主要内容"
    skip = page.locator("a.skip-link")
    box = skip.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["y"] >= 0, "the focused skip link must be visible on screen"
    assert box["width"] > 0
    page.keyboard.press("Enter")
    assert urlsplit(page.url).fragment == "main"
    assert _focused(page, "el.id") == "main"
    assert _focused(page, "el.tagName") == "MAIN"
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('main').contains(document.activeElement)")


def test_skip_link_comes_first_in_large_text_mode_and_in_english(page: Page) -> None:
    page.goto("/care-mode?on=1&next=/lang/en")
    assert page.get_attribute("html", "lang") == "en"
    page.keyboard.press("Tab")
    assert _focused(page, "el.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert _focused(page, "el.id") == "main"


def test_search_form_works_with_the_keyboard_alone(page: Page) -> None:
    page.goto("/")
    _tab_until(page, "el.name === 'q' && el.type === 'search'")
    page.keyboard.type("株洲示例食品")
    page.keyboard.press("Tab")
    assert _focused(page, "el.tagName + ':' + el.type") == "BUTTON:submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    url = urlsplit(page.url)
    assert url.path == "/search"
    assert parse_qs(url.query)["q"] == ["株洲示例食品"]
    expect(page.locator("#q")).to_have_value("株洲示例食品")
    result = page.locator("#results a", has_text=SERIOUS_NO)
    expect(result.first).to_be_visible()
    # Follow a result from the keyboard too: focus the link, press Enter, land on the record page.
    _tab_until(page, f"el.tagName === 'A' && el.textContent.includes({SERIOUS_NO!r})", limit=80)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text(SERIOUS_NO)


def test_search_submits_with_enter_in_the_field(page: Page) -> None:
    page.goto("/search")
    _tab_until(page, "el.id === 'q'")
    page.keyboard.type("91430200MA4L0A1B7K")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["91430200MA4L0A1B7K"]
    expect(page.locator("#results")).to_contain_text("株洲示例食品有限公司")


_FOCUS_RING = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  const label = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.name ? "[name=" + el.name + "]" : "")
    + " " + (el.textContent || "").trim().slice(0, 20);
  return {label, visible: Boolean(outline || shadow), body: el === document.body};
}"""


@pytest.mark.parametrize(
    "path", ["/", "/objections/new", "/complaints/new", "/track", "/penalties", "/search?q=食品", "/chat"]
)
def test_every_tab_stop_shows_a_visible_focus_indicator(page: Page, path: str) -> None:
    page.goto(path)
    missing, seen = [], []
    for _count in range(60):
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_RING)
        if state["body"] or state["label"] in seen:
            break
        seen.append(state["label"])
        if not state["visible"]:
            missing.append(state["label"])
    assert len(seen) >= 5, seen
    assert not missing, f"no visible focus indicator (WCAG 2.4.7) on: {missing}"
