"""Date parsing of import cells and calendar-month arithmetic (data-standard §2 Dates, DOMAIN §5.3)."""

from __future__ import annotations

import calendar
import math
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from portal.domain.errors import InvalidValue
from portal.domain.text import clean, is_placeholder, nfkc

MIN_DATE = date(1949, 10, 1)
MAX_DATE = date(2099, 12, 31)
LONG_TERM = MAX_DATE  # 长期 in an end-date column (data-standard §2)
LONG_TERM_WORD = "长期"

# Excel's 1900 date system counts from 1899-12-30 because it treats 1900 as a leap year; serials
# below 61 fall before its phantom 1900-02-29 and are ambiguous, so they are rejected (data-standard §2).
EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_FIRST_SERIAL = 61

# A trailing time is ignored (data-standard §2), but it must look like a time, not arbitrary text.
_TIME = r"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?"
_DATE_FORMATS = (
    re.compile(rf"(\d{{4}})([-/.])(\d{{1,2}})\2(\d{{1,2}})(?:(?:\s+|T){_TIME})?", re.ASCII),
    re.compile(rf"(\d{{4}})()(\d{{2}})(\d{{2}})(?:(?:\s+|T){_TIME})?", re.ASCII),
    re.compile(rf"(\d{{4}})(年)(\d{{1,2}})月(\d{{1,2}})日(?:\s*{_TIME})?", re.ASCII),
)


class DateInvalid(InvalidValue):
    """Not a date in an accepted format, not a real calendar date, or outside 1949-10-01…2099-12-31."""

    code = "date_invalid"


def _in_range(value: date, raw: object) -> date:
    if not MIN_DATE <= value <= MAX_DATE:
        raise DateInvalid("日期无效", value=raw)
    return value


def excel_serial_to_date(serial: float | Decimal) -> date:
    """Date of an Excel 1900-system serial (day part only); raises DateInvalid below 61 or not finite."""
    if not math.isfinite(serial):
        raise DateInvalid("日期无效", value=serial)
    days = math.floor(serial)
    if days < EXCEL_FIRST_SERIAL:
        raise DateInvalid("日期无效", value=serial)
    try:
        return EXCEL_EPOCH + timedelta(days=days)
    except OverflowError:
        raise DateInvalid("日期无效", value=serial) from None


def _parse_text(text: str, *, allow_long_term: bool, raw: object) -> date:
    if text == LONG_TERM_WORD:
        if allow_long_term:
            return LONG_TERM
        raise DateInvalid("日期无效", value=raw)
    for pattern in _DATE_FORMATS:
        match = pattern.fullmatch(text)
        if match is not None:
            year, _sep, month, day = match.groups()
            try:
                return date(int(year), int(month), int(day))
            except ValueError:
                raise DateInvalid("日期无效", value=raw) from None
    raise DateInvalid("日期无效", value=raw)


def parse_date(value: object, *, allow_long_term: bool = False) -> date | None:
    """A cell as a date; None for blank or a placeholder.

    Accepts date/datetime objects (XLSX), Excel serial numbers, and the text formats of data-standard §2.
    Raises DateInvalid for anything else, for impossible dates and for dates outside MIN_DATE…MAX_DATE;
    `长期` is MAX_DATE only in end-date columns (allow_long_term).
    """
    if value is None:
        return None
    if isinstance(value, bool):  # bool is an int; True is no serial date
        raise DateInvalid("日期无效", value=value)
    if isinstance(value, datetime):  # before date: datetime is a subclass of date
        return _in_range(value.date(), value)
    if isinstance(value, date):
        return _in_range(value, value)
    if isinstance(value, int | float | Decimal):
        return _in_range(excel_serial_to_date(value), value)
    text = clean(value)
    if not text or is_placeholder(text):
        return None
    # NFKC so that full-width digits and colons (２０２６－０３－１０) read like ASCII ones.
    return _in_range(_parse_text(nfkc(text), allow_long_term=allow_long_term, raw=value), value)


def add_months(d: date, months: int) -> date:
    """Same day number `months` later, or the last day of that month (DOMAIN §5.3: 01-31 + 3 m = 04-30)."""
    year, month0 = divmod(d.month - 1 + months, 12)
    year += d.year
    return date(year, month0 + 1, min(d.day, calendar.monthrange(year, month0 + 1)[1]))


def add_years(d: date, years: int) -> date:
    """`years` calendar years later; 29 February becomes 28 February in common years (DOMAIN §5.3)."""
    return add_months(d, 12 * years)
