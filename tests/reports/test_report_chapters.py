"""信用中国's report structure (issue 16): 行政强制 within 行政管理信息, 信用承诺信息, 信用评价信息 and
诚实守信相关荣誉信息, each saying 查询期内无相关信息 when empty, in the HTML, the stored JSON and the PDF."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.models import Coercion, Subject
from tests.conftest import TODAY, import_more_examples
from tests.enterprise.helpers import FOOD, SHOP, bind, make_account, signed_in
from tests.reports.test_reports import issue_full, issue_public, stored

NONE = "查询期内无相关信息"
CHAPTERS = ("一、行政管理信息", "二、信用名单信息", "三、信用承诺信息", "四、信用评价信息", "五、诚实守信相关荣誉信息")


@pytest.fixture
def more(site: Flask, tmp_path: Path) -> Flask:
    import_more_examples(tmp_path, TODAY)
    return site


def _pdf_text(client: FlaskClient, number: str, tmp_path: Path) -> str:
    response = client.get(f"/reports/{number}.pdf")
    assert response.status_code == 200
    path = tmp_path / f"{number}.pdf"
    path.write_bytes(response.data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,  # noqa: S603, S607
                          check=True).stdout  # fmt: skip
    return "".join(text.split())  # pdftotext may put spaces between CJK glyphs


def test_the_public_report_has_the_chapters_of_the_standard_in_order(more: Flask, client: FlaskClient) -> None:
    number = issue_public(client, FOOD)
    html = client.get(f"/reports/{number}").get_data(as_text=True)
    positions = [html.index(chapter) for chapter in CHAPTERS]
    assert positions == sorted(positions)
    administrative = html[positions[0] : positions[1]]
    assert "行政许可（1条）" in administrative
    assert "行政处罚（1条）" in administrative
    assert "行政强制（1条）" in administrative
    assert "株市监强〔2026〕8号" in administrative
    commitments = html[positions[2] : positions[3]]
    assert "申请办理食品经营许可" in commitments
    assert NONE in html[positions[3] : positions[4]]  # no 信用评价 information
    assert NONE in html[positions[4] :]  # the company holds no honour
    assert "刘晓红" not in html  # 经办人 is never shown


def test_the_stored_content_names_each_sections_chapter(more: Flask, client: FlaskClient) -> None:
    body = json.loads(stored(issue_public(client, SHOP)).content)
    groups = {s["key"]: s["group"] for s in body["sections"]}
    assert groups["coercion"] == groups["penalty"] == groups["permit"] == "administrative"
    assert (groups["commitment"], groups["honour"], groups["redlist"]) == ("commitment", "honour", "lists")
    by_key = {s["key"]: s["records"] for s in body["sections"]}
    assert [r["title"] for r in by_key["honour"]] == ["诚信经营示范店"]
    assert by_key["coercion"][0]["lifted_on"] == "2026-06-05"
    assert [r["state"] for r in by_key["commitment"]] == ["全部履行"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_the_pdf_prints_the_chapters_and_says_none_for_empty_ones(more: Flask, client: FlaskClient,
                                                                  tmp_path: Path) -> None:  # fmt: skip
    text = _pdf_text(client, issue_public(client, FOOD), tmp_path)
    positions = [text.index(chapter) for chapter in CHAPTERS]
    assert positions == sorted(positions)
    assert "行政强制（1条）" in text[positions[0] : positions[1]]
    assert "株市监强〔2026〕8号" in text
    assert "申请办理食品经营许可" in text[positions[2] : positions[3]]
    assert NONE in text[positions[3] : positions[4]]
    assert NONE in text[positions[4] :]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_the_full_report_pdf_lists_honours_and_hidden_records(more: Flask, tmp_path: Path) -> None:
    db.session.execute(sa.update(Coercion).where(Coercion.doc_no == "荷市监强〔2026〕3号")
                       .values(status=RecordStatus.WITHDRAWN))  # fmt: skip
    db.session.commit()
    binding = bind(make_account(), SHOP, name="荷塘区示例餐饮店")
    company = signed_in(more)
    number = issue_full(company, binding.id)
    text = _pdf_text(company, number, tmp_path)
    honours = text[text.index("五、诚实守信相关荣誉信息") :]
    assert "诚信经营示范店" in honours
    assert "荷商务〔2026〕9号" in honours
    assert "荷市监强〔2026〕3号" in text  # the subject's own report lists the withdrawn coercion too
    assert "全部履行" in text[text.index("三、信用承诺信息") :]  # the commitment with its 履行状态


def test_the_public_report_leaves_out_what_is_not_public(more: Flask, client: FlaskClient) -> None:
    db.session.execute(sa.update(Coercion).where(Coercion.doc_no == "荷市监强〔2026〕3号")
                       .values(status=RecordStatus.WITHDRAWN))  # fmt: skip
    db.session.commit()
    html = client.get(f"/reports/{issue_public(client, SHOP)}").get_data(as_text=True)
    assert "荷市监强〔2026〕3号" not in html
    assert "行政强制（0条）" in html
    person = db.session.scalars(sa.select(Subject).where(Subject.name == "王小明")).one()
    body = json.loads(stored(_issue_for(client, person.public_id)).content)
    by_key = {s["key"]: s["records"] for s in body["sections"]}
    assert by_key["coercion"] == []  # a natural person's coercion: shared between departments only
    assert by_key["commitment"] == []  # a natural person's commitment: not public
    assert [r["title"] for r in by_key["honour"]] == ["见义勇为先进个人"]
    text = json.dumps(body, ensure_ascii=False)
    for hidden in ("株城管强〔2026〕2号", "申请出租汽车驾驶员从业资格注册", "王小明", "430202198503121235"):
        assert hidden not in text, hidden


def _issue_for(client: FlaskClient, public_id: str) -> str:
    page = client.get(f"/reports/new?subject={public_id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token
    response = client.post("/reports/issue", data={"csrf_token": token.group(1), "subject": public_id})
    assert response.status_code == 303
    return response.headers["Location"].rsplit("/", 1)[-1]


def test_a_report_issued_before_the_chapters_still_shows_them(more: Flask, client: FlaskClient) -> None:
    number = issue_public(client, FOOD)
    report = stored(number)
    body = json.loads(report.content)
    for section in body["sections"]:
        del section["group"]  # as stored before issue 16
    report.content = json.dumps(body, ensure_ascii=False)
    db.session.commit()
    html = client.get(f"/reports/{number}").get_data(as_text=True)
    positions = [html.index(chapter) for chapter in CHAPTERS]
    assert positions == sorted(positions)
    assert "株市监强〔2026〕8号" in html[positions[0] : positions[1]]
