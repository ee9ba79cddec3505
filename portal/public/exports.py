"""CSV (UTF-8 with BOM, for Excel) and XLSX downloads of a filtered public listing.

Rows come from listing.export_rows (public_on) through the detail presenters and the kind's columns
(export_rows.py), so an export holds exactly the masked public fields of the detail pages, never an ID number.
Cells that a spreadsheet would run as a formula are prefixed with an apostrophe (CSV/formula injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import IO, Any

from openpyxl import Workbook

from portal import kinds
from portal.public.export_rows import Labels
from portal.public.presenters import PublicSubject, present_subject
from portal.tabular import cell_text, defuse_formula

# CSV streams row by row; openpyxl needs ~0.3 ms per row even in write-only mode, so XLSX stops earlier.
EXPORT_LIMITS = {"csv": 50_000, "xlsx": 20_000}
_CONTROL = {c: None for c in range(32) if c not in (9, 10, 13)}  # not allowed in XLSX, useless in CSV


def _cell(value: object) -> str:
    return defuse_formula(cell_text(value).translate(_CONTROL))  # control characters go first: "\x01=…" is "=…"


def _rows(kind: str, records: Iterable[tuple[Any, Any]], link: str) -> Iterator[list[str]]:
    spec = kinds.spec(kind)
    yield spec.export_headers()
    present, to_row, labels = spec.present_detail, spec.export_row, Labels()
    subjects: dict[int, PublicSubject] = {}  # a listing repeats subjects: mask each once
    for record, subject in records:
        public = subjects.get(subject.id)
        if public is None:
            public = subjects[subject.id] = present_subject(subject)
        yield [_cell(v) for v in to_row(present(record, subject, public), labels, link)]


def csv_chunks(kind: str, records: Iterable[tuple[Any, Any]], link: str) -> Iterator[str]:
    """The CSV text in chunks of ~500 rows, starting with the BOM that lets Excel read UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for n, row in enumerate(_rows(kind, records, link), start=1):
        writer.writerow(row)
        if n % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_file(kind: str, records: Iterable[tuple[Any, Any]], link: str, title: str) -> IO[bytes]:
    """An XLSX workbook (openpyxl write-only: rows are not kept as cell objects), rewound."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in _rows(kind, records, link):
        sheet.append(row)
    out = io.BytesIO()  # at most EXPORT_LIMITS["xlsx"] rows: a few MB
    workbook.save(out)
    out.seek(0)
    return out
