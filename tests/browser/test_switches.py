"""The 适老化 and language switches in the header: plain links, remembered in cookies across pages."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_large_text_mode_switch_is_remembered_and_can_be_left(page: Page) -> None:
    page.goto("/penalties")
    body = page.locator("body")
    expect(body).not_to_have_class("care-mode")
    normal_size = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    page.get_by_role("link", name="适老化模式").click()
    expect(body).to_have_class("care-mode")
    assert page.url.endswith("/penalties"), "the switch returns to the page it was used on"
    large_size = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert large_size > normal_size, (normal_size, large_size)
    # Remembered on the next page, then switched off again.
    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="首页").click()
    expect(body).to_have_class("care-mode")
    page.get_by_role("link", name="退出适老化模式").click()
    expect(body).not_to_have_class("care-mode")


def test_language_switch_changes_the_interface_and_back(page: Page) -> None:
    page.goto("/track")
    expect(page.locator("h1")).to_have_text("办理进度查询")
    assert page.get_attribute("html", "lang") == "zh-CN"
    page.get_by_role("link", name="English").click()
    expect(page.locator("h1")).to_have_text("Track an application")
    assert page.get_attribute("html", "lang") == "en"
    page.goto("/search?q=" + "株洲示例食品")
    expect(page.locator("h1")).to_have_text("Search public credit information")
    page.get_by_role("link", name="中文").click()
    expect(page.locator("h1")).to_have_text("搜索公开信用信息")
    assert page.get_attribute("html", "lang") == "zh-CN"
