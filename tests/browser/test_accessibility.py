"""axe-core finds no WCAG 2.1 A/AA violation on the public and staff pages, in normal, 适老化 and English mode,
and none of them breaks the Content-Security-Policy."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from portal import ROOT
from portal.i18n import LOCALE_COOKIE
from portal.public.views_site import CARE_COOKIE
from tests.browser import axe
from tests.browser.conftest import LiveServer, assert_no_csp_violation, sign_in
from tests.browser.pages import more_paths, page_paths

ALL_PAGES = [
    "home",
    "search results",
    "penalty listing",
    "penalty record",
    "list page",
    "subject profile",
    "objection form",
    "complaint form",
    "repair form",
    "repair not yet possible",
    "track",
    "chat",
    "staff login",
    "404",
]
# 适老化 mode changes sizes and colours site-wide: one page of each layout (forms share one set of macros).
LARGE_TEXT_PAGES = [
    "home",
    "search results",
    "penalty listing",
    "penalty record",
    "list page",
    "subject profile",
    "objection form",
    "repair form",
    "chat",
    "404",
]
MORE_PAGES = [
    "permit listing",
    "permit record",
    "lists index",
    "list type",
    "list entry",
    "search without results",
    "guides",
    "objection guide",
    "statistics",
    "accessibility statement",
    "site map",
    "submissions index",
    "repair results",
    "objection about a missing record",
    "repair without a record",
]
ENGLISH_PAGES = ["home", "search results", "penalty record", "objection form", "404"]


@pytest.fixture(scope="module")
def paths(live_server: LiveServer) -> dict[str, str]:
    return {**page_paths(live_server), **more_paths(live_server)}


# Every checked page is also kept as a screenshot, for people to look at (test-output/ is not in git).
SCREENSHOTS = ROOT / "test-output" / "browser"


def _check(page: Page, path: str, status: int = 200, *, shot: str) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.status == status, f"{path}: HTTP {response.status}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9]+', '-', shot).strip('-')}.png"), full_page=True)
    assert_no_csp_violation(page)  # before axe, which is evaluated through DevTools
    found = axe.violations(page)
    assert not found, f"axe-core found WCAG 2.1 A/AA violations on {path}:\n{axe.describe(found)}"


@pytest.mark.parametrize("name", ALL_PAGES)
def test_page_has_no_axe_violations(page: Page, paths: dict[str, str], name: str) -> None:
    _check(page, paths[name], 404 if name == "404" else 200, shot=name)


@pytest.mark.parametrize("name", LARGE_TEXT_PAGES)
def test_page_has_no_axe_violations_in_large_text_mode(
    page: Page, live_server: LiveServer, paths: dict[str, str], name: str
) -> None:
    # The cookie the 适老化 switch sets (test_switches.py clicks the switch itself).
    page.context.add_cookies([{"name": CARE_COOKIE, "value": "1", "url": live_server.url}])
    _check(page, paths[name], 404 if name == "404" else 200, shot=f"care-{name}")
    assert "care-mode" in (page.get_attribute("body", "class") or "")


@pytest.mark.parametrize("name", ENGLISH_PAGES)
def test_page_has_no_axe_violations_in_english(
    page: Page, live_server: LiveServer, paths: dict[str, str], name: str
) -> None:
    page.context.add_cookies([{"name": LOCALE_COOKIE, "value": "en", "url": live_server.url}])
    _check(page, paths[name], 404 if name == "404" else 200, shot=f"en-{name}")
    assert page.get_attribute("html", "lang") == "en"


@pytest.mark.parametrize("name", MORE_PAGES)
def test_more_pages_have_no_axe_violations(page: Page, paths: dict[str, str], name: str) -> None:
    _check(page, paths[name], shot=name)


def test_staff_back_office_has_no_axe_violations(page: Page, staff_account: tuple[str, str]) -> None:
    sign_in(page, staff_account)
    expect(page.locator("h1")).to_be_visible()
    for path in ("/review/", "/review/audit", "/review/exports", "/accounts/users"):
        _check(page, path, shot=f"staff-{path}")
