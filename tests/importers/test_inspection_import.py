"""检查结果 (data-standard §14): the example file, every rejected rule with its exact reason, the 01–06 result codes,
publicity (DOMAIN §19: organisations and 个体工商户 only, until 检查日期 + 1 year), outputs, search and the API."""

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
from portal.models import Inspection
from tests.conftest import DATA, TODAY
from tests.importers.helpers import example_rows, read_rejects, write_csv

pytestmark = pytest.mark.usefixtures("app")
NO = "株市监检〔2026〕15号"


def _import(tmp_path: Path, rows: list[dict[str, str]], name: str = "inspection.csv") -> tuple[str, list[dict]]:
    path = write_csv(tmp_path / name, "inspection", rows)
    result = import_file(db.session, path, "inspection", today=TODAY)
    return result.summary, read_rejects(path)


def _by_no(doc_no: str) -> Inspection:
    return db.session.scalars(sa.select(Inspection).where(Inspection.doc_no == doc_no)).one()


def test_the_standard_example_imports_with_the_section_19_windows(tmp_path: Path) -> None:
    assert _import(tmp_path, example_rows("inspection")) == ("imported=3 updated=0 rejected=0", [])
    food = _by_no(NO)
    assert (food.check_type, food.result, food.status) == ("双随机抽查", "责令改正", RecordStatus.PUBLISHED)
    assert (food.public_from, food.public_until) == (date(2026, 5, 12), date(2027, 5, 12))  # 检查日期 + 1 year
    shop = _by_no("荷市监检〔2026〕7号")
    assert (shop.result, shop.public_until) == ("未发现问题", date(2027, 8, 20))  # code 01
    person = _by_no("株交检〔2026〕2号")
    assert (person.status, person.hold_reason) == (RecordStatus.NOT_PUBLIC, "政务共享")


@pytest.mark.parametrize(
    ("code", "result"), [("02", "责令改正"), ("03", "行政指导"), ("06", "其他"), ("０４", "行政处罚")]
)
def test_result_codes_are_synonyms_of_their_names(tmp_path: Path, code: str, result: str) -> None:
    rows = example_rows("inspection")
    rows[0] = dict(rows[0], 检查结果类型=code)
    _import(tmp_path, rows)
    assert _by_no(NO).result == result


def test_the_key_is_authority_and_number_and_a_change_is_a_new_version(tmp_path: Path) -> None:
    rows = example_rows("inspection")
    _import(tmp_path, rows)
    assert _import(tmp_path, rows, "again.csv")[0] == "imported=0 updated=0 rejected=0"
    rows[0] = dict(rows[0], 检查编号="株市监检(2026)15号", 后续处置="已复查")  # the same number, normalised
    assert _import(tmp_path, rows, "changed.csv")[0] == "imported=0 updated=1 rejected=0"
    changed = _by_no("株市监检(2026)15号")  # stored as given, keyed as normalised
    assert (changed.version, changed.follow_up) == (2, "已复查")
    other = dict(rows[1], 检查机关统一社会信用代码="11430200006123458Y")  # the same number of another authority
    assert _import(tmp_path, [other], "other.csv")[0] == "imported=1 updated=0 rejected=0"


def test_an_unknown_method_only_warns(tmp_path: Path) -> None:
    rows = example_rows("inspection")
    rows[0] = dict(rows[0], 检查方式="飞行检查")
    path = write_csv(tmp_path / "i.csv", "inspection", rows)
    result = import_file(db.session, path, "inspection", today=TODAY)
    assert result.summary == "imported=3 updated=0 rejected=0"
    assert any(w.startswith("第2行 警告：检查方式取值无效：飞行检查") for w in result.warnings)
    assert _by_no(NO).method == "飞行检查"


TYPES = "双随机抽查、重点检查、专项检查、日常检查、其他"
RESULTS = "未发现问题、责令改正、行政指导、行政处罚、行政强制、其他，或代码01至06"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"检查编号": ""}, "缺少必填字段：检查编号"),
        ({"检查类别": "随机抽查"}, f"检查类别取值无效：随机抽查（允许：{TYPES}）"),
        ({"检查类别": ""}, "缺少必填字段：检查类别"),
        ({"检查事项": ""}, "缺少必填字段：检查事项"),
        ({"检查事项": "项" * 10_001}, "字段超长：检查事项（最多10000字）"),
        ({"检查日期": ""}, "缺少必填字段：检查日期"),
        ({"检查日期": "2026-13-01"}, "日期无效：检查日期=2026-13-01"),
        ({"检查日期": "2026-11-24"}, "检查日期不得晚于导入日期"),
        ({"检查结果类型": "07"}, f"检查结果类型取值无效：07（允许：{RESULTS}）"),
        ({"检查结果类型": "合格"}, f"检查结果类型取值无效：合格（允许：{RESULTS}）"),
        ({"检查结论": ""}, "缺少必填字段：检查结论"),
        ({"检查机关": ""}, "缺少必填字段：检查机关"),
        ({"检查机关统一社会信用代码": "1143"}, "统一社会信用代码长度或字符无效：检查机关统一社会信用代码"),
        ({"数据来源单位": ""}, "缺少必填字段：数据来源单位"),
        ({"行政相对人名称": ""}, "缺少必填字段：行政相对人名称"),
        ({"行政相对人类别": "公司"}, "行政相对人类别取值无效：公司"),
        ({"行政相对人代码_1(统一社会信用代码)": ""}, "法人及非法人组织须至少填写一个行政相对人代码"),
        ({"检查任务名称": "任" * 257}, "字段超长：检查任务名称（最多256字）"),
        ({"检查结论": "结论\x1b"}, "含非法控制字符：检查结论"),
    ],
)
def test_a_defective_row_is_rejected_with_its_line_and_reason(tmp_path: Path, changes: dict, reason: str) -> None:
    rows = example_rows("inspection")
    rows[0] = dict(rows[0], **changes)
    summary, rejects = _import(tmp_path, rows)
    assert summary == "imported=2 updated=0 rejected=1"
    assert [r["行号"] for r in rejects] == ["2"]
    assert reason in rejects[0]["原因"]


