"""行政强制 (data-standard §12): the example file, every rejected rule with its exact reason, publicity (DOMAIN §19),
masking, the record's public outputs and its 文号 as an exact search key."""

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
from portal.models import Coercion, RecordHistory
from tests.conftest import DATA, TODAY
from tests.importers.helpers import example_rows, read_rejects, write_csv

pytestmark = pytest.mark.usefixtures("app")
USCC = "行政相对人代码_1(统一社会信用代码)"


def _import(tmp_path: Path, rows: list[dict[str, str]], name: str = "coercion.csv") -> tuple[str, list[dict]]:
    path = write_csv(tmp_path / name, "coercion", rows)
    result = import_file(db.session, path, "coercion", today=TODAY)
    return result.summary, read_rejects(path)


def _by_doc(doc_no: str) -> Coercion:
    return db.session.scalars(sa.select(Coercion).where(Coercion.doc_no == doc_no)).one()


def test_the_standard_example_imports_with_the_section_19_windows(tmp_path: Path) -> None:
    summary, rejects = _import(tmp_path, example_rows("coercion"))
    assert (summary, rejects) == ("imported=3 updated=0 rejected=0", [])
    sealed = _by_doc("株市监强〔2026〕8号")
    assert (sealed.categories, sealed.status, sealed.hold_reason) == (
        "查封场所、设施或者财物；扣押财物", RecordStatus.PUBLISHED, None)  # fmt: skip
    assert (sealed.public_from, sealed.public_until) == (date(2026, 3, 1), date(2027, 3, 1))  # not lifted: D + 1 y
    lifted = _by_doc("荷市监强〔2026〕3号")
    assert (lifted.lifted_on, lifted.public_until) == (date(2026, 6, 5), date(2026, 12, 5))  # lifted + 6 months
    person = _by_doc("株城管强〔2026〕2号")
    assert (person.status, person.hold_reason) == (RecordStatus.NOT_PUBLIC, "政务共享")  # natural persons: never public


def test_reimporting_changes_nothing_and_a_lifting_is_a_new_version(tmp_path: Path) -> None:
    rows = example_rows("coercion")
    _import(tmp_path, rows)
    assert _import(tmp_path, rows, "again.csv")[0] == "imported=0 updated=0 rejected=0"
    rows[0] = dict(rows[0], 解除日期="2026-04-01", 解除原因="已整改")
    assert _import(tmp_path, rows, "lifted.csv")[0] == "imported=0 updated=1 rejected=0"
    record = _by_doc("株市监强〔2026〕8号")
    assert (record.version, record.lifted_on, record.public_until) == (2, date(2026, 4, 1), date(2026, 10, 1))
    history = db.session.scalars(sa.select(RecordHistory).where(RecordHistory.record_kind == "coercion")).all()
    assert [(h.record_id, h.version) for h in history] == [(record.id, 1)]


ALLOWED = "查封场所、设施或者财物、扣押财物、冻结存款、汇款"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"行政强制决定书文号": ""}, "缺少必填字段：行政强制决定书文号"),
        ({"强制类别": ""}, "缺少必填字段：强制类别"),
        ({"强制类别": "责令停产停业"}, f"强制类别取值无效：责令停产停业（允许：{ALLOWED}"),
        ({"强制类别": "扣押财物；查封"}, "强制类别取值无效：查封（允许："),
        ({"强制类别": "限制公民人身自由"}, "不予归集：限制人身自由"),
        ({"强制事由": ""}, "缺少必填字段：强制事由"),
        ({"强制依据": ""}, "缺少必填字段：强制依据"),
        ({"强制内容": ""}, "缺少必填字段：强制内容"),
        ({"决定日期": "2026-02-30"}, "日期无效：决定日期=2026-02-30"),
        ({"决定日期": "2026-12-01"}, "决定日期不得晚于导入日期"),
        ({"强制期限至": "2026-02-28"}, "强制期限至早于决定日期"),
        ({"解除日期": "2026-02-28", "解除原因": "x"}, "解除日期早于决定日期"),
        ({"实施机关": ""}, "缺少必填字段：实施机关"),
        ({"实施机关统一社会信用代码": "123"}, "统一社会信用代码长度或字符无效：实施机关统一社会信用代码"),
        ({"数据来源单位": ""}, "缺少必填字段：数据来源单位"),
        ({USCC: ""}, "法人及非法人组织须至少填写一个行政相对人代码"),
        ({"强制内容": "长" * 10_001}, "字段超长：强制内容（最多10000字）"),
        ({"行政强制决定书文号": "号" * 257}, "字段超长：行政强制决定书文号（最多256字）"),
        ({"强制事由": "查封\x07冷库"}, "含非法控制字符：强制事由"),
    ],
)
def test_a_defective_row_is_rejected_with_its_line_and_reason(tmp_path: Path, changes: dict, reason: str) -> None:
    rows = example_rows("coercion")
    rows[0] = dict(rows[0], **changes)
    summary, rejects = _import(tmp_path, rows)
    assert summary == "imported=2 updated=0 rejected=1"
    assert [r["行号"] for r in rejects] == ["2"]
    assert reason in rejects[0]["原因"]


