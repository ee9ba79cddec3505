"""信用核查 through the /joint pages: single and batch checks, public data only, per-line errors, CSV, scoping."""

from __future__ import annotations

import csv
import io

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal import clock
from portal.domain.roles import Role
from portal.extensions import db
from portal.joint import checks
from portal.models import AuditEntry, CheckedSubject, CheckFeedback, CheckHit, CreditCheck
from portal.work_calendar import work_calendar
from tests.joint.conftest import (
    BLACKLISTED,
    MARKET_DEPT,
    MINOR_SHOP,
    PENALISED,
    REDLISTED,
    REMOVED,
    post_form,
    run_web_check,
)
from tests.submissions.fixtures import PERSON_ID, staff_client


def test_a_blacklisted_bidder_shows_its_list_entry_and_the_mandatory_tender_measures(dept: FlaskClient) -> None:
    check_id, html = run_web_check(dept, subject=BLACKLISTED)
    assert "政府采购领域严重违法失信主体" in html
    assert "株洲示例建设工程有限公司" in html
    assert "限制参加政府投资项目招投标" in html  # a generic 严重失信 measure of the 招标投标 matter
    assert "强制" in html
    check = db.session.get(CreditCheck, check_id)
    assert (check.act, check.purpose, check.hits, check.department_uscc) == (
        "tender",
        "2026年政府采购项目资格审查",
        1,
        MARKET_DEPT,
    )
    assert check.actor == "dept@example.gov.cn"
    audit = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.target == f"credit_check:{check_id}"))
    assert audit is not None
    assert audit.action == "credit_check"
    assert "2026年政府采购项目资格审查" in (audit.reason or "")


def test_measures_for_another_act_are_not_offered(dept: FlaskClient) -> None:
    _check_id, html = run_web_check(dept, subject=BLACKLISTED, act="honours")
    assert "限制参加政府投资项目招投标" not in html
    assert "限制获得相关荣誉" in html


def test_a_check_by_organisation_name_finds_the_subject_and_its_public_penalty(dept: FlaskClient) -> None:
    check_id, html = run_web_check(dept, subject="株洲示例食品有限公司")
    row = db.session.scalar(sa.select(CheckedSubject).where(CheckedSubject.check_id == check_id))
    assert (row.outcome, row.uscc, row.penalties, row.hits) == ("found", PENALISED, 1, 0)
    assert "核查对象均未列入公示中的信用名单。" in html


def test_non_public_data_never_counts(dept: FlaskClient) -> None:
    check_id, _html = run_web_check(dept, batch=f"{REMOVED}\n{MINOR_SHOP}\n{REDLISTED}")
    rows = {r.uscc: r for r in db.session.scalars(sa.select(CheckedSubject).where(CheckedSubject.check_id == check_id))}
    assert rows[REMOVED].hits == 0  # removed from the watch list before today
    assert rows[MINOR_SHOP].penalties == 0  # a 轻微 penalty is not public
    assert rows[REDLISTED].hits == 1


def test_natural_persons_cannot_be_found_by_name_or_id_number(dept: FlaskClient) -> None:
    check_id, html = run_web_check(dept, subject="王小明")
    row = db.session.scalar(sa.select(CheckedSubject).where(CheckedSubject.check_id == check_id))
    assert row.outcome == "not_found"
    assert row.subject_id is None
    check_id, html = run_web_check(dept, subject=PERSON_ID)
    row = db.session.scalar(sa.select(CheckedSubject).where(CheckedSubject.check_id == check_id))
    assert row.outcome == "not_found"
    assert row.subject_id is None


