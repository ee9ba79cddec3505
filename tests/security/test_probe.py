"""The probe of issue 15, repeated for 10 identities: headers, no-store, and the cookie copied before sign-out.

(The forged Host is probed in test_hosts_and_limits.py: it needs a site with PUBLIC_BASE_URL.)"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.roles import Role
from tests.conftest import csrf_of
from tests.enterprise.helpers import OTHER, OWNER, make_account, signed_in
from tests.security.conftest import DEPT_EMAIL
from tests.security.test_headers import assert_security_headers
from tests.submissions.fixtures import OTHER_VERIFIER, staff_client

ROUTES = ["/", "/track", "/review/", "/review/exports", "/review/audit", "/accounts/users", "/joint/",
          "/enterprise/", "/enterprise/bindings/new", "/review/exports/penalty.csv"]  # fmt: skip
STAFF = [Role.INTAKE, Role.VERIFIER, Role.REVIEWER, Role.ADMIN, Role.DEPARTMENT, OTHER_VERIFIER, DEPT_EMAIL]
IDENTITIES: list[object] = ["anonymous", *STAFF, OWNER, OTHER]


def _client(site: Flask, who: object) -> tuple[FlaskClient, str | None]:
    if who == "anonymous":
        return site.test_client(), None
    if who in (OWNER, OTHER):
        return signed_in(site, str(who)), "/enterprise/logout"
    return staff_client(site, who), "/accounts/logout"  # type: ignore[arg-type]


def _answers(client_for: Callable[[], FlaskClient]) -> dict[str, int]:
    return {path: client_for().get(path).status_code for path in ROUTES}


@pytest.mark.usefixtures("staff", "department")
@pytest.mark.parametrize("who", IDENTITIES, ids=str)
def test_probe(site: Flask, who: object) -> None:
    make_account(OWNER)
    make_account(OTHER)
    client, logout = _client(site, who)
    anonymous = _answers(site.test_client)
    for path in ROUTES:
        response = client.get(path)
        assert_security_headers(response)
        if who != "anonymous" and response.status_code == 200:
            assert response.headers["Cache-Control"] == "no-store", path
    if logout is None:
        return
    copied = client.get_cookie("session")
    assert copied is not None
    signed = {path: client.get(path).status_code for path in ROUTES}
    assert signed != anonymous  # the identity opens something an anonymous visitor cannot
    home = next(path for path in ("/review/", "/joint/", "/enterprise/") if signed[path] == 200)
    assert client.post(logout, data={"csrf_token": csrf_of(client, home)}).status_code == 302

    def thief() -> FlaskClient:
        replay = site.test_client()
        replay.set_cookie("session", copied.value)
        return replay

    assert _answers(thief) == anonymous  # the copied cookie is worth nothing after sign-out
