"""Headers as departments write them: spacing and full-width variants, title rows above, total and note rows below,
and a header that does not match answered with what to change (issue 22)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from portal import kinds
from portal.extensions import db
from portal.importers.formats import PENALTY_FORMAT
from portal.importers.run import ImportFileError, import_file
from portal.models import Penalty
from tests.conftest import TODAY
from tests.importers.helpers import example_rows, read_rejects

pytestmark = pytest.mark.usefixtures("app")
COLUMNS = list(PENALTY_FORMAT.columns)


def write_lines(path: Path, lines: list[list[object]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(lines)
    return path


def data_lines() -> list[list[object]]:
    return [[row[c] for c in COLUMNS] for row in example_rows("penalty")]


def spaced(column: str) -> str:
    """A header cell as real exports write it: spaces around and inside the parentheses, full-width forms."""
    return column.replace("(", " （ ").replace(")", " ） ").replace("_", "＿")


def test_spaces_and_full_width_forms_around_and_inside_parentheses_are_tolerated(tmp_path: Path) -> None:
    header = [spaced(c) for c in COLUMNS]
    assert header[2] == "行政相对人代码＿1 （ 统一社会信用代码 ） "
    path = write_lines(tmp_path / "p.csv", [header, *data_lines()])
    result = import_file(db.session, path, "penalty", today=TODAY)
    assert result.summary == "imported=3 updated=0 rejected=0"
    assert not any("未知列" in w for w in result.warnings)


def test_title_rows_above_the_header_are_skipped_with_a_warning(tmp_path: Path) -> None:
    lines = [
        ["株洲市市场监督管理局行政处罚信息公示表"],
        ["填报单位：株洲市市场监督管理局", "", "单位：万元"],
        COLUMNS,
        *data_lines(),
    ]
    lines[4][COLUMNS.index("处罚决定日期")] = "2026-02-30"  # a bad row keeps its physical line number
    path = write_lines(tmp_path / "titled.csv", lines)
    result = import_file(db.session, path, "penalty", today=TODAY)
    assert result.summary == "imported=2 updated=0 rejected=1"
    assert "第1行 警告：第1至2行为表头上方的标题，已跳过" in result.warnings
    rejects = read_rejects(path)
    assert [r["行号"] for r in rejects] == ["5"]
    assert list(rejects[0])[2:] == COLUMNS  # the rejects file repeats the real header, not the title


def test_an_xlsx_title_row_with_a_merged_cell_and_a_blank_first_row_is_skipped(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append([])
    sheet.append(["行政处罚信息公示（2026年第三季度）"])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(COLUMNS))
    sheet.append([spaced(c) for c in COLUMNS])
    for row in data_lines():
        sheet.append(row)
    path = tmp_path / "titled.xlsx"
    book.save(path)
    result = import_file(db.session, path, "penalty", today=TODAY)
    assert result.summary == "imported=3 updated=0 rejected=0"
    assert "第2行 警告：第2行为表头上方的标题，已跳过" in result.warnings


def test_trailing_total_and_note_rows_are_skipped_with_a_warning(tmp_path: Path) -> None:
    notes = [["合计", "3条"], ["注：本表数据截至2026年11月20日"], ["填报人：张三", "联系电话：0731-12345678"]]
    lines = [COLUMNS, *data_lines(), [], *notes]
    path = write_lines(tmp_path / "notes.csv", lines)
    result = import_file(db.session, path, "penalty", today=TODAY)
    assert result.summary == "imported=3 updated=0 rejected=0"
    skipped = [w for w in result.warnings if "表尾合计或说明行已跳过" in w]
    assert skipped == [
        "第6行 警告：表尾合计或说明行已跳过：合计",
        "第7行 警告：表尾合计或说明行已跳过：注：本表数据截至2026年11月20日",
        "第8行 警告：表尾合计或说明行已跳过：填报人：张三",
    ]
    assert read_rejects(path) == []


def test_a_note_like_row_followed_by_records_is_a_record_and_meets_the_row_rules(tmp_path: Path) -> None:
    rows = data_lines()
    path = write_lines(tmp_path / "mid.csv", [COLUMNS, rows[0], ["合计", "1条"], rows[1], rows[2]])
    result = import_file(db.session, path, "penalty", today=TODAY)
    assert result.summary == "imported=3 updated=0 rejected=1"
    assert read_rejects(path)[0]["行号"] == "3"
    assert not any("表尾" in w for w in result.warnings)


def test_a_title_only_above_an_unknown_header_diagnoses_the_header_row(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "other.csv", [["某某表"], ["姓名", "年龄", "城市"], ["张三", "30", "株洲"]])
    with pytest.raises(ImportFileError) as caught:
        import_file(db.session, path, "penalty", today=TODAY)
    assert str(caught.value) == "表头无法识别：不是行政处罚文件格式（见数据标准）；未识别的列：姓名、年龄、城市"


def test_a_column_that_is_no_alias_is_never_mapped_and_the_closest_name_is_offered(tmp_path: Path) -> None:
    header = ["违法事实描述" if c == "违法事实" else "处罚类别1" if c == "处罚类别" else c for c in COLUMNS]
    path = write_lines(tmp_path / "near.csv", [header, *data_lines()])
    with pytest.raises(ImportFileError) as caught:
        import_file(db.session, path, "penalty", today=TODAY)
    assert str(caught.value) == (
        "表头缺少必需列：违法事实、处罚类别；未识别的列：违法事实描述（是否为：违法事实？）、处罚类别1（是否为：处罚类别？）"
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Penalty)) == 0


def test_an_unknown_optional_column_warns_with_the_closest_name(tmp_path: Path) -> None:
    header = ["备注说明" if c == "备注" else c for c in COLUMNS]
    path = write_lines(tmp_path / "note.csv", [header, *data_lines()])
    result = import_file(db.session, path, "penalty", today=TODAY)
    assert result.imported == 3
    assert "第1行 警告：未知列已忽略：备注说明（是否为：备注？）" in result.warnings


def test_an_implied_id_type_shows_in_the_rejects_file_under_its_own_name(tmp_path: Path) -> None:
    columns = [c for c in COLUMNS if c != "证件类型"]
    header = ["行政相对人代码_5(居民身份证号)" if c == "证件号码" else c for c in columns]
    rows = example_rows("penalty")
    rows[2]["证件号码"] = "430202198503121234"  # wrong check digit: checked as a 身份证 number
    path = write_lines(tmp_path / "old.csv", [header, *[[r[c] for c in columns] for r in rows]])
    result = import_file(db.session, path, "penalty", today=TODAY)
    assert result.summary == "imported=2 updated=0 rejected=1"
    rejects = read_rejects(path)
    assert rejects[0]["原因"] == "证件号码无效（校验位）：证件号码"
    assert rejects[0]["证件类型（按表头推定）"] == "身份证"
    assert list(rejects[0])[-1] == "证件类型（按表头推定）"


def test_a_file_of_another_kind_names_the_kind_to_use(tmp_path: Path) -> None:
    permit_columns = list(kinds.spec("permit").import_format.columns)
    rows = [[r[c] for c in permit_columns] for r in example_rows("permit")]
    path = write_lines(tmp_path / "permits.csv", [permit_columns, *rows])
    with pytest.raises(ImportFileError) as caught:
        import_file(db.session, path, "penalty", today=TODAY)
    message = str(caught.value)
    assert message.startswith("表头缺少必需列：行政处罚决定书文号、")
    assert message.endswith("；看起来是行政许可文件：请用 --kind permit")
