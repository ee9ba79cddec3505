"""The live site runs on the fixed date TODAY, while the rest of the test process keeps the real clock."""

from __future__ import annotations

from datetime import datetime

from playwright.sync_api import Page, expect

from portal import clock
from tests.browser.conftest import LiveServer
from tests.conftest import TODAY


def test_live_site_shows_the_fixed_date_and_the_test_thread_keeps_the_real_clock(
    page: Page, live_server: LiveServer
) -> None:
    page.goto("/")
    expect(page.locator("p.lead")).to_contain_text(f"数据截至 {TODAY.isoformat()}")
    assert clock.today() == datetime.now(clock.CHINA_TZ).date()
