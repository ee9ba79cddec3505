"""Consultation tickets: staff answer and close them in the back office; the user reads the reply with number + code."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.chat import sessions, tickets
from portal.chat.services import chat
from portal.domain.roles import Role
from portal.extensions import db
from portal.models import AuditEntry, ChatHandoff
from tests.conftest import TODAY
from tests.submissions.fixtures import EMAILS, _fast_hashes, hidden_fields, site, staff, staff_client  # noqa: F401

pytestmark = pytest.mark.usefixtures("staff")
TICKET = re.compile(r"咨询单号 (ZX\d{6})，查询码 ([2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5})")


def hand_off(app: Flask, message: str = "我要找人工客服，修复申请多久能办好") -> tuple[str, str]:
    answer = chat(db.session, sessions.store_for(app), TODAY, None, message)
    db.session.commit()
    assert answer["reply"]["type"] == "handoff"
    found = TICKET.search(answer["reply"]["text"])
    assert found, answer["reply"]["text"]
    assert answer["cards"][0]["url"] == "/chat/ticket"
    return found.group(1), found.group(2)


def ticket_id(number: str) -> int:
    return int(number[2:])


def post_form(client: FlaskClient, page_url: str, url: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    page = client.get(page_url)
    assert page.status_code == 200
    return client.post(url, data={**hidden_fields(page.get_data(as_text=True)), **data})


def staff_reply(client: FlaskClient, number: str, text: str):  # type: ignore[no-untyped-def]
    n = ticket_id(number)
    return post_form(client, f"/review/consultations/{n}", f"/review/consultations/{n}/reply", {"reply-reply": text})


def staff_status(client: FlaskClient, number: str, status: str):  # type: ignore[no-untyped-def]
    n = ticket_id(number)
    url = f"/review/consultations/{n}"
    return post_form(client, url, f"{url}/status", {"status-status": status})


def read_ticket(client: FlaskClient, number: str, code: str):  # type: ignore[no-untyped-def]
    return post_form(client, "/chat/ticket", "/chat/ticket", {"number": number, "code": code})


def test_the_code_is_shown_once_and_only_its_hash_is_kept(site: Flask) -> None:  # noqa: F811
    number, code = hand_off(site)
    row = db.session.get(ChatHandoff, ticket_id(number))
    assert row is not None
    assert row.status == "open"
    assert row.code_hash
    assert code.replace("-", "") not in row.code_hash


def test_staff_reply_is_stored_audited_and_read_back_by_the_user(site: Flask) -> None:  # noqa: F811
    number, code = hand_off(site)
    desk = staff_client(site, Role.INTAKE)
    assert staff_status(desk, number, "in_progress").status_code == 302
    response = staff_reply(desk, number, "您好，修复申请自受理之日起5个工作日内办结。<script>x</script>")
    assert response.status_code == 302
    detail = desk.get(response.headers["Location"]).get_data(as_text=True)
    assert "已答复" in detail or "Answered" in detail
    assert "&lt;script&gt;x&lt;/script&gt;" in detail
    assert "<script>x</script>" not in detail
    row = db.session.get(ChatHandoff, ticket_id(number))
    db.session.refresh(row)
    assert (row.status, row.replied_by_id) == ("answered", desk_id(Role.INTAKE))
    trail = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.target == f"consultation:{row.id}")).all()
    assert [e.action for e in trail] == ["consultation_status", "consultation_reply"]
    assert all(e.actor == EMAILS[Role.INTAKE] for e in trail)

    user = site.test_client()
    page = read_ticket(user, number, code.lower())  # typed in lower case, with the dash: still found
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "5个工作日内办结" in html
    assert "&lt;script&gt;" in html
    assert "<script>x" not in html
    assert EMAILS[Role.INTAKE] not in html  # staff identity stays in the back office

    again = chat(db.session, sessions.store_for(site), TODAY, None, f"{number} {code} 有答复了吗")
    assert again["reply"]["type"] == "status"
    assert "5个工作日内办结" in again["reply"]["text"]


def desk_id(role: Role) -> int:
    from portal.models import User

    return int(db.session.scalar(sa.select(User.id).where(User.email == EMAILS[role])))


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("ZX999999", "ABCDEFGH23"),  # unknown number
        (None, "ABCDEFGH23"),  # right number, wrong code
        (None, ""),  # missing code
        ("", None),  # missing number
        ("../../etc/passwd", None),  # path-ish
        ("ZX000001' OR '1'='1", "' OR 1=1 --"),  # SQL-ish
        ("ZX" + "9" * 400, None),  # oversized
    ],
)
def test_a_wrong_or_missing_number_or_code_shows_nothing(site: Flask, number: str | None, code: str | None) -> None:  # noqa: F811
    real_number, real_code = hand_off(site, "我要找人工客服，我的电话是13800138000")
    staff_reply(staff_client(site, Role.REVIEWER), real_number, "秘密答复内容")
    number, code = real_number if number is None else number, real_code if code is None else code
    page = read_ticket(site.test_client(), number, code)
    html = page.get_data(as_text=True)
    assert page.status_code in (400, 404)
    assert "秘密答复内容" not in html
    assert "13800138000" not in html


def test_an_unanswered_ticket_says_so(site: Flask) -> None:  # noqa: F811
    number, code = hand_off(site)
    html = read_ticket(site.test_client(), number, code).get_data(as_text=True)
    assert "尚未答复" in html  # the locale is zh_CN: one language only
    answer = chat(db.session, sessions.store_for(site), TODAY, None, f"查询咨询单{number}，查询码{code}")
    assert "尚未答复" in answer["reply"]["text"]


def test_a_closed_ticket_takes_no_more_replies(site: Flask) -> None:  # noqa: F811
    number, _code = hand_off(site)
    desk = staff_client(site, Role.ADMIN)
    assert staff_reply(desk, number, "已答复").status_code == 302
    assert staff_status(desk, number, "closed").status_code == 302
    refused = staff_reply(desk, number, "再次答复")
    assert refused.status_code in (400, 409)
    row = db.session.get(ChatHandoff, ticket_id(number))
    db.session.refresh(row)
    assert (row.status, row.reply) == ("closed", "已答复")
    assert staff_status(desk, number, "open").status_code == 400  # a closed ticket cannot be reopened


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("", "请填写答复内容。"), ("   ", "请填写答复内容。"), ("长" * 2001, "字段长度不能超过 2000 个字符。")],
)
def test_an_empty_or_oversized_reply_is_refused(site: Flask, text: str, fragment: str) -> None:  # noqa: F811
    number, _code = hand_off(site)
    response = staff_reply(staff_client(site, Role.INTAKE), number, text)
    assert response.status_code == 400
    assert f'id="reply-reply-error">{fragment}<' in response.get_data(as_text=True)  # zh_CN: the default locale
    row = db.session.get(ChatHandoff, ticket_id(number))
    db.session.refresh(row)
    assert (row.status, row.reply) == ("open", None)


@pytest.mark.parametrize("status", ["answered", "bogus", "", "open"])
def test_statuses_outside_the_allowed_moves_are_refused(site: Flask, status: str) -> None:  # noqa: F811
    number, _code = hand_off(site)
    assert staff_status(staff_client(site, Role.INTAKE), number, status).status_code == 400
    row = db.session.get(ChatHandoff, ticket_id(number))
    db.session.refresh(row)
    assert row.status == "open"


def test_a_reply_without_csrf_token_is_refused(site: Flask) -> None:  # noqa: F811
    number, _code = hand_off(site)
    desk = staff_client(site, Role.INTAKE)
    response = desk.post(f"/review/consultations/{ticket_id(number)}/reply", data={"reply-reply": "答复"})
    assert response.status_code == 400
    assert db.session.get(ChatHandoff, ticket_id(number)).reply is None


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(Role.INTAKE, True), (Role.REVIEWER, True), (Role.ADMIN, True), (Role.VERIFIER, False)],
)
def test_only_the_credit_office_desk_handles_tickets(site: Flask, role: Role, allowed: bool) -> None:  # noqa: F811
    number, _code = hand_off(site)
    client = staff_client(site, role)
    n = ticket_id(number)
    listing = client.get("/review/consultations")
    detail = client.get(f"/review/consultations/{n}")
    assert (listing.status_code, detail.status_code) == ((200, 200) if allowed else (403, 403))
    queue = client.get("/review/").get_data(as_text=True)
    assert ("/review/consultations" in queue) is allowed
    if not allowed:
        posted = post_form(client, "/review/", f"/review/consultations/{n}/reply", {"reply-reply": "x"})
        assert posted.status_code == 403
        assert db.session.get(ChatHandoff, n).reply is None


def test_the_public_cannot_reach_the_back_office_pages(site: Flask) -> None:  # noqa: F811
    number, _code = hand_off(site)
    anonymous = site.test_client()
    for url in ("/review/consultations", f"/review/consultations/{ticket_id(number)}"):
        assert anonymous.get(url).status_code == 302
    posted = anonymous.post(f"/review/consultations/{ticket_id(number)}/reply", data={"reply-reply": "x"})
    assert posted.status_code in (302, 400)  # CSRF first, then the login
    assert db.session.get(ChatHandoff, ticket_id(number)).reply is None


def test_unknown_tickets_are_404_and_filters_are_checked(site: Flask) -> None:  # noqa: F811
    desk = staff_client(site, Role.INTAKE)
    assert desk.get("/review/consultations/999").status_code == 404
    assert desk.get("/review/consultations?status=<script>").status_code == 400
    number, _code = hand_off(site)
    assert number in desk.get("/review/consultations?status=open").get_data(as_text=True)
    assert number not in desk.get("/review/consultations?status=closed").get_data(as_text=True)


def test_ticket_numbers_parse_strictly() -> None:
    assert tickets.id_of("zx000012") == 12
    assert tickets.id_of("ZX000000") is None
    assert tickets.id_of("ZX12") is None
    assert tickets.id_of("ZX0000123") is None
