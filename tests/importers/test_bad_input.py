"""Every defect of data-standard.md rejects that row only, with its line number and the standard reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.importers.formats import PENALTY_FORMAT
from portal.importers.run import ImportFileError, import_file
from portal.models import ImportBatch, Penalty, RejectedRow
from tests.conftest import TODAY
from tests.importers.helpers import example_rows, read_rejects, write_csv

pytestmark = pytest.mark.usefixtures("app")


def one_bad_penalty(tmp_path: Path, **changes: str) -> tuple[object, list[dict[str, str]]]:
    rows = example_rows("penalty")
    rows[0] = dict(rows[0], **changes)
    path = write_csv(tmp_path / "bad.csv", "penalty", rows)
    result = import_file(db.session, path, "penalty", today=TODAY)
    return result, read_rejects(path)


USCC = "行政相对人代码_1(统一社会信用代码)"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"行政相对人名称": ""}, "缺少必填字段：行政相对人名称"),
        ({"行政相对人类别": "企业"}, "行政相对人类别取值无效：企业"),
        (
            {USCC: "91430200MA4L0A1B7", "行政相对人代码_2(工商注册号)": "430200000012345"},
            f"统一社会信用代码长度或字符无效：{USCC}",
        ),
        ({USCC: "91430200MA4L0A1BIK"}, f"统一社会信用代码长度或字符无效：{USCC}"),
        ({USCC: ""}, "法人及非法人组织须至少填写一个行政相对人代码"),
        ({"行政处罚决定书文号": " "}, "缺少必填字段：行政处罚决定书文号"),
        ({"处罚类别": "暂扣或者吊销许可证"}, "处罚类别取值无效：暂扣或者吊销许可证"),
        ({"处罚类别": "罚款、吊销营业执照"}, "请改为“吊销许可证件”"),
        ({"罚款金额(万元)": "-5"}, "金额无效：罚款金额(万元)=-5"),
        ({"罚款金额(万元)": "十五"}, "金额无效：罚款金额(万元)=十五"),
        ({"处罚决定日期": "2026-02-30"}, "日期无效：处罚决定日期=2026-02-30"),
        ({"处罚决定日期": "2026-12-01"}, "处罚决定日期不得晚于导入日期"),
        ({"处罚决定日期": "1949-09-30"}, "日期无效：处罚决定日期=1949-09-30"),
        ({"公示截止期": "2026-03-09"}, "公示截止期早于处罚决定日期"),
        ({"处罚有效期": "2025-01-01"}, "处罚有效期早于处罚决定日期"),
        ({"处罚机关统一社会信用代码": "123"}, "统一社会信用代码长度或字符无效：处罚机关统一社会信用代码"),
        ({"失信严重程度": "特别严重"}, "失信严重程度取值无效：特别严重"),
        ({"违法事实": "当事人\x07销售"}, "含非法控制字符：违法事实"),
        ({"违法事实": "长" * 10_001}, "字段超长：违法事实（最多10000字）"),
        ({"行政相对人名称": "名" * 257}, "字段超长：行政相对人名称（最多256字）"),
    ],
)
def test_a_defective_row_is_rejected_with_its_line_and_reason(tmp_path: Path, changes: dict, reason: str) -> None:
    result, rejects = one_bad_penalty(tmp_path, **changes)
    assert result.summary == "imported=2 updated=0 rejected=1"  # the other rows still import
    assert [r["行号"] for r in rejects] == ["2"]
    assert reason in rejects[0]["原因"]
    stored = db.session.scalars(sa.select(RejectedRow)).one()
    assert (stored.line_no, reason in stored.reasons) == (2, True)


def test_natural_person_needs_a_valid_id_and_the_reason_never_repeats_it(tmp_path: Path) -> None:
    rows = example_rows("penalty")
    rows[2]["证件号码"] = "430202198503121234"  # wrong check digit
    path = write_csv(tmp_path / "p.csv", "penalty", rows)
    import_file(db.session, path, "penalty", today=TODAY)
    rejects = read_rejects(path)
    assert rejects[0]["行号"] == "4"
    assert rejects[0]["原因"] == "证件号码无效（校验位）：证件号码"
    assert "430202198503121234" not in rejects[0]["原因"]


def test_a_minors_record_is_imported_but_never_public(tmp_path: Path) -> None:
    rows = example_rows("penalty")
    rows[2]["证件号码"] = "430211200906150029"  # born 2009-06-15: 16 on the decision date
    import_file(db.session, write_csv(tmp_path / "p.csv", "penalty", rows), "penalty", today=TODAY)
    penalty = db.session.scalars(sa.select(Penalty).where(Penalty.decision_no == "株城管罚〔2026〕3号")).one()
    assert (penalty.status.value, penalty.hold_reason) == ("not_public", "未成年人")


def test_a_bad_check_character_is_a_warning_not_a_rejection(tmp_path: Path) -> None:
    result, rejects = one_bad_penalty(tmp_path, **{USCC: "91430200MA4L0A1B7A"})
    assert result.summary == "imported=3 updated=0 rejected=0"
    assert rejects == []
    assert any(w.startswith("第2行 警告：") and "校验位" in w for w in result.warnings)


def test_the_same_natural_key_twice_in_a_file_rejects_the_later_row(tmp_path: Path) -> None:
    rows = example_rows("penalty")
    rows.append(dict(rows[0], **{"行政处罚决定书文号": "株市监罚(2026)15号", "备注": "重复"}))
    path = write_csv(tmp_path / "dup.csv", "penalty", rows)
    result = import_file(db.session, path, "penalty", today=TODAY)
    assert result.summary == "imported=3 updated=0 rejected=1"
    assert read_rejects(path)[0]["原因"] == "文件内重复：与第2行自然键相同"


def test_a_row_with_more_cells_than_the_header_is_rejected_only_if_the_extra_cells_hold_data(tmp_path: Path) -> None:
    header = list(PENALTY_FORMAT.columns)
    rows = example_rows("penalty")
    lines = [",".join(header)]
    for index, row in enumerate(rows):
        extra = [""] * 169 if index == 0 else ["x"] + [""] * 168  # 200 cells in all
        lines.append(",".join([row[c].replace(",", "，").replace('"', "") for c in header] + extra))
    path = tmp_path / "wide.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_file(db.session, path, "penalty", today=TODAY)
    assert result.rejected == 2
    assert result.imported == 1
    assert {r["原因"] for r in read_rejects(path)} == {"字段数多于表头"}


def test_quoted_fields_with_line_breaks_keep_the_starting_line_number(tmp_path: Path) -> None:
    rows = example_rows("penalty")
    rows[0]["违法事实"] = "第一行\n第二行\n第三行"
    rows[1]["处罚类别"] = "训诫"
    path = write_csv(tmp_path / "multi.csv", "penalty", rows)
    import_file(db.session, path, "penalty", today=TODAY)
    assert [r["行号"] for r in read_rejects(path)] == ["5"]  # row 1 spans lines 2–4


def test_blank_rows_are_skipped_and_not_counted(tmp_path: Path) -> None:
    rows = example_rows("penalty")
    path = write_csv(tmp_path / "blank.csv", "penalty", [rows[0], {}, rows[1]])
    result = import_file(db.session, path, "penalty", today=TODAY)
    assert result.summary == "imported=2 updated=0 rejected=0"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "文件为空"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20, "文件无法读取"),
        ("名称,金额\n甲,1\n".encode(), "表头无法识别"),
        ("行政相对人名称,行政相对人类别,行政相对人名称\n".encode(), "表头列重复：行政相对人名称"),
    ],
)
def test_a_file_that_cannot_be_read_imports_nothing(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        import_file(db.session, path, "penalty", today=TODAY)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ImportBatch)) == 0
    assert not Path(str(path) + ".rejects.csv").exists()


def test_a_missing_mandatory_column_names_it(tmp_path: Path) -> None:
    header = [c for c in PENALTY_FORMAT.columns if c != "处罚决定日期"]
    path = write_csv(tmp_path / "p.csv", "penalty", example_rows("penalty"), header=header)
    with pytest.raises(ImportFileError, match="表头缺少必需列：处罚决定日期"):
        import_file(db.session, path, "penalty", today=TODAY)


def test_header_only_file_imports_nothing_and_succeeds(tmp_path: Path) -> None:
    result = import_file(db.session, write_csv(tmp_path / "h.csv", "penalty", []), "penalty", today=TODAY)
    assert result.summary == "imported=0 updated=0 rejected=0"


def test_headers_are_matched_after_trimming_and_full_width_parentheses(tmp_path: Path) -> None:
    header = [f" {c.replace('(', '（').replace(')', '）')}\u3000" for c in PENALTY_FORMAT.columns]
    rows = [{h: r[c] for h, c in zip(header, PENALTY_FORMAT.columns, strict=True)} for r in example_rows("penalty")]
    path = write_csv(tmp_path / "fw.csv", "penalty", rows, header=header)
    assert import_file(db.session, path, "penalty", today=TODAY).imported == 3


def test_unknown_extra_and_missing_optional_columns_only_warn(tmp_path: Path) -> None:
    header = [c for c in PENALTY_FORMAT.columns if c != "备注"] + ["内部编号"]
    path = write_csv(tmp_path / "x.csv", "penalty", example_rows("penalty"), header=header)
    result = import_file(db.session, path, "penalty", today=TODAY)
    assert result.imported == 3
    assert any("未知列已忽略：内部编号" in w for w in result.warnings)
    assert any("缺少可选列" in w and "备注" in w for w in result.warnings)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_all_three_csv_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / f"{encoding}.csv", "permit", example_rows("permit"), encoding=encoding)
    result = import_file(db.session, path, "permit", today=TODAY)
    assert result.summary == "imported=3 updated=0 rejected=0"
    names = db.session.scalars(sa.select(sa.text("name")).select_from(sa.table("subjects"))).all()
    assert "株洲示例食品有限公司" in names


def test_a_fifty_megabyte_file_is_streamed_and_oversized_rows_are_rejected(tmp_path: Path) -> None:
    rows = example_rows("penalty")
    big = dict(rows[0], **{"违法事实": "超" * 12_000})
    path = tmp_path / "big.csv"
    write_csv(path, "penalty", [dict(big, **{"行政处罚决定书文号": f"大〔2026〕{i}号"}) for i in range(1500)] + rows)
    assert path.stat().st_size > 50_000_000
    result = import_file(db.session, path, "penalty", today=TODAY)
    assert result.summary == "imported=3 updated=0 rejected=1500"


def test_list_rows_use_current_categories_and_warn_on_unknown_list_names(tmp_path: Path) -> None:
    rows = example_rows("list")
    rows[0]["名单类别"] = "黑名单"
    rows[1]["名单名称"] = "本市自定义诚信名单"
    path = write_csv(tmp_path / "l.csv", "list", rows)
    result = import_file(db.session, path, "list", today=TODAY)
    assert result.summary == "imported=2 updated=0 rejected=1"
    assert "请改为“严重失信主体名单”" in read_rejects(path)[0]["原因"]
    assert any("名单名称不在目录中：本市自定义诚信名单" in w for w in result.warnings)


def test_permit_end_before_start_and_unknown_state_are_rejected(tmp_path: Path) -> None:
    rows = example_rows("permit")
    rows[0]["有效期至"] = "2025-01-01"
    rows[1]["当前状态"] = "有效"
    rows[2]["许可类别"] = "一般"
    path = write_csv(tmp_path / "p.csv", "permit", rows)
    result = import_file(db.session, path, "permit", today=TODAY)
    reasons = [r["原因"] for r in read_rejects(path)]
    assert result.rejected == 3
    assert reasons[0] == "有效期至早于有效期自"
    assert reasons[1].startswith("当前状态取值无效：有效")
    assert reasons[2].startswith("许可类别取值无效：一般")


def test_a_failure_mid_import_rolls_back_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from portal.importers import upsert

    def explode(self):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(upsert.RecordWriter, "finish", explode)
    path = write_csv(tmp_path / "p.csv", "penalty", example_rows("penalty"))
    with pytest.raises(RuntimeError):
        import_file(db.session, path, "penalty", today=TODAY)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Penalty)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ImportBatch)) == 0
    assert not list(tmp_path.glob("*.rejects.csv*"))


def test_dates_in_every_documented_format_are_read(tmp_path: Path) -> None:
    rows = example_rows("penalty")
    formats = ["2026/3/10", "2026.03.10", "20260310", "2026年3月10日", "2026-03-10 09:30"]
    variants = [
        dict(rows[0], **{"处罚决定日期": f, "行政处罚决定书文号": f"日〔2026〕{i}号"}) for i, f in enumerate(formats)
    ]
    import_file(db.session, write_csv(tmp_path / "d.csv", "penalty", variants), "penalty", today=TODAY)
    assert set(db.session.scalars(sa.select(Penalty.decided_on))) == {date(2026, 3, 10)}
