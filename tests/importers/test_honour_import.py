"""荣誉 / 行政奖励 (data-standard §13): the example file, every rejected rule with its exact reason, publicity
(DOMAIN §19: until 有效期至 or + 3 years, ended at once by 撤销日期), masking, public outputs and search."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.importers.run import import_file
from portal.indexing.backend import get_backend
from portal.indexing.outbox import reindex
from portal.models import Honour
from tests.conftest import DATA, TODAY
from tests.importers.helpers import example_rows, read_rejects, write_csv

pytestmark = pytest.mark.usefixtures("app")


def _import(tmp_path: Path, rows: list[dict[str, str]], name: str = "honour.csv") -> tuple[str, list[dict]]:
    path = write_csv(tmp_path / name, "honour", rows)
    result = import_file(db.session, path, "honour", today=TODAY)
    return result.summary, read_rejects(path)


def _by_doc(doc_no: str) -> Honour:
    return db.session.scalars(sa.select(Honour).where(Honour.doc_no == doc_no)).one()


def test_the_standard_example_imports_with_the_section_19_windows(tmp_path: Path) -> None:
    assert _import(tmp_path, example_rows("honour")) == ("imported=3 updated=0 rejected=0", [])
    given = _by_doc("湘市监信〔2026〕12号")
    assert (given.level, given.status, given.public_until) == ("省级", RecordStatus.PUBLISHED, date(2028, 5, 19))
    blank = _by_doc("荷商务〔2026〕9号")
    assert (blank.valid_until, blank.public_until) == (None, date(2029, 6, 1))  # 授予日期 + 3 years
    person = _by_doc("株政奖〔2026〕5号")
    assert (person.valid_until, person.public_until, person.status) == (
        date(2099, 12, 31), date(2099, 12, 31), RecordStatus.PUBLISHED)  # fmt: skip


def test_a_revocation_ends_publicity_the_day_before_and_is_a_new_version(tmp_path: Path) -> None:
    rows = example_rows("honour")
    _import(tmp_path, rows)
    assert _import(tmp_path, rows, "again.csv")[0] == "imported=0 updated=0 rejected=0"
    rows[0] = dict(rows[0], 撤销日期="2026-11-01", 撤销原因="发现严重失信行为")
    assert _import(tmp_path, rows, "revoked.csv")[0] == "imported=0 updated=1 rejected=0"
    record = _by_doc("湘市监信〔2026〕12号")
    assert (record.version, record.public_until) == (2, date(2026, 10, 31))


LEVELS = "国家级、省级、市级、区县级、其他"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"荣誉名称": ""}, "缺少必填字段：荣誉名称"),
        ({"荣誉等级": "省部级"}, f"荣誉等级取值无效：省部级（允许：{LEVELS}）"),
        ({"荣誉内容": ""}, "缺少必填字段：荣誉内容"),
        ({"授予文件号": ""}, "缺少必填字段：授予文件号"),
        ({"授予单位": ""}, "缺少必填字段：授予单位"),
        ({"授予单位统一社会信用代码": "11430000006123456"}, "统一社会信用代码长度或字符无效：授予单位统一社会信用代码"),
        ({"授予日期": ""}, "缺少必填字段：授予日期"),
        ({"授予日期": "2026-13-01"}, "日期无效：授予日期=2026-13-01"),
        ({"授予日期": "2026-11-24"}, "授予日期不得晚于导入日期"),
        ({"有效期至": "2026-05-19"}, "有效期至早于授予日期"),
        ({"撤销日期": "2026-05-19"}, "撤销日期早于授予日期"),
        ({"数据来源单位统一社会信用代码": ""}, "缺少必填字段：数据来源单位统一社会信用代码"),
        ({"荣誉内容": "荣" * 10_001}, "字段超长：荣誉内容（最多10000字）"),
        ({"行政相对人类别": "企业"}, "行政相对人类别取值无效：企业"),
    ],
)
def test_a_defective_row_is_rejected_with_its_line_and_reason(tmp_path: Path, changes: dict, reason: str) -> None:
    rows = example_rows("honour")
    rows[0] = dict(rows[0], **changes)
    summary, rejects = _import(tmp_path, rows)
    assert summary == "imported=2 updated=0 rejected=1"
    assert [r["行号"] for r in rejects] == ["2"]
    assert reason in rejects[0]["原因"]


def test_a_revocation_without_reason_warns_and_the_same_name_and_document_twice_is_rejected(tmp_path: Path) -> None:
    rows = example_rows("honour")
    rows[1] = dict(rows[1], 撤销日期="2026-07-01")
    rows.append(dict(rows[0], 荣誉名称=" 守合同重信用企业 ", 备注="again"))  # the same name after NFKC and trimming
    path = write_csv(tmp_path / "dup.csv", "honour", rows)
    result = import_file(db.session, path, "honour", today=TODAY)
    assert result.summary == "imported=3 updated=0 rejected=1"
    assert [(r["行号"], r["原因"]) for r in read_rejects(path)] == [("5", "文件内重复：与第2行自然键相同")]
    assert any("第3行" in w and "撤销原因为空" in w for w in result.warnings)


def test_an_honour_revoked_on_its_grant_day_is_never_public(tmp_path: Path) -> None:
    rows = example_rows("honour")
    rows[0] = dict(rows[0], 撤销日期=rows[0]["授予日期"], 撤销原因="授予有误")
    _import(tmp_path, rows)
    record = _by_doc("湘市监信〔2026〕12号")
    assert record.public_until is not None
    assert record.public_until < record.public_from


@pytest.fixture
def published(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FlaskClient:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    path = Path(shutil.copy(DATA / "standard-honour.csv", tmp_path / "honour.csv"))
    assert import_file(db.session, path, "honour", today=TODAY).summary == "imported=3 updated=0 rejected=0"
    reindex(db.session, get_backend(app), TODAY)
    return app.test_client()


def test_the_person_is_masked_everywhere(published: FlaskClient) -> None:
    person = _by_doc("株政奖〔2026〕5号")
    page = published.get(f"/honours/{person.id}").get_data(as_text=True)
    assert "王**在湘江救起落水群众" in page
    assert "王小明" not in page
    assert "430202198503121235" not in page
    company = published.get(f"/honours/{_by_doc('湘市监信〔2026〕12号').id}").get_data(as_text=True)
    assert "法定代表人钱*" in company
    exported = published.get("/honours/export.csv").get_data(as_text=True)
    assert "王**" in exported
    assert "王小明" not in exported


def test_the_listing_filters_by_level(published: FlaskClient) -> None:
    provincial = published.get("/honours", query_string={"category": "省级"}).get_data(as_text=True)
    assert "湘市监信〔2026〕12号" in provincial
    assert "荷商务〔2026〕9号" not in provincial
    assert published.get("/honours", query_string={"category": "<b>"}).status_code == 400


def test_the_granting_document_finds_the_honour_and_the_api_lists_it(published: FlaskClient) -> None:
    body = published.get("/api/v1/search", query_string={"q": "湘市监信(2026)12号", "type": "honour"}).get_json()
    assert [(r["type"], r["title"]) for r in body["results"]] == [("honour", "湘市监信〔2026〕12号")]
    entry = published.get("/api/v1/subjects/91430202MA4Q7K3C8H").get_json()["honours"][0]
    assert (entry["honour_name"], entry["level"], entry["valid_until"]) == ("守合同重信用企业", "省级", "2028-05-19")


def test_the_subject_page_counts_and_lists_the_honour(published: FlaskClient) -> None:
    page = published.get("/subjects/91430202MA4Q7K3C8H").get_data(as_text=True)
    assert '<span class="num">1</span> 荣誉与行政奖励</a></li>' in page
    assert f'href="/honours/{_by_doc("湘市监信〔2026〕12号").id}"' in page