def test_a_batch_reports_invalid_and_duplicate_lines_without_failing(dept: FlaskClient) -> None:
    text = f"统一社会信用代码\n{BLACKLISTED}\n91430200MA4L0A1B7\n{BLACKLISTED}\n91430200MA4L0A1BIK\n91430200MA4L0A1B7A"
    check_id, html = run_web_check(dept, batch=text)
    rows = list(
        db.session.scalars(
            sa.select(CheckedSubject).where(CheckedSubject.check_id == check_id).order_by(CheckedSubject.line_no)
        )
    )
    assert [(r.line_no, r.outcome) for r in rows] == [
        (2, "found"),
        (3, "invalid"),
        (4, "duplicate"),
        (5, "invalid"),
        (6, "not_found"),
    ]
    assert rows[2].message == "与第2行重复"
    assert rows[4].message == "校验位不符，已按原码查询"
    check = db.session.get(CreditCheck, check_id)
    assert (check.subjects, check.invalid, check.found, check.hits) == (5, 2, 1, 1)


def test_an_uploaded_gb18030_csv_is_checked(dept: FlaskClient) -> None:
    data = f"代码,名称\n{BLACKLISTED},株洲示例建设工程有限公司\n{REDLISTED},株洲示例燃气有限公司\n".encode("gb18030")
    check_id, _html = run_web_check(dept, upload=(io.BytesIO(data), "list.csv"))
    rows = list(db.session.scalars(sa.select(CheckedSubject).where(CheckedSubject.check_id == check_id)))
    assert {r.uscc for r in rows if r.outcome == "found"} == {BLACKLISTED, REDLISTED}
    assert [r.outcome for r in rows].count("invalid") == 2  # the names in the second column


BAD_FORMS = [
    ({"purpose": ""}, "This field is required."),
    ({}, "Enter one subject, paste USCCs or upload a file"),
    ({"subject": BLACKLISTED, "batch": BLACKLISTED}, "only one of them"),
    ({"batch": "\n".join([BLACKLISTED] * 1001)}, "limited to 1000 subjects"),
    ({"act": "bribery", "subject": BLACKLISTED}, "Not a valid choice"),
    ({"upload": (io.BytesIO(b"\x00\x01binary"), "x.txt")}, "Upload a text file"),
    ({"purpose": "x" * 501, "subject": BLACKLISTED}, "500"),
]


def test_bad_check_forms_are_refused_with_a_message(dept: FlaskClient) -> None:
    for data, message in BAD_FORMS:
        body = {"act": "tender", "purpose": "资格审查", **data}
        response = post_form(
            dept, "/joint/checks/new", body, content_type="multipart/form-data", headers={"Accept-Language": "en"}
        )
        assert response.status_code == 400, data
        assert message in response.get_data(as_text=True), data
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CreditCheck)) == 0


def test_hostile_input_is_escaped_on_the_page_and_neutralised_in_the_csv(dept: FlaskClient) -> None:
    check_id, html = run_web_check(dept, purpose="<script>alert(1)</script>", batch='=HYPERLINK("x")\n\' OR 1=1 --')
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    csv_text = dept.get(f"/joint/checks/{check_id}.csv").get_data(as_text=True)
    cells = [cell for row in csv.reader(io.StringIO(csv_text.lstrip("\ufeff"))) for cell in row]
    assert '\'=HYPERLINK("x")' in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]


def test_the_csv_has_one_row_per_hit_with_its_measures(dept: FlaskClient) -> None:
    check_id, _html = run_web_check(dept, batch=f"{BLACKLISTED}\n{PENALISED}\nbad")
    response = dept.get(f"/joint/checks/{check_id}.csv")
    text = response.get_data(as_text=True)
    assert response.mimetype == "text/csv"
    assert text.startswith("\ufeff行号,查询内容")
    lines = text.strip().splitlines()
    assert len(lines) == 4
    assert "政府采购领域严重违法失信主体" in lines[1]
    assert "限制参加政府投资项目招投标" in lines[1]
    assert lines[2].startswith(f"2,{PENALISED},已找到")
    assert lines[3].startswith("3,bad,无效,不是有效的统一社会信用代码")


