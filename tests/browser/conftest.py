"""Browser-test fixtures: a live server (werkzeug, background thread) over a scratch site, and Debian's chromium.

The site is built once per session: schema from the models, the list catalogue and measures, the data-standard
examples (known records the tests open by decision number), a small deterministic demo data set, and the search
index. While it serves a request, the site's clock says TODAY, the day the examples are valid on (the test process
itself keeps the real clock).

Chromium is Debian's (/usr/bin/chromium, or CHROMIUM_PATH); Playwright never downloads a browser here. A missing
chromium fails the tests with the command that installs it, so a green `make test` always means they ran.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright
from werkzeug.serving import make_server

from portal import clock, create_app
from portal.cms.seed import seed_pages
from portal.db_setup import load_list_types, load_measures
from portal.demo.load import load_demo
from portal.extensions import db, limiter
from portal.importers.run import import_file
from portal.indexing.backend import get_backend
from portal.indexing.outbox import reindex
from tests.conftest import DATA, TODAY

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

DEMO_RECORDS = 300
DEMO_SEED = 2026
VIEWPORT = {"width": 1280, "height": 900}
expect.set_options(timeout=15_000)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: end-to-end test in Debian's chromium against a live server")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """Remember each phase's report on the item, so the page fixture knows whether to take a screenshot."""
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


def chromium_path() -> str:
    candidate = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    if Path(candidate).is_file() and os.access(candidate, os.X_OK):
        return candidate
    found = shutil.which("chromium")
    if found:
        return found
    pytest.fail(
        f"chromium not found at {candidate}: the browser tests need Debian's chromium. "
        "Install it with `apt-get install chromium` (or `make system-packages`); never `playwright install`.",
        pytrace=False,
    )


def _build_site(folder: Path) -> Flask:
    app = create_app(
        {
            "ENV_NAME": "test",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'portal.db'}",
            "SEARCH_DIR": str(folder / "search"),
            "UPLOAD_DIR": str(folder / "uploads"),
        }
    )
    app.instance_path = str(folder)
    with app.app_context():
        db.create_all()
        load_list_types(db.session)
        load_measures(db.session)
        seed_pages(db.session)  # guides, policies and 信用动态 of a new site (issue 18: the home page lists the news)
        db.session.commit()
        for kind in ("penalty", "permit", "list"):
            path = Path(shutil.copy(DATA / f"standard-{kind}.csv", folder / f"{kind}.csv"))
            assert import_file(db.session, path, kind, today=TODAY).summary == "imported=3 updated=0 rejected=0"
        load_demo(db.session, records=DEMO_RECORDS, seed=DEMO_SEED, as_of=TODAY)
        reindex(db.session, get_backend(app), TODAY)
        db.session.remove()
    return app


@dataclass(frozen=True)
class LiveServer:
    url: str
    app: Flask

    def __call__(self, path: str) -> str:
        return self.url + path


