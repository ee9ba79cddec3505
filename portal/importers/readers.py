"""CSV (UTF-8, UTF-8 with BOM, GB18030 — detected) and XLSX readers yielding (line_no, cells)."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20
Cell = object  # str for CSV; str, int, float, date or None for XLSX
ProgressFn = Callable[[int], None]


class UnreadableFile(Exception):
    """The file cannot be read at all (exit 2 with a one-line message)."""


@dataclass
class TableReader:
    """Header cells plus an iterator of (line_no, cells); `close()` releases the file."""

    header: list[str]
    rows: Iterator[tuple[int, list[Cell]]]
    close: Callable[[], None]
    size: int  # progress units: bytes for CSV, rows for XLSX


def open_table(path: Path, progress: ProgressFn | None = None) -> TableReader:
    """Open CSV or XLSX by content (a ZIP container is XLSX), check it is readable, read the header row."""
    if path.stat().st_size == 0:
        raise UnreadableFile("文件为空")
    with path.open("rb") as fh:
        magic = fh.read(4)
    if magic == b"PK\x03\x04":
        return _open_xlsx(path)
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

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnreadableFile(f"文件无法读取：不是有效的 XLSX 文件（{type(exc).__name__}）") from None
    sheet = book.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    line_no = 0
    header: list[str] | None = None
    for line_no, first in enumerate(values, start=1):  # noqa: B007 - line_no is used after the loop
        header = ["" if c is None else str(c) for c in first]
        break
    if header is None or not any(h.strip() for h in header):
        book.close()
        raise UnreadableFile("文件为空：没有表头行")

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        for number, cells in enumerate(values, start=line_no + 1):
            yield number, [_xlsx_cell(c) for c in cells]

    return TableReader(header, rows(), book.close, sheet.max_row or 0)


def _xlsx_cell(value: object) -> Cell:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value
