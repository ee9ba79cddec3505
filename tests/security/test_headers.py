"""Security headers on every response, no-store on every signed-in page, and templates that need no 'unsafe-inline'."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal import ROOT
from portal.domain.roles import Role
from tests.enterprise.helpers import make_account, signed_in
from tests.security.conftest import DEPT_EMAIL
from tests.submissions.fixtures import staff_client

PAGES = ["/", "/penalties", "/search?q=食品", "/track", "/accounts/login", "/enterprise/login", "/no-such-page",
         "/api/v1/subjects/91430200MA4L0A1B7K", "/api/v1/no-such-resource", "/static/css/site.css"]  # fmt: skip


def assert_security_headers(response) -> None:  # type: ignore[no-untyped-def]
    csp = response.headers.get("Content-Security-Policy", "")
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";"))
    assert directives["script-src"] == "'self'", csp
    assert directives["style-src"] == "'self'", csp
    assert directives["frame-ancestors"] == "'none'", csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize("path", PAGES)
def test_every_response_carries_the_security_headers_but_no_hsts_over_http(client: FlaskClient, path: str) -> None:
    with client.get(path) as response:  # closes the static file
        assert_security_headers(response)
    assert "Strict-Transport-Security" not in response.headers
    assert "no-store" not in response.headers.get("Cache-Control", "")  # anonymous pages may be cached


def test_errors_and_refused_posts_carry_the_headers_too(client: FlaskClient) -> None:
    assert_security_headers(client.post("/accounts/logout"))  # 400: no CSRF token
    assert_security_headers(client.post("/api/v1/chat", data="not json", content_type="application/json"))


def test_hsts_only_on_https_requests(site: Flask, client: FlaskClient) -> None:
    assert client.get("/", base_url="https://localhost").headers["Strict-Transport-Security"] == "max-age=31536000"
    # A client's own X-Forwarded-Proto is not believed without PROXY_FIX (no HSTS over plain http).
    assert "Strict-Transport-Security" not in client.get("/", headers={"X-Forwarded-Proto": "https"}).headers


@pytest.mark.usefixtures("staff")
@pytest.mark.parametrize(("role", "path"), [(Role.INTAKE, "/review/"), (Role.ADMIN, "/accounts/users"),
                                            (Role.ADMIN, "/review/exports"), (Role.INTAKE, "/"),
                                            (Role.REVIEWER, "/review/exports/penalty.csv")])  # fmt: skip
def test_every_staff_response_is_no_store(site: Flask, role: Role, path: str) -> None:
    response = staff_client(site, role).get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store" or "no-store" in response.headers["Cache-Control"]
    assert_security_headers(response)


def test_department_and_enterprise_pages_are_no_store(site: Flask, department: str) -> None:
    assert staff_client(site, DEPT_EMAIL).get("/joint/").headers["Cache-Control"] == "no-store"
    make_account()
    enterprise = signed_in(site)
    for path in ("/enterprise/", "/enterprise/bindings/new"):
        response = enterprise.get(path)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store"
    with enterprise.get("/static/css/site.css") as static:  # the style sheet stays cacheable
        assert "no-store" not in (static.headers.get("Cache-Control") or "")


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"""\sstyle\s*=\s*["']""", re.I), 'style="" attribute'),
    (re.compile(r"""\son[a-z]+\s*=\s*["']""", re.I), "inline event handler"),
    (re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.I), "javascript: URL"),
]


def test_no_template_needs_unsafe_inline() -> None:
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{Path(path).relative_to(ROOT)}:{line}: {what}")
    assert found == []
