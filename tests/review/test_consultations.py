"""Chat handoffs reach the back office as consultation tickets (issue 9); staff only."""

from __future__ import annotations

import pytest
from flask import Flask

from portal.chat import sessions
from portal.chat.services import chat
from portal.domain.roles import Role
from portal.extensions import db
from tests.conftest import TODAY
from tests.submissions.fixtures import staff_client

pytestmark = pytest.mark.usefixtures("staff")


def test_staff_see_the_tickets_of_the_chat(site: Flask) -> None:
    answer = chat(db.session, sessions.store_for(site), TODAY, None, "请转人工，我想咨询<b>修复</b>")
    db.session.commit()
    assert answer["reply"]["type"] == "handoff"
    page = staff_client(site, Role.INTAKE).get("/review/consultations")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "ZX000001" in html
    assert "&lt;b&gt;修复&lt;/b&gt;" in html


def test_the_public_cannot_see_tickets(site: Flask) -> None:
    response = site.test_client().get("/review/consultations")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login")
