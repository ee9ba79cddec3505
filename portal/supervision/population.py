"""A draw's population from pasted text or an uploaded CSV/XLSX file: (line number, USCC cell) pairs.

A file may have a header row; when one of its cells names the USCC column (统一社会信用代码 …) that column is read,
otherwise the first one, and a first row without such a name is data. The cells are judged by
portal.domain.sampling.parse_population (invalid codes line by line, duplicates dropped).
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path

from portal.domain.sampling import HEADER_WORDS
from portal.importers.readers import OLE2_MAGIC, open_table

log = logging.getLogger(__name__)

MAX_UPLOAD = 2 * 1024 * 1024
# Characters of pasted text: about 25,000 codes. A multipart text part is capped by MAX_FORM_MEMORY_SIZE (werkzeug's
# 500 kB, a 413 above it); larger populations (up to MAX_POPULATION) come as a file.
MAX_PASTE = 480_000


class PopulationFileError(Exception):
    """The file cannot be read: `reason` is too_large | unreadable."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def pasted_lines(text: str) -> Iterator[tuple[int, str]]:
    """One USCC per line; a line may also hold several separated by commas, semicolons or spaces (first one read)."""
    for line_no, line in enumerate(text.splitlines(), start=1):
        cells = line.replace("，", ",").replace(";", ",").replace("\t", ",").split(",")
        yield line_no, cells[0]


def _column(header: list[str]) -> int | None:
    for index, cell in enumerate(header):
        text = str(cell).strip().upper()
        if any(word.upper() == text or word in str(cell) for word in HEADER_WORDS):
            return index
    return None


def file_lines(raw: bytes, folder: str) -> list[tuple[int, str]]:
    """Lines of an uploaded CSV (UTF-8 or GB18030) or XLSX file, detected by content. Raises PopulationFileError."""
    if len(raw) > MAX_UPLOAD:
        raise PopulationFileError("too_large")
    if not raw.strip():
        raise PopulationFileError("unreadable")
    # The readers judge the content; openpyxl also wants a spreadsheet's name to end in .xlsx.
    suffix = ".xlsx" if raw.startswith(b"PK\x03\x04") else ".xls" if raw.startswith(OLE2_MAGIC) else ".csv"
    with tempfile.NamedTemporaryFile(dir=folder, prefix="draw-", suffix=suffix) as handle:
        handle.write(raw)
        handle.flush()
        try:
            table = open_table(Path(handle.name))
        except Exception:  # noqa: BLE001 - any reader failure (zip, XML, encoding) is "cannot be read" to the user
            log.info("draw population file unreadable", exc_info=True)
            raise PopulationFileError("unreadable") from None
        try:
            column = _column(table.header)
            lines: list[tuple[int, str]] = []
            if column is None:
                column = 0
                lines.append((table.header_line, table.header[0] if table.header else ""))
            for line_no, cells in table.rows:
                value = cells[column] if column < len(cells) else ""
                lines.append((line_no, "" if value is None else str(value)))
        except Exception:  # noqa: BLE001 - as above, for rows read lazily
            log.info("draw population file unreadable", exc_info=True)
            raise PopulationFileError("unreadable") from None
        finally:
            table.close()
    return lines
