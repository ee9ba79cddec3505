"""Cells of every CSV/XLSX the site hands out: text forms and the CSV-injection guard (portal/tabular.py)."""

import csv
import io
from datetime import date
from decimal import Decimal

from portal.tabular import csv_document, safe_cell


def test_cells_that_a_spreadsheet_would_run_are_neutralised() -> None:
    assert safe_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert safe_cell("-1+2") == "'-1+2"
    assert safe_cell(date(2026, 1, 2)) == "2026-01-02"
    assert safe_cell(None) == ""
    assert safe_cell(Decimal("15.500000")) == "15.5"


def test_a_csv_document_has_a_bom_crlf_and_defused_cells() -> None:
    text = csv_document(["名称", "金额"], [["@SUM(A1)", Decimal("1.20")], ["株洲", 3]])
    assert text.startswith("\ufeff")
    assert "\r\n" in text
    assert list(csv.reader(io.StringIO(text.removeprefix("\ufeff")))) == [
        ["名称", "金额"], ["'@SUM(A1)", "1.2"], ["株洲", "3"],
    ]
