"""Writes tests/data/penalty-excel97.xls, the Excel 97–2003 fixture of tests/importers/test_xls.py (run once, by hand).

No maintained pure-Python library writes .xls, so the fixture is made here as XLSX with openpyxl and converted by
LibreOffice (`soffice --headless --convert-to xls`), which writes real BIFF8 in an OLE2 container as Excel does:

    python tests/data/make_penalty_xls.py   # needs soffice on PATH; commit the .xls it writes

The rows are the data-standard §9 penalty examples with typed cells: a date cell, an Excel serial number as a plain
number, a date cell on row 4, numeric amounts; a second sheet that must be ignored.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import tempfile
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent


def main() -> None:
    with (HERE / "standard-penalty.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = [dict(zip(header, row, strict=True)) for row in reader]
    typed: list[dict[str, object]] = [
        {"处罚决定日期": datetime(2026, 3, 10), "罚款金额(万元)": 15, "没收违法所得、没收非法财物的金额(万元)": 0.82},
        {"处罚决定日期": 46114},  # Excel serial of 2026-04-02 in a number cell
        {"处罚决定日期": date(2026, 5, 5), "罚款金额(万元)": 0.1},
    ]
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row, cells in zip(rows, typed, strict=True):
        sheet.append([cells.get(c, row[c] or None) for c in header])
    for cell in (sheet["W2"], sheet["W4"]):  # 处罚决定日期 as date cells, as Excel shows them
        cell.number_format = "yyyy-mm-dd"
    book.create_sheet("说明").append(["this sheet is ignored"])
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "penalty-excel97.xlsx"
        book.save(source)
        soffice = shutil.which("soffice")
        if soffice is None:
            raise SystemExit("soffice (LibreOffice) is not on PATH")
        subprocess.run(  # noqa: S603 - fixed arguments, run by hand
            [soffice, "--headless", "--convert-to", "xls", "--outdir", str(HERE), str(source)],
            check=True,
            capture_output=True,
        )


if __name__ == "__main__":
    main()
