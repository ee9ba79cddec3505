"""信用承诺 (data-standard §10): the example file, every rejected rule with its exact reason, publicity (DOMAIN §19:
社会公开 organisations only; a 违诺 for a year from its finding), 经办人 never public, outputs and search."""

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
from portal.models import Commitment
from tests.conftest import DATA, TODAY
from tests.importers.helpers import example_rows, read_rejects, write_csv

pytestmark = pytest.mark.usefixtures("app")
CODE = "43020020260310000015"


def _import(tmp_path: Path, rows: list[dict[str, str]], name: str = "commitment.csv") -> tuple[str, list[dict]]:
    path = write_csv(tmp_path / name, "commitment", rows)
    result = import_file(db.session, path, "commitment", today=TODAY)
    return result.summary, read_rejects(path)


def _by_matter(matter: str) -> Commitment:
    return db.session.scalars(sa.select(Commitment).where(Commitment.matter == matter)).one()


def test_the_standard_example_imports_with_the_section_19_windows(tmp_path: Path) -> None:
    assert _import(tmp_path, example_rows("commitment")) == ("imported=3 updated=0 rejected=0", [])
    broken = _by_matter("申请办理食品经营许可")
    assert (broken.doc_no, broken.state, broken.status) == (CODE, "部分履行", RecordStatus.PUBLISHED)
    assert broken.public_until == date(2027, 4, 20)  # 违诺: 履行状态认定日期 + 1 year
    kept = _by_matter("申请办理个体工商户设立登记")
    assert (kept.doc_no, kept.public_until) == (None, date(2027, 2, 2))  # 承诺有效期至
    person = _by_matter("申请出租汽车驾驶员从业资格注册")
    assert (person.state, person.status, person.hold_reason) == ("履行中", RecordStatus.NOT_PUBLIC, "政务共享")
    assert person.public_until == date(2029, 6, 18)  # 承诺作出日期 + 3 years


@pytest.mark.parametrize(("openness", "hold"), [("政务共享", "政务共享"), ("不公开", "不公开")])
def test_only_socially_public_commitments_are_public(tmp_path: Path, openness: str, hold: str) -> None:
    rows = example_rows("commitment")
    rows[0] = dict(rows[0], 公开类型=openness)
    _import(tmp_path, rows)
    assert _by_matter("申请办理食品经营许可").hold_reason == hold


def test_a_new_fulfilment_state_is_a_new_version_under_the_same_code(tmp_path: Path) -> None:
    rows = example_rows("commitment")
    _import(tmp_path, rows)
    assert _import(tmp_path, rows, "again.csv")[0] == "imported=0 updated=0 rejected=0"
    kept = {"承诺履行状态": "全部履行", "未履行的承诺内容": "", "履行状态认定日期": "2026-05-01", "承诺事由": "改写"}
    rows[0] = dict(rows[0], **kept)
    assert _import(tmp_path, rows, "kept.csv")[0] == "imported=0 updated=1 rejected=0"
    record = db.session.scalars(sa.select(Commitment).where(Commitment.doc_no == CODE)).one()
    assert (record.version, record.state, record.public_until) == (2, "全部履行", date(2099, 12, 31))


