"""Reading one row's cells with the shared value rules of data-standard §2, collecting reasons and warnings."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal
from functools import lru_cache

from portal.domain import amounts, dates, text, uscc
from portal.domain.errors import InvalidValue
from portal.importers.formats import LONG_LIMIT, LONG_TEXT, SHORT_LIMIT, HeaderMap
from portal.importers.readers import Cell


class RowReader:
    """Typed access to a row's cells. Problems become Chinese reasons (reject) or warnings (keep)."""

    def __init__(self, hmap: HeaderMap, cells: list[Cell], line_no: int, today: date) -> None:
        self.line_no = line_no
        self.today = today
        self.reasons: list[str] = []
        self.warnings: list[str] = []
        self._raw: dict[str, Cell] = {}
        self._text: dict[str, str] = {}  # every cell cleaned once: the accessors below run ~100 times a row
        width = len(cells)
        for column, index in hmap.positions.items():
            value = cells[index] if index < width else None
            self._raw[column] = value
            self._text[column] = text.clean(value)
        if width > hmap.width and any(text.clean(c) for c in cells[hmap.width :]):
            self.reasons.append("字段数多于表头")
        self._check_all_text()

    @property
    def ok(self) -> bool:
        return not self.reasons

    def is_blank_row(self) -> bool:
        return not any(self._text.values())

    def _check_all_text(self) -> None:
        for column, cleaned in self._text.items():
            if not cleaned:
                continue
            if text.has_control_chars(cleaned):
                self.reasons.append(f"含非法控制字符：{column}")
            limit = LONG_LIMIT if column in LONG_TEXT else SHORT_LIMIT
            if len(cleaned) > limit:
                self.reasons.append(f"字段超长：{column}（最多{limit}字）")

    def raw(self, column: str) -> Cell:
        return self._raw.get(column)

    def text(self, column: str, *, required: bool = False) -> str:
        value = self._text.get(column, "")
        if required and not value:
            self.reasons.append(f"缺少必填字段：{column}")
        return value

    def optional(self, column: str) -> str | None:
        return self.text(column) or None

    def code(self, column: str) -> str:
        value = self._text.get(column, "")
        return text.normalize_code(value) if value else ""

    def date(self, column: str, *, required: bool = False, long_term: bool = False) -> date | None:
        value = self._raw.get(column)
        try:
            parsed = dates.parse_date(value, allow_long_term=long_term)
        except InvalidValue:
            given = self._text.get(column, "")
            self.reasons.append(f"日期无效：{column}={given}{_year_only_hint(column, given)}")
            return None
        if parsed is None and required:
            self.reasons.append(f"缺少必填字段：{column}")
        return parsed

    def past_date(self, column: str) -> date | None:
        """A required decision/listing date, not after the import date."""
        parsed = self.date(column, required=True)
        if parsed is not None and parsed > self.today:
            self.reasons.append(f"{column}不得晚于导入日期")
            return None
        return parsed

    def amount(self, column: str) -> Decimal | None:
        value = self._raw.get(column)
        try:
            parsed = amounts.parse_amount(value)
        except InvalidValue:
            self.reasons.append(f"金额无效：{column}={self._text.get(column, '')}")
            return None
        if parsed is not None and parsed >= amounts.SUSPICIOUS_AMOUNT:
            self.warn(f"{column}={parsed.normalize():f}，金额异常大，请核对单位是否为万元")
        return parsed

    def uscc(self, column: str, *, required: bool = False) -> str | None:
        """GB 32100: wrong length or charset rejects; a wrong check character only warns (§2)."""
        value = self.code(column)
        if not value:
            if required:
                self.reasons.append(f"缺少必填字段：{column}")
            return None
        well_formed, check_ok = _uscc_status(value)
        if not well_formed:
            self.reasons.append(f"统一社会信用代码长度或字符无效：{column}")
            return None
        if not check_ok:
            self.warn(f"{column}校验位不正确：{value}")
        return value

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def end_not_before(self, end: date | None, start: date | None, end_col: str, start_col: str) -> bool:
        if end is not None and start is not None and end < start:
            self.reasons.append(f"{end_col}早于{start_col}")
            return False
        return True


_YEAR_ONLY = re.compile(r"(19[4-9]\d|20\d\d)年?度?")
# A list file with only a year in its listing date is, in real files, an annual rating (纳税信用A级 …): say where
# those go (data-standard §11) instead of only "invalid".
_RATING_HINT_COLUMNS = frozenset({"列入日期"})


def _year_only_hint(column: str, given: str) -> str:
    if not _YEAR_ONLY.fullmatch(unicodedata.normalize("NFKC", given)):
        return ""
    if column in _RATING_HINT_COLUMNS:
        return "（只有年份：年度信用评价结果请按 --kind rating 导入，年份填在“评价年度”列）"
    return "（只有年份：须为完整日期，如2026-03-10）"


@lru_cache(maxsize=65536)
def _uscc_status(value: str) -> tuple[bool, bool]:
    """Department codes repeat on every row of a file: check each distinct code once."""
    well_formed = uscc.is_well_formed(value)
    return well_formed, well_formed and uscc.has_valid_check(value)