class _FixedToday:
    """portal.clock.today, but TODAY while the live server handles a request (in that request's thread only).

    The live server lives for the whole session, so a plain patch of the clock would also move the date of every
    test module that runs after this one; the other tests keep the real clock (or their own patch of it).
    """

    def __init__(self, real: Callable[[], date]) -> None:
        self.real = real
        self.local = threading.local()

    def __call__(self) -> date:
        return TODAY if getattr(self.local, "active", False) else self.real()

    def wrap(self, app: Flask) -> Callable[..., Iterable[bytes]]:
        def on_today(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            self.local.active = True
            result = app(environ, start_response)
            try:
                return list(result)  # a streamed body (CSV export) is produced under the fixed date too
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()
                self.local.active = False

        return on_today


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The portal served on a free port of 127.0.0.1 from a background thread, for the whole session."""
    saved = {key: os.environ.pop(key) for key in list(os.environ) if key.startswith("PORTAL_")}
    with pytest.MonkeyPatch.context() as patch:
        fixed = _FixedToday(clock.today)
        patch.setattr(clock, "today", fixed)
        app = _build_site(tmp_path_factory.mktemp("live-site"))
        server = make_server("127.0.0.1", 0, fixed.wrap(app), threaded=True)
        thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
        thread.start()
        try:
            yield LiveServer(f"http://127.0.0.1:{server.server_port}", app)
        finally:
            server.shutdown()
            thread.join(timeout=10)
            with app.app_context():
                db.engine.dispose()
    os.environ.update(saved)


STAFF_EMAIL = "browser-admin@example.gov.cn"
STAFF_PASSWORD = "browser-test staff password"


@pytest.fixture(scope="session")
def staff_account(live_server: LiveServer) -> tuple[str, str]:
    """A 管理员 account on the live site: (e-mail, password)."""
    from portal.accounts.services import create_user
    from portal.domain.roles import Role

    with live_server.app.app_context():
        create_user(db.session, STAFF_EMAIL, STAFF_PASSWORD, Role.ADMIN)
        db.session.remove()
    return STAFF_EMAIL, STAFF_PASSWORD


def sign_in(page: Page, account: tuple[str, str], path: str = "/review/") -> None:
    """Open a staff page, get the login form, sign in as a person would, and land on `path`."""
    page.goto(path)
    page.get_by_label("电子邮箱").fill(account[0])
    page.get_by_label("密码").fill(account[1])
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"**{path}")


@pytest.fixture(autouse=True)
def _fresh_rate_limits(live_server: LiveServer) -> None:
    """Each test starts with fresh per-IP budgets: every request of the session comes from 127.0.0.1."""
    with live_server.app.app_context():
        limiter.reset()


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    executable = chromium_path()
    browser = playwright_instance.chromium.launch(
        executable_path=executable,
        args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
    )
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser, live_server: LiveServer) -> Iterator[BrowserContext]:
    """A fresh profile per test (no cookies: Chinese, normal mode), Chinese as the browser's language."""
    ctx = browser.new_context(viewport=VIEWPORT, locale="zh-CN", base_url=live_server.url)
    ctx.set_default_timeout(20_000)  # generous: CI machines are shared; a passing step takes well under a second
    yield ctx
    ctx.close()


# Runs before the page's own scripts (an init script is not subject to the page's CSP): keeps every
# Content-Security-Policy violation of the document, so a test can fail on one.
_CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${where}`);
});
"""


def csp_violations(page: Page) -> list[str]:
    """The CSP violations of the current document, and those the console reported on any page of this test."""
    found: list[str] = list(page.evaluate("() => window.__cspViolations || []"))
    return found + list(getattr(page, "_csp_console", []))


def assert_no_csp_violation(page: Page) -> None:
    found = csp_violations(page)
    assert found == [], f"Content-Security-Policy violations on {page.url}:\n" + "\n".join(found)


@pytest.fixture
def page(context: BrowserContext, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Page]:
    """A page of the context; a full-page screenshot goes into the test's tmp dir when the test fails.

    Every page is watched for Content-Security-Policy violations (events and console messages): a test that
    passes fails at teardown when any page it opened broke the policy.
    """
    page = context.new_page()
    page.add_init_script(_CSP_RECORDER)
    console: list[str] = []
    page._csp_console = console  # type: ignore[attr-defined]
    page.on("console", lambda message: console.append(message.text) if "Content Security Policy" in message.text
            else None)  # fmt: skip
    yield page
    reports = request.node.stash.get(_REPORTS, {})
    if not any(report.failed for report in reports.values()):
        assert console == [], "Content-Security-Policy violations reported by the browser:\n" + "\n".join(console)
    if any(report.failed for report in reports.values()):
        shot = tmp_path / "failure.png"
        try:
            page.screenshot(path=str(shot), full_page=True)
        except Exception as exc:  # noqa: BLE001 - a broken page must not hide the test's own failure
            print(f"screenshot failed: {exc}")
        else:
            print(f"screenshot of the failing page: {shot} ({page.url})")
