"""执行反馈 on the check page, the overdue rule, and the 发起-响应-反馈 statistics with their CSV."""

from __future__ import annotations

import re
from datetime import date

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from portal.extensions import db
from portal.models import CheckFeedback, CheckHit, CreditCheck
from tests.joint.conftest import BLACKLISTED, REDLISTED, post_form, run_web_check


def _answer(client: FlaskClient, check_id: int, data: dict[str, str]) -> str:
    url = f"/joint/checks/{check_id}"
    response = post_form(client, url, data, post_url=f"{url}/feedback", headers={"Accept-Language": "en"})
    assert response.status_code == 302
    return client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_feedback_is_recorded_per_hit_and_completes_the_check(dept: FlaskClient) -> None:
    check_id, html = run_web_check(dept, batch=f"{BLACKLISTED}\n{REDLISTED}")
    hits = {h.category: h for h in db.session.scalars(sa.select(CheckHit).where(CheckHit.check_id == check_id))}
    black, red = hits["blacklist"], hits["redlist"]
    assert f'name="outcome-{black.id}"' in html
    page = _answer(dept, check_id, {f"outcome-{black.id}": "not_applied", f"reason-{black.id}": ""})
    assert "Give a reason when a measure was not applied" in page
    measure = black.measure_ids.split(",")[0].split(":")[0]
    page = _answer(dept, check_id, {f"outcome-{black.id}": "applied", f"measure-{black.id}": measure})
    assert "The feedback was recorded." in page
    check = db.session.get(CreditCheck, check_id)
    db.session.refresh(check)
    assert (check.feedback_done, check.feedback_completed_on) == (1, None)
    _answer(dept, check_id, {f"outcome-{red.id}": "not_applicable", f"reason-{red.id}": "本次采购无激励措施<b>"})
    db.session.refresh(check)
    assert check.feedback_done == 2
    assert check.feedback_completed_on == date(2026, 11, 23)
    page = dept.get(f"/joint/checks/{check_id}").get_data(as_text=True)
    assert "本次采购无激励措施&lt;b&gt;" in page
    answers = {f.hit_id: f for f in db.session.scalars(sa.select(CheckFeedback))}
    assert answers[black.id].outcome == "applied"
    assert answers[black.id].measure_id == int(measure)


def test_feedback_forms_refuse_forged_hits_and_other_departments(dept: FlaskClient, other_dept: FlaskClient) -> None:
    check_id, _html = run_web_check(dept, subject=BLACKLISTED)
    other_id, _html = run_web_check(other_dept, subject=REDLISTED)
    other_hit = db.session.scalar(sa.select(CheckHit.id).where(CheckHit.check_id == other_id))
    page = _answer(dept, check_id, {f"outcome-{other_hit}": "not_applicable", f"reason-{other_hit}": "x"})
    assert "could not be recorded" in page
    url = f"/joint/checks/{other_id}"
    own = f"/joint/checks/{check_id}"
    forged = post_form(dept, own, {f"outcome-{other_hit}": "applied"}, post_url=f"{url}/feedback")
    assert forged.status_code == 404
    assert post_form(dept, own, {"outcome-1x": "applied"}, post_url=f"{own}/feedback").status_code == 400
    assert dept.post(f"{own}/feedback", data={f"outcome-{other_hit}": "applied"}).status_code == 400  # no CSRF token
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CheckFeedback)) == 0


def test_statistics_count_checks_hits_feedback_and_overdue(
    dept: FlaskClient, other_dept: FlaskClient, admin: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    check_id, _html = run_web_check(dept, batch=f"{BLACKLISTED}\n{REDLISTED}\nbad")
    run_web_check(other_dept, subject="无此单位")
    hit = db.session.scalar(sa.select(CheckHit).where(CheckHit.check_id == check_id, CheckHit.category == "blacklist"))
    _answer(dept, check_id, {f"outcome-{hit.id}": "applied", f"measure-{hit.id}": hit.measure_ids.split(":")[0]})
    page = admin.get("/joint/stats", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Response and feedback by department" in page
    assert "50.0%" in page  # 1 of 2 hits answered
    monkeypatch.setattr("portal.clock.today", lambda: date(2026, 12, 10))  # past the 10-working-day deadline
    csv_text = admin.get("/joint/stats?format=csv&start=2026-11-01&end=2026-11-30").get_data(as_text=True)
    rows = [line.split(",") for line in csv_text.lstrip("\ufeff").strip().splitlines()]
    assert rows[0][:3] == ["部门统一社会信用代码", "部门名称", "核查次数"]
    by_dept = {r[0]: r for r in rows[1:]}
    market = by_dept["11430200006123458Y"]
    assert market[2:] == ["1", "3", "2", "1", "1", "50.0%", "1"]  # overdue: one hit still unanswered
    assert by_dept["11430200006123490A"][2:] == ["1", "1", "0", "0", "0", "", "0"]
    assert rows[-1][1] == "合计"
    assert rows[-1][2] == "2"
    index = dept.get("/joint/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert re.search(r"Overdue", index)
    assert admin.get("/joint/stats?start=bad").status_code == 400
