"""XLSX files: first sheet, date cells, Excel serial dates and numbers read without float noise."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from portal.extensions import db
from portal.importers.formats import PENALTY_FORMAT
from portal.importers.run import ImportFileError, import_file
from portal.models import Penalty
from tests.conftest import TODAY
from tests.importers.helpers import example_rows, read_rejects

pytestmark = pytest.mark.usefixtures("app")


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(list(PENALTY_FORMAT.columns))
    for row in rows:
        sheet.append(row)
    book.create_sheet("说明").append(["this sheet is ignored"])
    book.save(path)
    return path


def as_cells(row: dict[str, str], **typed: object) -> list[object]:
    return [typed.get(c, row[c]) for c in PENALTY_FORMAT.columns]


def test_xlsx_rows_with_typed_cells_import_like_csv(tmp_path: Path) -> None:
    rows = example_rows("penalty")
    cells = [
        as_cells(
            rows[0],
            **{
                "处罚决定日期": datetime(2026, 3, 10),
                "罚款金额(万元)": 15,
                "没收违法所得、没收非法财物的金额(万元)": 0.82,
            },
        ),
        as_cells(rows[1], **{"处罚决定日期": 46114}),  # Excel serial for 2026-04-02
        as_cells(rows[2], **{"处罚决定日期": date(2026, 5, 5), "罚款金额(万元)": 0.1}),
    ]
    path = write_xlsx(tmp_path / "p.xlsx", cells)
    result = import_file(db.session, path, "penalty", today=TODAY)
    assert result.summary == "imported=3 updated=0 rejected=0"
    amounts = dict(db.session.execute(sa.select(Penalty.decision_no, Penalty.confiscated_amount)).all())
    assert amounts["株市监罚〔2026〕15号"] == Decimal("0.82")
    dates = set(db.session.scalars(sa.select(Penalty.decided_on)))
    assert dates == {date(2026, 3, 10), date(2026, 4, 2), date(2026, 5, 5)}
    assert read_rejects(path) == []  # rejects file written next to the XLSX too


def test_xlsx_rejects_carry_the_sheet_row_number(tmp_path: Path) -> None:
    rows = example_rows("penalty")
    cells = [as_cells(rows[0]), as_cells(rows[1], **{"处罚决定日期": 30})]  # serial < 61 is rejected
    path = write_xlsx(tmp_path / "p.xlsx", cells)
    result = import_file(db.session, path, "penalty", today=TODAY)
    assert result.rejected == 1
    assert read_rejects(path)[0]["行号"] == "3"


def test_a_broken_zip_is_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"garbage" * 100)
    with pytest.raises(ImportFileError, match="不是有效的 XLSX 文件"):
        import_file(db.session, path, "penalty", today=TODAY)