def test_another_department_cannot_see_a_check(dept: FlaskClient, other_dept: FlaskClient, admin: FlaskClient) -> None:
    check_id, _html = run_web_check(dept, subject=BLACKLISTED)
    assert other_dept.get(f"/joint/checks/{check_id}").status_code == 404
    assert other_dept.get(f"/joint/checks/{check_id}.csv").status_code == 404
    assert f'/joint/checks/{check_id}"' not in other_dept.get("/joint/").get_data(as_text=True)
    assert admin.get(f"/joint/checks/{check_id}").status_code == 200  # the 信用办 sees every department


def test_pages_need_the_right_role(site: Flask, dept: FlaskClient, admin: FlaskClient, client: FlaskClient) -> None:
    assert client.get("/joint/").status_code == 302  # anonymous → login
    assert staff_client(site, Role.VERIFIER).get("/joint/").status_code == 403
    assert admin.get("/joint/checks/new").status_code == 200  # an admin reaches every tool (issue 18)
    assert dept.get("/joint/stats").status_code == 403
    assert dept.get("/joint/keys").status_code == 403
    assert dept.get("/joint/catalogue/measures/new").status_code == 403
    assert "Joint reward and punishment" in admin.get("/review/", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )


def test_a_department_user_sees_and_answers_only_its_own_departments_checks(
    dept: FlaskClient, other_dept: FlaskClient
) -> None:
    own_id, _html = run_web_check(dept, subject=BLACKLISTED, purpose="本部门核查")
    other_id, _html = run_web_check(other_dept, subject=REDLISTED, purpose="城管局核查")
    own = dept.get(f"/joint/checks/{own_id}")
    assert own.status_code == 200
    assert "本部门核查" in own.get_data(as_text=True)
    assert BLACKLISTED in own.get_data(as_text=True)
    index = dept.get("/joint/").get_data(as_text=True)
    assert f'/joint/checks/{own_id}"' in index
    assert f'/joint/checks/{other_id}"' not in index
    assert "城管局核查" not in index
    for url in (f"/joint/checks/{other_id}", f"/joint/checks/{other_id}.csv"):
        refused = dept.get(url)
        assert refused.status_code == 404, url
        page = refused.get_data(as_text=True)
        assert "页面不存在" in page  # the friendly 404 page, which says nothing of the other department's check
        assert "城管局核查" not in page
        assert REDLISTED not in page
    hit = db.session.scalar(sa.select(CheckHit.id).where(CheckHit.check_id == other_id))
    answered = post_form(
        dept, f"/joint/checks/{own_id}", {f"outcome-{hit}": "applied"}, post_url=f"/joint/checks/{other_id}/feedback"
    )
    assert answered.status_code == 404
    assert "页面不存在" in answered.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CheckFeedback)) == 0


def test_a_department_user_has_no_submission_queue(dept: FlaskClient) -> None:
    """Submissions are verified by a department's verifier; the 部门用户 role works under /joint only."""
    for url in ("/review/", "/review/1"):
        refused = dept.get(url)
        assert refused.status_code == 403, url
        assert "无权访问" in refused.get_data(as_text=True)


def test_a_batch_of_1000_is_set_based(site: Flask, dept: FlaskClient) -> None:
    lines = [(i, BLACKLISTED if i == 1 else checks.uscc.make_uscc(f"9143020{i:010d}")) for i in range(1, 1001)]
    statements: list[str] = []
    sa.event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    check = checks.run_check(
        db.session,
        checks.Requester(MARKET_DEPT, "t", "web"),
        checks.CheckRequest("tender", "批量", lines, True),
        today=clock.today(),
        now=clock.now(),
        calendar=work_calendar(db.session),
    )
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert check.subjects == 1000
    assert check.found == 1
    assert check.hits == 1
    assert len(selects) < 30, len(selects)


def test_an_admin_can_run_a_credit_check_for_the_credit_office(admin: FlaskClient) -> None:
    check_id, html = run_web_check(admin, subject=BLACKLISTED)
    assert f"/joint/checks/{check_id}" in admin.get("/joint/").get_data(as_text=True)
    assert "信用办" in html  # the requesting unit of a check made by the credit office itself
    assert 'href="/joint/checks/new"' in admin.get("/joint/").get_data(as_text=True)
