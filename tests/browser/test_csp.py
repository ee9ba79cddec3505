"""The CSP check of the browser tests catches a violation (so a green run means the pages really passed it)."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.conftest import csp_violations


def test_an_inline_script_is_blocked_and_reported(page: Page) -> None:
    page.goto("/")
    assert csp_violations(page) == []
    page.evaluate("""() => { const s = document.createElement("script"); s.textContent = "window.__ran = 1";
                             document.body.appendChild(s); }""")  # fmt: skip
    page.wait_for_function("() => window.__cspViolations.length > 0")
    assert page.evaluate("() => window.__ran") is None
    assert any("script-src" in found for found in csp_violations(page))
    page._csp_console.clear()  # type: ignore[attr-defined]  # the deliberate violation must not fail the teardown
