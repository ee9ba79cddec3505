"""Reasons that fit the value: a masked ID number and a year-only date say what is really wrong (issue 22)."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.extensions import db
from portal.importers.run import import_file
from tests.conftest import TODAY
from tests.importers.helpers import example_rows, read_rejects, write_csv

pytestmark = pytest.mark.usefixtures("app")
MASKED = "430202********1235"


def test_a_masked_id_number_is_rejected_as_masked_not_as_too_short(tmp_path: Path) -> None:
    rows = example_rows("penalty")
    rows[2]["证件号码"] = MASKED
    path = write_csv(tmp_path / "p.csv", "penalty", rows)
    result = import_file(db.session, path, "penalty", today=TODAY)
    assert result.summary == "imported=2 updated=0 rejected=1"
    rejects = read_rejects(path)
    assert [(r["行号"], r["原因"]) for r in rejects] == [("4", "证件号码已脱敏，无法校验：证件号码")]


def test_a_masked_legal_representative_id_only_warns(tmp_path: Path) -> None:
    rows = example_rows("penalty")
    rows[0]["法定代表人证件号码"] = "430202１９９０＊＊＊＊4565"  # full-width digits and stars, as some tools export
    path = write_csv(tmp_path / "p.csv", "penalty", rows)
    result = import_file(db.session, path, "penalty", today=TODAY)
    assert result.imported == 3
    assert "第2行 警告：证件号码已脱敏，无法校验：法定代表人证件号码" in result.warnings


@pytest.mark.parametrize("year", ["2025", "2025年", "2025年度"])
def test_a_year_only_listing_date_points_to_the_rating_kind(tmp_path: Path, year: str) -> None:
    rows = example_rows("list")
    rows[1]["列入日期"] = year
    path = write_csv(tmp_path / "l.csv", "list", rows)
    result = import_file(db.session, path, "list", today=TODAY)
    assert result.rejected == 1
    assert read_rejects(path)[0]["原因"] == (
        f"日期无效：列入日期={year}（只有年份：年度信用评价结果请按 --kind rating 导入，年份填在“评价年度”列）"
    )


def test_a_year_only_date_elsewhere_asks_for_a_full_date(tmp_path: Path) -> None:
    rows = example_rows("penalty")
    rows[0]["处罚决定日期"] = "2026"
    path = write_csv(tmp_path / "p.csv", "penalty", rows)
    import_file(db.session, path, "penalty", today=TODAY)
    assert read_rejects(path)[0]["原因"] == "日期无效：处罚决定日期=2026（只有年份：须为完整日期，如2026-03-10）"


def test_an_ordinary_bad_date_keeps_the_standard_reason(tmp_path: Path) -> None:
    rows = example_rows("list")
    rows[0]["列入日期"] = "2026-13-01"
    path = write_csv(tmp_path / "l.csv", "list", rows)
    import_file(db.session, path, "list", today=TODAY)
    assert read_rejects(path)[0]["原因"] == "日期无效：列入日期=2026-13-01"
