"""联合奖惩 checks show the other kinds' public information (issue 16): 行政强制 and 违诺 commitments for the
department's 失信惩戒 review, honours for 守信激励, on the page, in the API answer and in the CSV; never a record
that is not public (the checking department has no right to see more than the public site)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.models import CheckNote, Coercion, Commitment
from tests.conftest import TODAY, import_more_examples
from tests.joint.conftest import MINOR_SHOP, PENALISED, REDLISTED, run_web_check
from tests.joint.test_api import auth, valid


@pytest.fixture
def more(site: Flask, tmp_path: Path) -> Flask:
    import_more_examples(tmp_path, TODAY)
    return site


def _block(html: str) -> str:
    """The "other public credit information" part of a check page, up to the table of every line."""
    start = html.index("其他公示信用信息")
    return html[start : html.index("<h2", start)]


def test_a_coercion_and_a_breached_commitment_are_shown_for_review(more: Flask, dept: FlaskClient) -> None:
    check_id, html = run_web_check(dept, subject=PENALISED)
    block = _block(html)
    review = block[block.index("<h4>供失信惩戒审查参考</h4>") :]
    assert "株市监强〔2026〕8号" in review
    assert "43020020260310000015" in review  # 部分履行: a 违诺
    assert "<h4>供守信激励参考</h4>" not in block  # the company holds no honour
    assert "刘晓红" not in html  # 经办人 never leaves the server
    notes = db.session.scalars(sa.select(CheckNote).where(CheckNote.check_id == check_id).order_by(CheckNote.id))
    assert [(n.kind, n.role) for n in notes] == [("coercion", "discipline"), ("commitment", "discipline")]


def test_honours_are_shown_for_incentives_and_a_kept_commitment_is_not_news(more: Flask, dept: FlaskClient) -> None:
    _check_id, html = run_web_check(dept, batch=f"{MINOR_SHOP}\n{REDLISTED}")
    block = _block(html)
    incentive = block[block.index("<h4>供守信激励参考</h4>") :]
    assert "诚信经营示范店" in incentive
    assert "守合同重信用企业" in incentive
    assert "荷市监强〔2026〕3号" in block  # lifted, still public: information for review
    assert "申请办理个体工商户设立登记" not in block  # 全部履行: no 违诺, nothing to review


def test_records_that_are_not_public_never_reach_a_check(more: Flask, dept: FlaskClient) -> None:
    db.session.execute(sa.update(Coercion).where(Coercion.doc_no == "株市监强〔2026〕8号")
                       .values(status=RecordStatus.WITHDRAWN))  # fmt: skip
    db.session.execute(sa.update(Commitment).values(status=RecordStatus.NOT_PUBLIC, hold_reason="政务共享"))
    db.session.commit()
    check_id, html = run_web_check(dept, subject=PENALISED)
    assert "株市监强〔2026〕8号" not in html
    assert "43020020260310000015" not in html
    assert "被核查主体均无此类公示信息。" in html
    assert db.session.scalar(sa.select(sa.func.count()).where(CheckNote.check_id == check_id)) == 0
    csv_text = dept.get(f"/joint/checks/{check_id}.csv").get_data(as_text=True)
    assert "株市监强" not in csv_text


def test_the_api_answer_and_the_csv_carry_the_information(more: Flask, client: FlaskClient, token: str,
                                                          dept: FlaskClient) -> None:  # fmt: skip
    body = {"act": "tender", "purpose": "政府采购资格审查", "subject": PENALISED}
    response = client.post("/api/v1/joint/checks", json=body, headers=auth(token))
    assert response.status_code == 201
    answer = response.get_json()
    valid("CheckResult", answer)
    (line,) = answer["results"]
    assert [(n["kind"], n["role"], n["title"]) for n in line["other_information"]] == [
        ("coercion", "discipline", "株市监强〔2026〕8号"),
        ("commitment", "discipline", "43020020260310000015"),
    ]
    assert line["other_information"][0]["date"] == "2026-03-01"
    check_id, _html = run_web_check(dept, batch=f"{PENALISED}\n{REDLISTED}")
    rows = list(csv.reader(io.StringIO(dept.get(f"/joint/checks/{check_id}.csv").get_data(as_text=True)[1:])))
    header = rows[0]
    review, incentive = header.index("失信惩戒参考信息"), header.index("守信激励信息")
    by_code = {r[5]: r for r in rows[1:]}
    assert "株市监强〔2026〕8号（2026-03-01，株洲市市场监督管理局）" in by_code[PENALISED][review]
    assert by_code[PENALISED][incentive] == ""
    assert "湘市监信〔2026〕12号" in by_code[REDLISTED][incentive]
