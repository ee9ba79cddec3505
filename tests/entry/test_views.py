"""Staff data entry pages (/review/entry): the import rules on a form, reasons next to the fields, corrections and
withdrawals with a reason and history, subject auto-completion, and who may do what for which department."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal import kinds
from portal.domain.publicity import RecordStatus
from portal.domain.roles import Role
from portal.entry import forms
from portal.extensions import db
from portal.models import AuditEntry, Penalty, RecordHistory
from tests.conftest import TODAY, AuthActions, hidden_fields
from tests.entry.helpers import MARKET, OTHER_DEPARTMENT, example, kinds_with_examples, penalty

NEW = "/review/entry/penalty"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)


def _fields(kind: str, values: dict[str, object]) -> dict[str, str]:
    spec = kinds.spec(kind)
    return {c.field: str(values.get(c.name, "")) for c in forms.columns(spec)}


def _submit(client: FlaskClient, url: str, values: dict[str, object], kind: str = "penalty", **extra: str):  # type: ignore[no-untyped-def]
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    data = {**hidden_fields(page.get_data(as_text=True)), **_fields(kind, values), **extra}
    return client.post(url, data=data)


def _penalties() -> list[Penalty]:
    return list(db.session.scalars(sa.select(Penalty)))


def test_the_form_has_the_formats_columns_marks_and_hints(auth: AuthActions) -> None:
    html = auth.admin().get(NEW).get_data(as_text=True)
    for column in kinds.spec("penalty").import_format.columns:
        assert f">{column}" in html
    assert "★" in html
    assert "2026-03-10" in html  # the date hint
    assert "js/entry.js" in html


@pytest.mark.parametrize("kind", kinds_with_examples())
def test_a_clerk_enters_an_example_of_each_kind_and_corrects_it_unchanged(auth: AuthActions, kind: str) -> None:
    clerk = auth.staff(Role.INTAKE)
    response = _submit(clerk, f"/review/entry/{kind}", example(kind) or {}, kind)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    record_url = response.headers["Location"]
    # The correction form is prefilled with the stored record; sent back as is, nothing changes.
    page = clerk.get(record_url)
    assert page.status_code == 200
    again = clerk.post(record_url, data={**hidden_fields(page.get_data(as_text=True)), **_prefilled(page.get_data(
        as_text=True), kind), "reason": "核对"})  # fmt: skip
    assert again.status_code == 302, again.get_data(as_text=True)[:3000]
    spec = kinds.spec(kind)
    record = db.session.scalars(sa.select(spec.model)).one()
    assert record.version == 1


def _prefilled(html: str, kind: str) -> dict[str, str]:
    """The values the correction form shows (inputs and textareas), by field name."""
    import re
    from html import unescape

    out = {}
    for column in forms.columns(kinds.spec(kind)):
        found = re.search(rf'<input[^>]*name="{column.field}"[^>]*value="([^"]*)"', html) or re.search(
            rf'<textarea[^>]*name="{column.field}"[^>]*>\r?\n?(.*?)</textarea>', html, re.DOTALL)  # fmt: skip
        out[column.field] = unescape(found.group(1)) if found else ""
    return out


def test_reasons_are_shown_next_to_the_fields_they_name(auth: AuthActions) -> None:
    response = _submit(auth.admin(), NEW, penalty(行政相对人名称="", 处罚决定日期="2026-13-01", 违法事实="事" * 10001))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "缺少必填字段：行政相对人名称" in html
    assert "日期无效：处罚决定日期=2026-13-01" in html
    assert "字段超长：违法事实（最多10000字）" in html
    assert html.count('class="field has-error"') == 3
    assert _penalties() == []
    assert db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "record_entry")).all() == []


def test_hostile_and_missing_input(auth: AuthActions) -> None:
    admin = auth.admin()
    response = _submit(admin, NEW, penalty(行政相对人名称="<script>alert(1)</script>\x07"))
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "含非法控制字符：行政相对人名称" in html
    assert admin.post(NEW, data={}).status_code == 400  # no CSRF token: nothing happens
    assert _submit(admin, NEW, {}).status_code == 400
    assert _penalties() == []
    assert admin.get("/review/entry/nonsense").status_code == 404
    assert admin.get("/review/entry/penalty/99999999999").status_code == 404
    assert admin.get("/review/entry/penalty/0").status_code == 404
    assert admin.get("/review/entry/nonsense/1").status_code == 404
    assert admin.get("/review/entry?kind=nonsense&q=x").status_code == 200


def test_a_department_user_enters_only_for_its_own_department(auth: AuthActions) -> None:
    market = auth.department(MARKET)
    page = market.get(NEW).get_data(as_text=True)
    assert MARKET in page  # prefilled 数据来源单位统一社会信用代码
    refused = _submit(market, NEW, penalty(数据来源单位统一社会信用代码=OTHER_DEPARTMENT))
    assert "只能报送本部门的数据" in refused.get_data(as_text=True)
    saved = _submit(market, NEW, penalty())
    assert saved.status_code == 302
    record_url = saved.headers["Location"]
    other = auth.department(OTHER_DEPARTMENT)
    assert other.get(record_url).status_code == 404
    assert other.post(record_url + "/withdraw", data={"reason": "x"}).status_code in (400, 404)
    assert market.get(record_url).status_code == 200


def test_a_correction_needs_a_reason_and_keeps_the_natural_key(auth: AuthActions) -> None:
    admin = auth.admin()
    url = _submit(admin, NEW, penalty()).headers["Location"]
    no_reason = _submit(admin, url, penalty(违法事实="新的事实"))
    assert no_reason.status_code == 400
    moved = _submit(admin, url, penalty(行政处罚决定书文号="株市监罚〔2026〕77号"), reason="改文号")
    assert "更正不得改变自然键" in moved.get_data(as_text=True)
    fixed = _submit(admin, url, penalty(违法事实="更正后的事实"), reason="原文录入错误")
    assert fixed.status_code == 302
    (record,) = _penalties()
    assert record.version == 2
    assert record.facts == "更正后的事实"
    page = admin.get(url).get_data(as_text=True)
    assert "更正：原文录入错误" in page


def test_a_withdrawal_needs_a_reason_is_audited_and_kept_in_the_history(auth: AuthActions) -> None:
    admin = auth.admin()
    url = _submit(admin, NEW, penalty()).headers["Location"]
    token = hidden_fields(admin.get(url).get_data(as_text=True))["csrf_token"]
    assert admin.post(url + "/withdraw", data={"csrf_token": token, "reason": " "}).status_code == 303
    assert _penalties()[0].status is RecordStatus.PUBLISHED
    assert admin.post(url + "/withdraw", data={"csrf_token": token, "reason": "决定已被撤销"}).status_code == 302
    (record,) = _penalties()
    assert record.status is RecordStatus.WITHDRAWN
    history = db.session.scalars(sa.select(RecordHistory)).one()
    assert history.reason == "撤回：决定已被撤销"
    audit = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "record_withdrawn")).one()
    assert audit.target == f"penalty:{record.id}"
    assert "public" not in admin.get(f"/penalties/{record.id}").get_data(as_text=True)[:0]  # page answered
    assert auth.citizen().get(f"/penalties/{record.id}").status_code == 404


def test_known_subjects_are_offered_by_name_or_uscc_without_natural_persons(auth: AuthActions) -> None:
    admin = auth.admin()
    _submit(admin, NEW, penalty())
    by_name = admin.get("/review/entry/subjects.json?q=示例食品").get_json()["subjects"]
    assert [s["uscc"] for s in by_name] == ["91430200MA4L0A1B7K"]
    assert by_name[0]["kind"] == "法人及非法人组织"
    assert admin.get("/review/entry/subjects.json?q=91430200MA").get_json()["subjects"][0]["name"] == by_name[0]["name"]
    assert admin.get("/review/entry/subjects.json?q=%25").get_json() == {"subjects": []}
    assert admin.get("/review/entry/subjects.json?q=" + "x" * 1000).get_json() == {"subjects": []}
    # Without JS: the page's own search, then a link that prefills the subject columns.
    page = admin.get(NEW + "?find=示例食品").get_data(as_text=True)
    assert f"subject={by_name[0]['id']}" in page
    filled = admin.get(f"{NEW}?subject={by_name[0]['id']}").get_data(as_text=True)
    assert 'value="91430200MA4L0A1B7K"' in filled
    assert admin.get(f"{NEW}?subject=99999999999999").status_code == 200


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("citizen", 302),
        ("reviewer", 403),
        ("verifier", 403),
        ("intake", 200),
        ("admin", 200),
        ("market", 200),
        ("city", 200),
        ("enterprise", 403),
    ],
)
def test_roles_on_every_entry_route(app: Flask, auth: AuthActions, who: str, status: int) -> None:
    admin = auth.admin()
    record_url = _submit(admin, NEW, penalty()).headers["Location"]
    client = {
        "citizen": auth.citizen, "reviewer": auth.reviewer, "admin": auth.admin,
        "verifier": lambda: auth.staff(Role.VERIFIER, department_uscc=MARKET),
        "intake": lambda: auth.staff(Role.INTAKE), "market": lambda: auth.department(MARKET),
        "city": lambda: auth.department(OTHER_DEPARTMENT), "enterprise": auth.enterprise,
    }[who]()  # fmt: skip
    for url in ("/review/entry", NEW, "/review/entry/subjects.json?q=示例"):
        assert client.get(url).status_code == status, url
    own_record = 404 if who == "city" else status
    assert client.get(record_url).status_code == own_record
    if status != 200:  # without a CSRF token the POST stops at 400 before the role check; nothing changes either way
        assert client.post(NEW, data={}).status_code in (400, status)
        assert client.post(record_url + "/withdraw", data={}).status_code in (400, status)
        assert [p.status for p in _penalties()] == [RecordStatus.PUBLISHED]


def test_records_are_found_by_document_number_within_the_users_department(auth: AuthActions) -> None:
    admin = auth.admin()
    record_url = _submit(admin, NEW, penalty()).headers["Location"]
    found = admin.get("/review/entry?kind=penalty&q=株市监罚(2026)15").get_data(as_text=True)
    assert record_url.split("localhost")[-1] in found
    assert auth.department(MARKET).get("/review/entry?kind=penalty&q=15号").get_data(as_text=True).count(
        "/review/entry/penalty/") == 1  # fmt: skip
    other = auth.department(OTHER_DEPARTMENT).get("/review/entry?kind=penalty&q=15号").get_data(as_text=True)
    assert "/review/entry/penalty/" not in other
    assert "未找到记录" in other
    assert admin.get("/review/entry?kind=penalty&q=" + "%" * 90).status_code == 200


@pytest.mark.parametrize("kind", kinds.values())
def test_every_kind_in_the_registry_has_an_entry_form(auth: AuthActions, kind: str) -> None:
    admin = auth.admin()
    html = admin.get(f"/review/entry/{kind}").get_data(as_text=True)
    spec = kinds.spec(kind)
    assert all(f">{column}" in html for column in spec.import_format.columns)
    assert f"/review/entry/{kind}" in admin.get("/review/entry").get_data(as_text=True)
    empty = _submit(admin, f"/review/entry/{kind}", {}, kind)
    assert empty.status_code == 400
    assert "数据项为空" in empty.get_data(as_text=True)
    partial = _submit(admin, f"/review/entry/{kind}", {spec.import_format.columns[0]: "某某"}, kind)
    assert "缺少必填字段" in partial.get_data(as_text=True)  # the importer's reasons
    assert db.session.scalar(sa.select(sa.func.count()).select_from(spec.model)) == 0
