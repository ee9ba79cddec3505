"""Excel 97–2003 (.xls) files: read like XLSX (first sheet, date cells, serial dates), never taken for a binary CSV.

The fixture tests/data/penalty-excel97.xls is made by tests/data/make_penalty_xls.py (openpyxl + LibreOffice),
because no maintained pure-Python library writes .xls.
"""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.importers.readers import OLE2_MAGIC, open_table
from portal.importers.run import ImportFileError, import_file
from portal.models import Penalty
from tests.conftest import DATA, TODAY
from tests.importers.helpers import read_rejects

pytestmark = pytest.mark.usefixtures("app")
FIXTURE = DATA / "penalty-excel97.xls"


def test_the_fixture_is_a_real_excel_97_file() -> None:
    assert FIXTURE.read_bytes()[:8] == OLE2_MAGIC


def test_an_xls_file_reads_its_first_sheet_with_typed_cells() -> None:
    table = open_table(FIXTURE)
    try:
        rows = list(table.rows)
    finally:
        table.close()
    assert table.header[22] == "处罚决定日期"
    assert [line for line, _cells in rows] == [2, 3, 4]
    assert [cells[22] for _line, cells in rows] == [date(2026, 3, 10), 46114, date(2026, 5, 5)]
    assert rows[0][1][19] == 15  # a whole number cell reads as an int, like XLSX
    assert rows[1][1][19] is None  # an empty cell is None, not ""


def test_an_xls_file_imports_like_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "p.xls"
    shutil.copyfile(FIXTURE, path)
    result = import_file(db.session, path, "penalty", today=TODAY)
    assert result.summary == "imported=3 updated=0 rejected=0"
    dates = set(db.session.scalars(sa.select(Penalty.decided_on)))
    assert dates == {date(2026, 3, 10), date(2026, 4, 2), date(2026, 5, 5)}
    amounts = dict(db.session.execute(sa.select(Penalty.decision_no, Penalty.confiscated_amount)).all())
    assert amounts["株市监罚〔2026〕15号"] == Decimal("0.82")
    assert read_rejects(path) == []


def test_a_broken_ole2_file_is_an_unreadable_xls_not_a_binary_text_file(tmp_path: Path) -> None:
    path = tmp_path / "p.xls"
    path.write_bytes(OLE2_MAGIC + bytes(range(256)) * 8)
    with pytest.raises(ImportFileError, match="不是有效的 XLS 文件") as caught:
        import_file(db.session, path, "penalty", today=TODAY)
    assert "二进制" not in str(caught.value)
