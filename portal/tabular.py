"""Cells of the CSV/XLSX files the site hands out: one text form per value and one CSV-injection guard.

A spreadsheet runs a cell that starts with = + - @ (or a tab/CR) as a formula, so such text gets a leading
apostrophe. Every export (public listings, statistics, staff exports, 联合奖惩 files) writes its cells through here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value: object) -> str:
    """None → "", dates as YYYY-MM-DD, decimals without exponent or trailing zeros, enums by value."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(getattr(value, "value", value))


def defuse_formula(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def safe_cell(value: object) -> str:
    return defuse_formula(cell_text(value))


def csv_document(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A whole CSV file: UTF-8 BOM (so Excel reads UTF-8), CRLF line ends, every cell through safe_cell."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return out.getvalue()
