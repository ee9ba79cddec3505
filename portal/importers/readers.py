"""CSV (UTF-8, UTF-8 with BOM, GB18030 — detected), XLSX and XLS (Excel 97–2003) readers yielding (line_no, cells)."""

from __future__ import annotations

import codecs
import csv
import io
import struct
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20
Cell = object  # str for CSV; str, int, float, bool, date or None for XLSX and XLS
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file container of Excel 97–2003 (BIFF8)
ProgressFn = Callable[[int], None]
LEADING_BLANK_ROWS = 10


class UnreadableFile(Exception):
    """The file cannot be read at all (exit 2 with a one-line message)."""


@dataclass
class TableReader:
    """Header cells plus an iterator of (line_no, cells); `close()` releases the file."""

    header: list[str]
    rows: Iterator[tuple[int, list[Cell]]]
    close: Callable[[], None]
    size: int  # progress units: bytes for CSV, rows for XLSX and XLS
    header_line: int = 1  # the line of `header`: a sheet's first non-blank row


def open_table(path: Path, progress: ProgressFn | None = None) -> TableReader:
    """Open CSV, XLSX or XLS by content (a ZIP container is XLSX, an OLE2 one XLS), check it is readable, read the
    header row."""
    if path.stat().st_size == 0:
        raise UnreadableFile("文件为空")
    with path.open("rb") as fh:
        magic = fh.read(8)
    if magic.startswith(b"PK\x03\x04"):
        return _open_xlsx(path)
    if magic == OLE2_MAGIC:
        return _open_xls(path)
    return _open_csv(path, progress)


def detect_encoding(path: Path) -> str:
    """data-standard §1: BOM -> UTF-8; else strict UTF-8 over the whole file; else GB18030; else unreadable."""
    with path.open("rb") as fh:
        head = fh.read(CHUNK)
    if b"\x00" in head:
        raise UnreadableFile("文件无法读取：不是文本文件（含二进制内容）")
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for encoding in ("utf-8", "gb18030"):
        if _decodes(path, encoding):
            return encoding
    raise UnreadableFile("文件无法读取：编码既不是 UTF-8 也不是 GB18030")


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


class _CountingReader(io.RawIOBase):
    """Wraps a binary file and reports bytes read, so CSV import can show a progress bar."""

    def __init__(self, raw: BinaryIO, progress: ProgressFn) -> None:
        self._raw = raw
        self._progress = progress

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self._progress(len(data))
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


def _open_csv(path: Path, progress: ProgressFn | None) -> TableReader:
    encoding = detect_encoding(path)
    raw: BinaryIO = path.open("rb")
    if progress is not None:
        raw = io.BufferedReader(_CountingReader(raw, progress), CHUNK)  # type: ignore[assignment]
    text = io.TextIOWrapper(raw, encoding=encoding, newline="")
    reader = csv.reader(text, strict=False)

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        end = reader.line_num
        for cells in reader:
            start, end = end + 1, reader.line_num
            yield start, list(cells)

    try:
        header = next(reader)
    except StopIteration:
        text.close()
        raise UnreadableFile("文件为空：没有表头行") from None
    except csv.Error as exc:
        text.close()
        raise UnreadableFile(f"文件无法读取：{exc}") from None
    return TableReader(header, _guard_csv(rows()), text.close, path.stat().st_size)


def _guard_csv(rows: Iterator[tuple[int, list[Cell]]]) -> Iterator[tuple[int, list[Cell]]]:
    try:
        yield from rows
    except csv.Error as exc:  # e.g. a field larger than the csv module's limit
        raise UnreadableFile(f"文件无法读取：{exc}") from None


def _open_xlsx(path: Path) -> TableReader:
    from openpyxl import load_workbook  # imported lazily: only XLSX imports pay for it

    # An open file, not the path: openpyxl refuses a path without an .xlsx suffix, and the staff upload page
    # stores the file under a fixed name (the type is read from the content, here as everywhere).
    fh = path.open("rb")
    try:
        book = load_workbook(fh, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        fh.close()
        raise UnreadableFile(f"文件无法读取：不是有效的 XLSX 文件（{type(exc).__name__}）") from None

    def close() -> None:
        book.close()
        fh.close()

    sheet = book.worksheets[0]
    values = ([_xlsx_cell(c) for c in cells] for cells in sheet.iter_rows(values_only=True))
    return _sheet_table(values, close, sheet.max_row or 0)


def _sheet_table(values: Iterator[list[Cell]], close: Callable[[], None], size: int) -> TableReader:
    """A spreadsheet's rows as a TableReader: row 1 is the header (title rows are found later, by the importer)."""
    header: list[str] | None = None
    line_no = 0
    for line_no, first in enumerate(values, start=1):  # noqa: B007 - line_no is used after the loop
        header = ["" if c is None else _header_text(c) for c in first]
        # A sheet may start with blank rows above its title (merged title cells leave row 1 blank in some tools).
        if any(h.strip() for h in header) or line_no >= LEADING_BLANK_ROWS:
            break
    if header is None or not any(h.strip() for h in header):
        close()
        raise UnreadableFile("文件为空：没有表头行")
    return TableReader(header, enumerate(values, start=line_no + 1), close, size, header_line=line_no)


def _header_text(value: Cell) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _xlsx_cell(value: object) -> Cell:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _open_xls(path: Path) -> TableReader:
    """Excel 97–2003 through xlrd, which reads exactly this format: the same cells as XLSX (data-standard §1)."""
    import xlrd  # imported lazily: only XLS imports pay for it

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
        sheet = book.sheet_by_index(0)
    except (xlrd.XLRDError, xlrd.compdoc.CompDocError, AssertionError, IndexError, struct.error, ValueError) as exc:
        raise UnreadableFile(f"文件无法读取：不是有效的 XLS 文件（{type(exc).__name__}）") from None
    datemode = book.datemode

    def cell(kind: int, value: object) -> Cell:
        if kind == xlrd.XL_CELL_DATE:
            try:
                return xlrd.xldate.xldate_as_datetime(float(value), datemode).date()  # type: ignore[arg-type]
            except (xlrd.xldate.XLDateError, OverflowError, ValueError):
                return value  # left as a number: the date rule then names the bad value
        if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
            return None
        if kind == xlrd.XL_CELL_BOOLEAN:
            return bool(value)
        if kind == xlrd.XL_CELL_ERROR:
            return xlrd.error_text_from_code.get(value, "#ERR")  # type: ignore[call-overload]
        return _xlsx_cell(value)

    def values() -> Iterator[list[Cell]]:
        for index in range(sheet.nrows):
            yield [cell(k, v) for k, v in zip(sheet.row_types(index), sheet.row_values(index), strict=True)]

    return _sheet_table(values(), book.release_resources, sheet.nrows)