def test_a_lifting_without_a_reason_warns_and_a_repeated_key_is_rejected(tmp_path: Path) -> None:
    rows = example_rows("coercion")
    rows[1] = dict(rows[1], 解除原因="")
    rows.append(dict(rows[0], 备注="again"))
    path = write_csv(tmp_path / "dup.csv", "coercion", rows)
    result = import_file(db.session, path, "coercion", today=TODAY)
    assert result.summary == "imported=3 updated=0 rejected=1"
    assert [(r["行号"], r["原因"]) for r in read_rejects(path)] == [("5", "文件内重复：与第2行自然键相同")]
    assert any("第3行" in w and "解除原因为空" in w for w in result.warnings)


def test_a_hostile_cell_is_stored_as_text_and_escaped(tmp_path: Path, app: Flask) -> None:
    rows = example_rows("coercion")
    rows[0] = dict(rows[0], 强制事由='<script>alert(1)</script>=HYPERLINK("x")', 涉及财物="𠮷野家冷柜")
    assert _import(tmp_path, rows)[0] == "imported=3 updated=0 rejected=0"
    record = _by_doc("株市监强〔2026〕8号")
    page = app.test_client().get(f"/coercions/{record.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "𠮷野家冷柜" in page


@pytest.fixture
def published(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FlaskClient:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    path = Path(shutil.copy(DATA / "standard-coercion.csv", tmp_path / "coercion.csv"))
    assert import_file(db.session, path, "coercion", today=TODAY).summary == "imported=3 updated=0 rejected=0"
    reindex(db.session, get_backend(app), TODAY)
    return app.test_client()


def test_the_record_page_masks_people_and_the_person_is_never_shown(published: FlaskClient) -> None:
    sealed = _by_doc("株市监强〔2026〕8号")
    page = published.get(f"/coercions/{sealed.id}").get_data(as_text=True)
    assert "张*未能提供进货查验记录" in page
    assert "张三" not in page
    assert "430202199001014565" not in page
    assert "预包装食品120箱" in page
    person = _by_doc("株城管强〔2026〕2号")
    assert published.get(f"/coercions/{person.id}").status_code == 404
    listing = published.get("/coercions").get_data(as_text=True)
    assert "株市监强〔2026〕8号" in listing
    assert "株城管强〔2026〕2号" not in listing
    assert "王" not in listing


def test_the_listing_filters_by_type_and_lifting(published: FlaskClient) -> None:
    seized = published.get("/coercions", query_string={"category": "查封场所、设施或者财物"}).get_data(as_text=True)
    assert "株市监强〔2026〕8号" in seized
    assert "荷市监强〔2026〕3号" not in seized
    lifted = published.get("/coercions", query_string={"state": "lifted"}).get_data(as_text=True)
    assert "荷市监强〔2026〕3号" in lifted
    assert "株市监强〔2026〕8号" not in lifted
    assert published.get("/coercions", query_string={"state": "<script>"}).status_code == 400
    xlsx = published.get("/coercions/export.xlsx")
    assert xlsx.status_code == 200
    assert xlsx.data[:2] == b"PK"


def test_the_decision_number_finds_the_coercion_and_the_api_lists_it(published: FlaskClient) -> None:
    body = published.get("/api/v1/search", query_string={"q": "株市监强(2026)8号", "type": "coercion"}).get_json()
    assert [(r["type"], r["title"]) for r in body["results"]] == [("coercion", "株市监强〔2026〕8号")]
    assert published.get("/api/v1/search", query_string={"q": "株城管强〔2026〕2号"}).get_json()["results"] == []
    profile = published.get("/api/v1/subjects/91430200MA4L0A1B7K").get_json()
    entry = profile["coercions"][0]
    assert (entry["decision_no"], entry["coercion_types"], entry["state"]) == (
        "株市监强〔2026〕8号", ["查封场所、设施或者财物", "扣押财物"], "in_force")  # fmt: skip


def test_the_subject_page_counts_and_lists_the_coercion(published: FlaskClient) -> None:
    page = published.get("/subjects/91430200MA4L0A1B7K").get_data(as_text=True)
    assert '<span class="num">1</span> 行政强制</a></li>' in page
    assert "行政强制决定\n" in page  # the timeline names the kind, not the record's first 强制类别
    sealed = _by_doc("株市监强〔2026〕8号")
    assert f'href="/coercions/{sealed.id}"' in page
