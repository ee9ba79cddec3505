"""Fixtures and helpers shared by tests/submissions, tests/review and tests/accounts.

`site`: the data-standard examples imported, the clock on TODAY, compiled catalogues. `fill` reads a form page
(CSRF token, one-time token, CAPTCHA question) and posts it as a browser would, with CSRF on.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash
from werkzeug.test import TestResponse

from portal.accounts.services import create_user
from portal.domain.roles import Role
from portal.extensions import db, limiter
from portal.models import Penalty, Submission, User
from tests.conftest import TODAY, FreshClient, hidden_fields, import_examples, post_form
from tests.public.helpers import penalty_id

PASSWORD = "correct horse battery"
FAST = "pbkdf2:sha256:1000"
MARKET_DEPT = "11430200006123458Y"  # 株洲市市场监督管理局: decided the serious penalty
CITY_DEPT = "11430200006123490A"  # 株洲市城市管理和综合执法局: decided 王小明's penalty
SERIOUS_NO = "株市监罚〔2026〕15号"  # 严重, 2026-03-10: repair possible from 2027-03-11
PERSON_NO = "株城管罚〔2026〕3号"  # 一般, 2026-05-05: repair possible from 2026-08-06
MINOR_NO = "荷市监简罚〔2026〕7号"  # 轻微: not public
PERSON_ID = "430202198503121235"
EMAILS = {
    Role.INTAKE: "intake@example.gov.cn",
    Role.VERIFIER: "verifier@example.gov.cn",
    Role.REVIEWER: "reviewer@example.gov.cn",
    Role.ADMIN: "admin@example.gov.cn",
    Role.DEPARTMENT: "department@example.gov.cn",
}
OTHER_VERIFIER = "other-verifier@example.gov.cn"

PDF = (  # a complete PDF (xref and startxref): the upload check parses it with pypdf
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\n"
    b"endobj\nxref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \ntrailer\n"
    b"<< /Size 3 /Root 1 0 R >>\nstartxref\n110\n%%EOF\n"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32 + b"\xff\xd9"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap hashes in tests: verification reads the method from the stored hash, so the code paths are the same."""
    from portal.accounts import services as accounts
    from portal.submissions import codes

    monkeypatch.setattr(accounts, "generate_password_hash", lambda pw: generate_password_hash(pw, FAST))
    monkeypatch.setattr(accounts, "_DUMMY_HASH", generate_password_hash("dummy-password", FAST))
    monkeypatch.setattr(codes, "_HASH_METHOD", FAST)
    monkeypatch.setattr(codes, "_DUMMY_HASH", generate_password_hash("dummy-code", FAST))


