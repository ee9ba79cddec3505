"""信用评价结果 (data-standard §11): the example file, every rejected rule with its exact reason, publicity (DOMAIN §19:
社会公开 only, until 有效期至 or the scheme's default), a newer rating superseding the older, outputs and search."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.importers.formats_rated import RATING_FORMAT
from portal.importers.run import import_file
from portal.indexing.backend import get_backend
from portal.indexing.outbox import reindex
from portal.models import Rating, SearchOutbox
from tests.conftest import DATA, TODAY
from tests.importers.helpers import example_rows, read_rejects, write_csv

pytestmark = pytest.mark.usefixtures("app")
FOOD = "91430200MA4L0A1B7K"
# 海关信用 of the same company: valid until changed (a fourth row beside the three of the example file)
CUSTOMS = {
    "评价体系": "海关信用",
    "评价对象名称": "株洲示例食品有限公司",
    "主体类别": "法人及非法人组织",
    "统一社会信用代码": FOOD,
    "评价等级": "高级认证企业",
    "评价日期": "2025-09-10",
    "评价单位": "株洲海关",
    "评价单位统一社会信用代码": "11430200MB1234569G",
    "评价依据": "《海关注册登记和备案企业信用管理办法》",
    "公开类型": "社会公开",
    "数据来源单位": "株洲海关",
    "数据来源单位统一社会信用代码": "11430200MB1234569G",
}


def examples() -> list[dict[str, str]]:
    return [*example_rows("rating"), CUSTOMS]


def _import(tmp_path: Path, rows: list[dict[str, str]], name: str = "rating.csv", today: date = TODAY):
    path = write_csv(tmp_path / name, "rating", rows)
    result = import_file(db.session, path, "rating", today=today)
    return result.summary, read_rejects(path)


def _by_scheme(scheme: str) -> list[Rating]:
    query = sa.select(Rating).where(Rating.scheme == scheme).order_by(Rating.rated_on)
    return list(db.session.scalars(query.execution_options(populate_existing=True)))


def test_the_standard_example_imports_with_the_section_11_windows(tmp_path: Path) -> None:
    assert _import(tmp_path, examples()) == ("imported=4 updated=0 rejected=0", [])
    [tax] = _by_scheme("纳税信用")
    assert (tax.grade, tax.year, str(tax.score), tax.status) == ("A", 2025, "95.50", RecordStatus.PUBLISHED)
    assert (tax.public_from, tax.public_until) == (date(2026, 4, 15), date(2027, 4, 14))  # + 1 year − 1 day
    assert tax.doc_no == "纳税信用 2025年度"  # what names it to people (objection forms, dashboards)
    [green] = _by_scheme("环保信用")
    assert (green.grade, green.year, green.public_until) == ("绿", None, date(2027, 2, 28))
    [customs] = _by_scheme("海关信用")
    assert customs.public_until is None  # until changed
    [other] = _by_scheme("其他行业信用评价")
    assert (other.scheme_note, other.hold_reason) == ("建筑市场主体信用评价", "政务共享")
    assert other.status is RecordStatus.NOT_PUBLIC
    assert other.public_until == date(2027, 6, 29)  # 有效期至 as given


def test_reimporting_changes_nothing_and_a_new_grade_of_the_same_year_is_a_version(tmp_path: Path) -> None:
    rows = examples()
    _import(tmp_path, rows)
    assert _import(tmp_path, rows, "again.csv")[0] == "imported=0 updated=0 rejected=0"
    rows[0] = dict(rows[0], 评价等级="B", 评价分数="80")
    assert _import(tmp_path, rows, "corrected.csv")[0] == "imported=0 updated=1 rejected=0"
    [tax] = _by_scheme("纳税信用")
    assert (tax.version, tax.grade, tax.public_until) == (2, "B", date(2027, 4, 14))


def test_a_newer_rating_of_the_same_scheme_supersedes_the_older(tmp_path: Path) -> None:
    rows = examples()
    _import(tmp_path, rows)
    newer = dict(rows[0], 评价等级="M", 评价年度="2026", 评价日期="2026-11-20")
    assert _import(tmp_path, [newer], "2026.csv")[0] == "imported=1 updated=0 rejected=0"
    old, new = _by_scheme("纳税信用")
    assert (old.superseded_on, old.public_until) == (date(2026, 11, 20), date(2026, 11, 19))  # ends the day before
    assert (new.superseded_on, new.public_until) == (None, date(2027, 11, 19))
    queued = db.session.scalars(sa.select(SearchOutbox.record_id).where(SearchOutbox.record_kind == "rating")).all()
    assert old.id in queued  # the search index drops the superseded rating too
    # another scheme of the same subject is not superseded
    [customs] = _by_scheme("海关信用")
    assert (customs.superseded_on, customs.public_until) == (None, None)


def test_an_older_rating_imported_after_the_newer_is_superseded_at_once(tmp_path: Path) -> None:
    customs = CUSTOMS
    changed = dict(customs, 评价等级="常规企业", 评价日期="2026-10-01")
    _import(tmp_path, [changed], "new.csv")
    _import(tmp_path, [customs], "old.csv")  # 2025-09-10, arrives later
    old, new = _by_scheme("海关信用")
    assert (old.grade, old.public_until) == ("高级认证企业", date(2026, 9, 30))
    assert (new.grade, new.public_until) == ("常规企业", None)


def test_a_withdrawn_newer_rating_supersedes_nothing(tmp_path: Path) -> None:
    rows = examples()
    _import(tmp_path, [rows[0]])
    newer = dict(rows[0], 评价等级="D", 评价年度="2026", 评价日期="2026-11-20")
    _import(tmp_path, [newer], "2026.csv")
    db.session.execute(sa.update(Rating).where(Rating.grade == "D").values(status=RecordStatus.WITHDRAWN))
    db.session.commit()
    _import(tmp_path, [dict(rows[0], 备注="重新报送")], "again.csv")  # touches the pair: recomputed
    old, _new = _by_scheme("纳税信用")
    assert (old.superseded_on, old.public_until) == (None, date(2027, 4, 14))


SCHEMES = "纳税信用、海关信用、环保信用、公共信用综合评价、其他行业信用评价"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"评价体系": "信用评级"}, f"评价体系取值无效：信用评级（允许：{SCHEMES}）"),
        ({"评价体系": ""}, "缺少必填字段：评价体系"),
        ({"评价对象名称": ""}, "缺少必填字段：评价对象名称"),
        ({"主体类别": "自然人"}, "主体类别取值无效：自然人（允许：法人及非法人组织、个体工商户）"),
        ({"主体类别": "企业"}, "主体类别取值无效：企业（允许：法人及非法人组织、个体工商户）"),
        ({"统一社会信用代码": ""}, "缺少必填字段：统一社会信用代码"),
        ({"统一社会信用代码": "91430200MA4L0A1B7"}, "统一社会信用代码长度或字符无效：统一社会信用代码"),
        ({"评价等级": "AAA"}, "评价等级取值无效：AAA（允许：A、B、M、C、D）"),
        ({"评价等级": "绿"}, "评价等级取值无效：绿（允许：A、B、M、C、D）"),
        ({"评价等级": ""}, "缺少必填字段：评价等级"),
        ({"评价分数": "-1"}, "评价分数取值无效：-1（允许：0至1000的数值）"),
        ({"评价分数": "九十"}, "评价分数取值无效：九十（允许：0至1000的数值）"),
        ({"评价分数": "1000.5"}, "评价分数取值无效：1000.5（允许：0至1000的数值）"),
        ({"评价年度": ""}, "缺少必填字段：评价年度"),  # required for 纳税信用
        ({"评价年度": "25"}, "评价年度取值无效：25（允许：四位年份，如2025）"),
        ({"评价年度": "2027"}, "评价年度取值无效：2027（允许：四位年份，如2025）"),
        ({"评价日期": ""}, "缺少必填字段：评价日期"),
        ({"评价日期": "2026-02-30"}, "日期无效：评价日期=2026-02-30"),
        ({"评价日期": "2026-11-24"}, "评价日期不得晚于导入日期"),
        ({"有效期至": "2026-04-14"}, "有效期至早于评价日期"),
        ({"评价单位": ""}, "缺少必填字段：评价单位"),
        ({"评价单位统一社会信用代码": "X"}, "统一社会信用代码长度或字符无效：评价单位统一社会信用代码"),
        ({"公开类型": "不公开"}, "公开类型取值无效：不公开（允许：社会公开、政务共享）"),
        ({"数据来源单位": ""}, "缺少必填字段：数据来源单位"),
        ({"数据来源单位统一社会信用代码": ""}, "缺少必填字段：数据来源单位统一社会信用代码"),
        ({"评价体系": "其他行业信用评价", "评价等级": "B"}, "缺少必填字段：评价体系说明"),
        ({"备注": "备" * 10_001}, "字段超长：备注（最多10000字）"),
        ({"评价依据": "依" * 257}, "字段超长：评价依据（最多256字）"),
        ({"评价对象名称": "示例\x07公司"}, "含非法控制字符：评价对象名称"),
    ],
)
def test_a_defective_row_is_rejected_with_its_line_and_reason(tmp_path: Path, changes: dict, reason: str) -> None:
    rows = examples()
    rows[0] = dict(rows[0], **changes)
    summary, rejects = _import(tmp_path, rows)
    assert summary == "imported=3 updated=0 rejected=1"
    assert [r["行号"] for r in rejects] == ["2"]
    assert reason in rejects[0]["原因"]


def test_grades_are_nfkc_and_upper_cased_and_the_same_key_twice_is_a_duplicate(tmp_path: Path) -> None:
    rows = examples()
    rows[0] = dict(rows[0], 评价等级="Ａ")
    rows.append(dict(rows[0], 评价日期="2026-04-16"))  # same scheme, subject and year
    summary, rejects = _import(tmp_path, rows)
    assert summary == "imported=4 updated=0 rejected=1"
    assert (rejects[0]["行号"], rejects[0]["原因"]) == ("6", "文件内重复：与第2行自然键相同")
    assert _by_scheme("纳税信用")[0].grade == "A"


def test_hostile_text_is_stored_as_given_and_shown_escaped(
    tmp_path: Path, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    rows = examples()
    rows[0] = dict(rows[0], 评价依据="<script>alert(1)</script>", 备注='=HYPERLINK("http://x")')
    rows[1] = dict(rows[1], 评价对象名称="𠮷野家")
    assert _import(tmp_path, rows)[0] == "imported=4 updated=0 rejected=0"
    [tax] = _by_scheme("纳税信用")
    assert tax.basis == "<script>alert(1)</script>"
    page = client.get(f"/ratings/{tax.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "𠮷野家" in client.get("/ratings").get_data(as_text=True)
    exported = client.get("/ratings/export.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in exported


@pytest.fixture
def published(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FlaskClient:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    path = Path(shutil.copy(DATA / "standard-rating.csv", tmp_path / "rating.csv"))
    assert import_file(db.session, path, "rating", today=TODAY).summary == "imported=3 updated=0 rejected=0"
    customs = write_csv(tmp_path / "customs.csv", "rating", [CUSTOMS])
    assert import_file(db.session, customs, "rating", today=TODAY).summary == "imported=1 updated=0 rejected=0"
    reindex(db.session, get_backend(app), TODAY)
    return app.test_client()


def test_the_record_page_shows_every_public_field(published: FlaskClient) -> None:
    [tax] = _by_scheme("纳税信用")
    page = published.get(f"/ratings/{tax.id}", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    for value in ("株洲示例食品有限公司", FOOD, "95.5", "2025", "2026-04-15", "国家税务总局株洲市税务局",
                  "11430200MB1234567A", "《纳税信用管理办法》", "2027-04-14"):  # fmt: skip
        assert value in page


def test_government_only_ratings_never_reach_the_public(published: FlaskClient) -> None:
    [other] = _by_scheme("其他行业信用评价")
    assert published.get(f"/ratings/{other.id}").status_code == 404
    assert "建筑市场主体信用评价" not in published.get("/ratings").get_data(as_text=True)
    for fmt in ("csv", "xlsx"):
        assert published.get(f"/ratings/export.{fmt}").status_code == 200
    assert "建筑市场主体信用评价" not in published.get("/ratings/export.csv").get_data(as_text=True)
    found = published.get("/api/v1/search", query_string={"q": "株洲示例建设工程有限公司"}).get_json()
    assert found["results"] == []
    assert published.get("/api/v1/subjects/91430211MA4T1C2D3J").status_code == 404


def test_the_listing_filters_by_scheme_grade_department_and_year(published: FlaskClient) -> None:
    def names(**query: str) -> str:
        return published.get("/ratings", query_string=query).get_data(as_text=True)

    assert "荷塘区示例餐饮店" in names(category="环保信用")
    assert "荷塘区示例餐饮店" not in names(category="纳税信用")
    assert "株洲示例食品有限公司" in names(state="A")
    assert "株洲示例食品有限公司" not in names(state="绿")
    assert "荷塘区示例餐饮店" in names(dept="11430200MB1234568D")
    assert "荷塘区示例餐饮店" not in names(year="2025")
    bad = published.get("/ratings", query_string={"state": "<script>"})
    assert bad.status_code == 400
    assert "<script>" not in bad.get_data(as_text=True)


def test_a_superseded_rating_leaves_pages_search_and_api(published: FlaskClient, app: Flask, tmp_path: Path) -> None:
    newer = dict(examples()[0], 评价等级="C", 评价年度="2026", 评价日期="2026-11-20")
    path = write_csv(tmp_path / "new.csv", "rating", [newer])
    import_file(db.session, path, "rating", today=TODAY)
    reindex(db.session, get_backend(app), TODAY)
    old, new = _by_scheme("纳税信用")
    assert published.get(f"/ratings/{old.id}").status_code == 404
    assert published.get(f"/ratings/{new.id}").status_code == 200
    grades = [r["grade"] for r in published.get(f"/api/v1/subjects/{FOOD}").get_json()["ratings"]]
    assert sorted(grades) == ["C", "高级认证企业"]
    body = published.get("/api/v1/search", query_string={"q": "株洲示例食品有限公司", "type": "rating"}).get_json()
    assert sorted(r["id"] for r in body["results"]) == sorted([str(new.id), str(_by_scheme("海关信用")[0].id)])


def test_search_type_rating_and_the_subject_api(published: FlaskClient) -> None:
    body = published.get("/api/v1/search", query_string={"q": "荷塘区示例餐饮店", "type": "rating"}).get_json()
    assert [(r["type"], r["title"]) for r in body["results"]] == [("rating", "环保信用 2026-03-01")]
    entry = published.get("/api/v1/subjects/92430202MA4R2D5E1N").get_json()["ratings"][0]
    assert (entry["title"], entry["scheme"], entry["grade"]) == ("环保信用 2026-03-01", "环保信用", "绿")
    assert entry["year"] is None
    assert entry["public_until"] == "2027-02-28"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_the_cli_reads_bom_and_gb18030_files_and_rejects_a_foreign_header(
    runner: FlaskCliRunner, tmp_path: Path, encoding: str
) -> None:
    path = write_csv(tmp_path / "rating.csv", "rating", examples(), encoding=encoding)
    result = runner.invoke(args=["import", str(path), "--kind", "rating"])
    assert (result.exit_code, result.stdout.strip()) == (0, "imported=4 updated=0 rejected=0")
    again = runner.invoke(args=["import", str(path), "--kind", "rating"])
    assert again.stdout.strip() == "imported=0 updated=0 rejected=0"
    inspection = runner.invoke(args=["import", str(path), "--kind", "inspection"])
    assert inspection.exit_code == 2
    assert "检查编号" in inspection.stderr  # a missing mandatory column of the inspection format


def test_an_xlsx_file_imports_the_same(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    columns = list(RATING_FORMAT.columns)
    sheet.append(columns)
    for row in examples():
        sheet.append([row.get(c, "") for c in columns])
    sheet.cell(row=2, column=columns.index("评价年度") + 1, value=2025)  # a number cell
    sheet.cell(row=2, column=columns.index("评价日期") + 1, value=date(2026, 4, 15))  # a date cell
    path = tmp_path / "rating.xlsx"
    book.save(path)
    assert import_file(db.session, path, "rating", today=TODAY).summary == "imported=4 updated=0 rejected=0"
    [tax] = _by_scheme("纳税信用")
    assert (tax.year, tax.rated_on) == (2025, date(2026, 4, 15))
