"""A citizen filters the penalty listing, shares the filtered URL, and opens a record from it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect

from tests.browser.pages import ELIGIBLE_NO, SERIOUS_NO


def test_filter_penalties_by_severity_then_open_a_record_and_clear_the_filters(page: Page) -> None:
    page.goto("/penalties")
    table = page.locator("main table")
    expect(table).to_be_visible()
    page.get_by_label("失信严重程度").select_option(label="严重")
    page.get_by_role("button", name="筛选", exact=True).click()

    query = parse_qs(urlsplit(page.url).query)
    assert query["severity"] == ["serious"], page.url
    expect(page.get_by_label("失信严重程度")).to_have_value("serious")
    expect(table).to_contain_text(SERIOUS_NO)
    # The filtered listing is a plain GET URL: opened afresh (shared), it shows the same rows.
    rows = table.locator("tbody tr").all_inner_texts()
    page.goto(page.url)
    assert table.locator("tbody tr").all_inner_texts() == rows

    table.get_by_role("link", name=SERIOUS_NO).click()
    expect(page.locator("h1")).to_contain_text(SERIOUS_NO)
    expect(page.locator("main")).to_contain_text("严重")
    page.go_back()
    page.get_by_role("link", name="清除筛选").click()
    assert urlsplit(page.url).query == ""
    expect(page.get_by_label("失信严重程度")).to_have_value("")

    # Another filter: the department that decided the 一般 penalty of the examples, and nothing else.
    page.get_by_label("决定机关").select_option(label="株洲市城市管理和综合执法局")
    page.get_by_role("button", name="筛选", exact=True).click()
    assert parse_qs(urlsplit(page.url).query)["dept"] == ["11430200006123490A"]
    expect(table).to_contain_text(ELIGIBLE_NO)
    expect(table).not_to_contain_text(SERIOUS_NO)
    expect(page.get_by_label("失信严重程度")).to_have_value("")