TYPES = "审批替代型、容缺受理型、证明事项型、信用修复型、行业自律型、主动型、其他"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"承诺编码": "4302002026031000001"}, "承诺编码取值无效：4302002026031000001"),
        ({"承诺人名称": ""}, "缺少必填字段：承诺人名称"),
        ({"承诺人类别": "企业"}, "承诺人类别取值无效：企业"),
        ({"统一社会信用代码": ""}, "缺少必填字段：统一社会信用代码"),
        ({"统一社会信用代码": "91430200MA4L0A1B7"}, "统一社会信用代码长度或字符无效：统一社会信用代码"),
        ({"承诺类型": "告知承诺"}, f"承诺类型取值无效：告知承诺（允许：{TYPES}）"),
        ({"承诺事由": ""}, "缺少必填字段：承诺事由"),
        ({"承诺事由": "事" * 513}, "字段超长：承诺事由（最多512字）"),
        ({"承诺内容": ""}, "缺少必填字段：承诺内容"),
        ({"承诺作出日期": "2026-11-24"}, "承诺作出日期不得晚于导入日期"),
        ({"承诺有效期至": "2026-03-09"}, "承诺有效期至早于承诺作出日期"),
        ({"承诺履行状态": "已履行"}, "承诺履行状态取值无效：已履行（允许：履行中、全部履行、部分履行、全部未履行）"),
        ({"未履行的承诺内容": ""}, "缺少必填字段：未履行的承诺内容"),
        ({"履行状态认定日期": ""}, "缺少必填字段：履行状态认定日期"),
        ({"履行状态认定日期": "2026-03-09"}, "履行状态认定日期早于承诺作出日期"),
        ({"承诺受理单位统一社会信用代码": ""}, "缺少必填字段：承诺受理单位统一社会信用代码"),
        ({"公开类型": "公开"}, "公开类型取值无效：公开（允许：社会公开、政务共享、不公开）"),
        ({"数据来源单位": ""}, "缺少必填字段：数据来源单位"),
    ],
)
def test_a_defective_row_is_rejected_with_its_line_and_reason(tmp_path: Path, changes: dict, reason: str) -> None:
    rows = example_rows("commitment")
    rows[0] = dict(rows[0], **changes)
    summary, rejects = _import(tmp_path, rows)
    assert summary == "imported=2 updated=0 rejected=1"
    assert [r["行号"] for r in rejects] == ["2"]
    assert reason in rejects[0]["原因"]


def test_a_natural_person_needs_a_valid_id_and_a_code_date_mismatch_warns(tmp_path: Path) -> None:
    rows = example_rows("commitment")
    rows[0] = dict(rows[0], 承诺编码="43020020260311000015")
    rows[2] = dict(rows[2], 证件号码="430202198503121234")
    path = write_csv(tmp_path / "c.csv", "commitment", rows)
    result = import_file(db.session, path, "commitment", today=TODAY)
    assert result.summary == "imported=2 updated=0 rejected=1"
    rejects = read_rejects(path)
    assert [(r["行号"], r["原因"]) for r in rejects] == [("4", "证件号码无效（校验位）：证件号码")]
    assert any("第2行" in w and "承诺编码中的日期与承诺作出日期不一致" in w for w in result.warnings)


@pytest.fixture
def published(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FlaskClient:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    path = Path(shutil.copy(DATA / "standard-commitment.csv", tmp_path / "commitment.csv"))
    assert import_file(db.session, path, "commitment", today=TODAY).summary == "imported=3 updated=0 rejected=0"
    reindex(db.session, get_backend(app), TODAY)
    return app.test_client()


def test_the_handler_and_the_person_are_never_shown(published: FlaskClient) -> None:
    broken = _by_matter("申请办理食品经营许可")
    page = published.get(f"/commitments/{broken.id}").get_data(as_text=True)
    assert "未在30日内提交冷链设施验收报告" in page
    assert "刘晓红" not in page
    exported = published.get("/commitments/export.csv").get_data(as_text=True)
    assert CODE in exported
    assert "刘晓红" not in exported
    assert "王小明" not in exported
    person = _by_matter("申请出租汽车驾驶员从业资格注册")
    assert published.get(f"/commitments/{person.id}").status_code == 404


def test_the_listing_filters_by_type_and_state(published: FlaskClient) -> None:
    broken = published.get("/commitments", query_string={"state": "部分履行"}).get_data(as_text=True)
    assert "申请办理食品经营许可" in broken
    assert "申请办理个体工商户设立登记" not in broken
    lenient = published.get("/commitments", query_string={"category": "容缺受理型"}).get_data(as_text=True)
    assert "申请办理个体工商户设立登记" in lenient
    assert "申请办理食品经营许可" not in lenient


def test_the_code_finds_the_commitment_and_the_api_lists_it(published: FlaskClient) -> None:
    body = published.get("/api/v1/search", query_string={"q": CODE, "type": "commitment"}).get_json()
    assert [(r["type"], r["title"]) for r in body["results"]] == [("commitment", CODE)]
    assert published.get("/api/v1/search", query_string={"q": "43020020260618000003"}).get_json()["results"] == []
    entry = published.get("/api/v1/subjects/91430200MA4L0A1B7K").get_json()["commitments"][0]
    assert (entry["code"], entry["type"], entry["state"]) == (CODE, "审批替代型", "部分履行")
