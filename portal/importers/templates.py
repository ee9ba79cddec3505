"""Import templates for departments: an XLSX per kind with the standard header and one example row (issue 22).

The example rows are the first data-standard §9 example of each kind (portal/data/import-examples.json); a kind
without one gets the header only. A second sheet lists each column and whether the header must have it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import BinaryIO

from portal.importers.formats import LONG_TEXT, Format

EXAMPLES_JSON = Path(__file__).resolve().parent.parent / "data" / "import-examples.json"


@cache
def _examples() -> dict[str, dict[str, str]]:
    with EXAMPLES_JSON.open(encoding="utf-8") as fh:
        return json.load(fh)


def example_row(kind: str) -> dict[str, str] | None:
    """The example row of a kind (column -> value), or None when the kind has none yet."""
    return _examples().get(kind)


def write_template(out: BinaryIO | Path, kind: str, fmt: Format) -> None:
    """Write the XLSX template of `kind` to a path or a binary file object."""
    from openpyxl import Workbook  # imported lazily, as in the readers
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = fmt.name_zh
    sheet.append(list(fmt.columns))
    example = example_row(kind)
    if example is not None:
        sheet.append([example.get(c, "") for c in fmt.columns])
    for index, column in enumerate(fmt.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=column in fmt.mandatory)
        sheet.column_dimensions[cell.column_letter].width = max(12, min(40, 2 * len(column) + 2))
        # Text columns: a code or 文号 typed into the template must not turn into a number or a date.
        sheet.column_dimensions[cell.column_letter].number_format = "@"
        if example is not None:
            sheet.cell(row=2, column=index).number_format = "@"
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("说明")
    notes.append(["列名", "表头必需", "长度上限", "说明"])
    for column in fmt.columns:
        limit = "10000字" if column in LONG_TEXT else "256字"
        notes.append([column, "是" if column in fmt.mandatory else "否", limit, "见数据标准及《导入指南》"])
    notes.append([])
    notes.append(["只读取第一个工作表；示例行导入前请删除或替换。日期写作2026-03-10；金额单位为万元。"])
    book.save(out)