@pytest.fixture
def site(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    """The three data-standard example files imported on TODAY, the site's clock on TODAY, fresh rate limits."""
    app.test_client_class = FreshClient
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    import_examples(tmp_path, TODAY)
    limiter.reset()
    yield app
    limiter.reset()


@pytest.fixture
def client(site: Flask) -> FlaskClient:
    return site.test_client()


@pytest.fixture
def staff(site: Flask) -> dict[Role, int]:
    """One account per role; the verifier belongs to the market regulator."""
    ids = {}
    for role, email in EMAILS.items():
        department = MARKET_DEPT if role in (Role.VERIFIER, Role.DEPARTMENT) else None
        ids[role] = create_user(db.session, email, PASSWORD, role, department_uscc=department).id
    create_user(db.session, OTHER_VERIFIER, PASSWORD, Role.VERIFIER, department_uscc=CITY_DEPT)
    return ids


def _fresh(model: Any, column: Any, value: str) -> Any:
    """The one row of `model` whose `column` is `value`, read again from the database."""
    db.session.expire_all()
    found = db.session.scalar(sa.select(model).where(column == value))
    assert found is not None, (model.__name__, value)
    return found


def penalty(decision_no: str) -> Penalty:
    return _fresh(Penalty, Penalty.decision_no, decision_no)  # type: ignore[no-any-return]


def user(email: str) -> User:
    return _fresh(User, User.email, email)  # type: ignore[no-any-return]


def submission(tracking_no: str) -> Submission:
    return _fresh(Submission, Submission.tracking_no, tracking_no)  # type: ignore[no-any-return]


_QUESTION = re.compile(r'id="captcha_answer-hint">[^<]*?(\d+)[^<\d]+(\d+)')


def captcha_answer(html: str) -> str:
    match = _QUESTION.search(html)
    assert match, "no CAPTCHA question on the page"
    return str(int(match.group(1)) + int(match.group(2)))


@dataclass
class Posted:
    response: TestResponse
    html: str
    fields: dict[str, str]  # the hidden fields that were sent

    @property
    def tracking_no(self) -> str:
        match = re.search(r'id="tracking-no">([^<]+)<', self.html)
        assert match, self.html[:2000]
        return match.group(1)

    @property
    def code(self) -> str:
        match = re.search(r'id="query-code">([^<]+)<', self.html)
        assert match
        return match.group(1)


def file(data: bytes, name: str) -> tuple[io.BytesIO, str]:
    return (io.BytesIO(data), name)


def fill(client: FlaskClient, url: str, data: dict[str, object], *, answer: str | None = None,
         fields: dict[str, str] | None = None, headers: dict[str, str] | None = None) -> Posted:  # fmt: skip
    """GET the form, then POST it with its hidden fields, the right CAPTCHA answer and `data` (files included)."""
    page = client.get(url, headers=headers)
    assert page.status_code == 200, (url, page.status_code)
    html = page.get_data(as_text=True)
    sent = {**hidden_fields(html), **(fields or {})}
    body: dict[str, object] = {**sent, "captcha_answer": captcha_answer(html) if answer is None else answer, **data}
    response = client.post(url, data=body, content_type="multipart/form-data", headers=headers)
    return Posted(response, response.get_data(as_text=True), sent)


OBJECTION = {
    "grounds": "wrong_info",
    "description": "处罚决定书文号有误，应为株市监罚〔2026〕16号。",
    "contact_name": "张三",
    "contact_phone": "13812345678",
    "contact_email": "zhangsan@example.com",
}
COMPLAINT = {
    "about": "subject",
    "subject_name": "株洲示例食品有限公司",
    "topic": "enterprise_dishonest",
    "description": "该公司继续销售过期食品。",
    "contact_name": "李四",
    "contact_phone": "13900001111",
}
REPAIR = {
    "description": "罚款已于2026年6月缴清，已整改。",
    "commitment": "y",
    "contact_name": "王小明",
    "contact_phone": "13700002222",
}


def object_to(client: FlaskClient, decision_no: str = SERIOUS_NO, **extra: object) -> Posted:
    data = {**OBJECTION, "attachments": [file(PDF, "objection.pdf")], **extra}
    return fill(client, f"/objections/new?record=penalty:{penalty_id(decision_no)}", data)


def apply_for_repair(client: FlaskClient, decision_no: str = PERSON_NO, **extra: object) -> Posted:
    data = {**REPAIR, "attachments": [file(PDF, "receipt.pdf")], **extra}
    return fill(client, f"/repairs/new?record=penalty:{penalty_id(decision_no)}", data)


def complain(client: FlaskClient, **extra: object) -> Posted:
    return fill(client, "/complaints/new", {**COMPLAINT, **extra})


def login(client: FlaskClient, email: str, password: str = PASSWORD) -> TestResponse:
    return post_form(client, "/accounts/login", {"email": email, "password": password})


def staff_client(app: Flask, role: Role | str) -> FlaskClient:
    client = app.test_client()
    email = EMAILS[role] if isinstance(role, Role) else role
    response = login(client, email)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


def act(client: FlaskClient, submission_id: int, action: str, reason: str = "经审查", **extra: str) -> TestResponse:
    page = client.get(f"/review/{submission_id}")
    assert page.status_code == 200
    fields = hidden_fields(page.get_data(as_text=True))
    token = fields.get(f"{action}-csrf_token") or fields.get("csrf_token", "")
    data = {f"{action}-csrf_token": token, f"{action}-action": action, f"{action}-reason": reason}
    data.update({f"{action}-{k}": v for k, v in extra.items()})
    url = f"/review/{submission_id}/remind" if action == "remind" else f"/review/{submission_id}/act/{action}"
    return client.post(url, data=data)


def build_pdf(*objects: bytes) -> bytes:
    """A PDF whose catalog is object 1 and whose other objects follow in order, with a correct xref table."""
    body = b"%PDF-1.7\n"
    offsets = []
    for number, obj in enumerate((b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>",
                                  *objects), start=1):  # fmt: skip
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref)
    return body


def stream(data: bytes, filters: bytes) -> bytes:
    return b"<< /Length %d /Filter %s >>\nstream\n" % (len(data), filters) + data + b"\nendstream"