def test_a_person_needs_a_valid_id_and_the_reason_masks_nothing_in_full(tmp_path: Path) -> None:
    rows = example_rows("inspection")
    rows[2] = dict(rows[2], 证件号码="430202198503121234")
    summary, rejects = _import(tmp_path, rows)
    assert summary == "imported=2 updated=0 rejected=1"
    assert rejects[0]["原因"] == "证件号码无效（校验位）：证件号码"


@pytest.fixture
def published(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FlaskClient:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    path = Path(shutil.copy(DATA / "standard-inspection.csv", tmp_path / "inspection.csv"))
    assert import_file(db.session, path, "inspection", today=TODAY).summary == "imported=3 updated=0 rejected=0"
    reindex(db.session, get_backend(app), TODAY)
    return app.test_client()


def test_the_record_page_shows_every_public_field_and_masks_persons(published: FlaskClient) -> None:
    food = _by_no(NO)
    page = published.get(f"/inspections/{food.id}", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    fields = (NO, "2026年食品经营者双随机抽查", "食品经营许可情况", "实地检查", "2026-05-12", "进货查验记录不全",
              "复查合格", "株洲市市场监督管理局", "11430200006123458Y", "2027-05-12")  # fmt: skip
    for value in fields:
        assert value in page
    assert "张三" not in page  # the legal representative, also inside the 检查结论
    assert "张*" in page
    assert "430202199001014565" not in page


def test_natural_persons_never_reach_pages_search_api_or_exports(published: FlaskClient) -> None:
    person = _by_no("株交检〔2026〕2号")
    assert published.get(f"/inspections/{person.id}").status_code == 404
    listing = published.get("/inspections").get_data(as_text=True)
    assert "网约车驾驶员从业资格" not in listing
    for fmt in ("csv", "xlsx"):
        assert published.get(f"/inspections/export.{fmt}").status_code == 200
    exported = published.get("/inspections/export.csv").get_data(as_text=True)
    assert NO in exported
    assert "株交检" not in exported
    assert "王小明" not in exported
    assert "张三" not in exported
    found = published.get("/api/v1/search", query_string={"q": "株交检〔2026〕2号"}).get_json()
    assert found["results"] == []


def test_the_listing_filters_by_type_result_department_and_year(published: FlaskClient) -> None:
    def page(**query: str) -> str:
        return published.get("/inspections", query_string=query).get_data(as_text=True)

    assert NO in page(category="双随机抽查")
    assert NO not in page(category="日常检查")
    assert "荷市监检" in page(state="未发现问题")
    assert "荷市监检" not in page(state="责令改正")
    assert NO in page(dept="11430200006123458Y")
    assert NO not in page(dept="1143020200712345X3")
    assert NO in page(year="2026")
    assert published.get("/inspections", query_string={"state": "' OR 1=1 --"}).status_code == 400


def test_the_number_finds_the_inspection_and_the_api_lists_it(published: FlaskClient) -> None:
    body = published.get("/api/v1/search", query_string={"q": NO, "type": "inspection"}).get_json()
    assert [(r["type"], r["title"]) for r in body["results"]] == [("inspection", NO)]
    entry = published.get("/api/v1/subjects/91430200MA4L0A1B7K").get_json()["inspections"][0]
    assert (entry["inspection_no"], entry["inspection_type"], entry["result"]) == (NO, "双随机抽查", "责令改正")
    assert entry["public_until"] == "2027-05-12"


def test_hostile_text_is_stored_as_given_shown_escaped_and_exported_defused(
    tmp_path: Path, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    rows = example_rows("inspection")
    long_text = "查" * 10_000  # exactly the limit
    rows[0] = dict(rows[0], 检查结论="<img src=x onerror=alert(1)>𠮷", 后续处置="@SUM(A1:A9)", 检查事项=long_text)
    assert _import(tmp_path, rows)[0] == "imported=3 updated=0 rejected=0"
    record = _by_no(NO)
    assert record.conclusion == "<img src=x onerror=alert(1)>𠮷"
    page = client.get(f"/inspections/{record.id}").get_data(as_text=True)
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;𠮷" in page
    assert long_text in page
    exported = client.get("/inspections/export.csv").get_data(as_text=True)
    assert "'@SUM(A1:A9)" in exported
