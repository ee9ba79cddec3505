"""Date cells of import files and calendar-month arithmetic (data-standard §2, DOMAIN §5.3)."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from portal.domain import dates
from portal.domain.dates import DateInvalid
from portal.domain.errors import InvalidValue


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-03-10", date(2026, 3, 10)),
        ("2026-3-1", date(2026, 3, 1)),
        ("2026/04/02", date(2026, 4, 2)),
        ("2026/4/2", date(2026, 4, 2)),
        ("2026.06.18", date(2026, 6, 18)),
        ("2026.6.8", date(2026, 6, 8)),
        ("20260505", date(2026, 5, 5)),
        ("2026年2月3日", date(2026, 2, 3)),
        ("2026年02月03日", date(2026, 2, 3)),
        ("2026-03-10 12:30", date(2026, 3, 10)),
        ("2026-03-10 08:30:15", date(2026, 3, 10)),
        ("2026-03-10T00:00:00", date(2026, 3, 10)),
        ("2026/3/10 9:05", date(2026, 3, 10)),
        ("20260505 23:59:59", date(2026, 5, 5)),
        ("2026年2月3日 10:00", date(2026, 2, 3)),
        ("２０２６－０３－１０", date(2026, 3, 10)),
        ("\u30002026-03-10 ", date(2026, 3, 10)),
        ("1949-10-01", date(1949, 10, 1)),
        ("2099-12-31", date(2099, 12, 31)),
        ("2024-02-29", date(2024, 2, 29)),
    ],
)
def test_every_documented_text_format_is_read(raw, expected):
    assert dates.parse_date(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "  ", "-", "—", "/", "无", "空", "NULL", "null"])
def test_blank_and_placeholders_are_no_date(raw):
    assert dates.parse_date(raw) is None


@pytest.mark.parametrize(
    "raw",
    [
        "2026-02-30",  # not a real date
        "2025-02-29",
        "2026-13-01",
        "2026-00-10",
        "1949-09-30",  # the day before MIN_DATE
        "2100-01-01",  # the day after MAX_DATE
        "abc",
        "2026-03",
        "2026-3/10",  # mixed separators
        "26-03-10",
        "202635",
        "2026-03-10 25:00",
        "2026-03-10 下午",
        "2026年3月10",
        "10/03/2026",
        "长期",  # only in end-date columns
    ],
)
def test_invalid_text_dates_are_rejected(raw):
    with pytest.raises(DateInvalid):
        dates.parse_date(raw)


def test_date_invalid_is_an_invalid_value_with_its_own_code():
    with pytest.raises(InvalidValue) as caught:
        dates.parse_date("2026-02-30")
    assert caught.value.code == "date_invalid"
    assert caught.value.params == {"value": "2026-02-30"}


def test_long_term_means_the_last_date_in_end_date_columns():
    assert dates.parse_date("长期", allow_long_term=True) == dates.MAX_DATE == date(2099, 12, 31)
    assert dates.LONG_TERM == dates.MAX_DATE


def test_xlsx_date_and_datetime_cells_are_accepted():
    assert dates.parse_date(date(2026, 3, 10)) == date(2026, 3, 10)
    assert dates.parse_date(datetime(2026, 3, 10, 15, 45)) == date(2026, 3, 10)


@pytest.mark.parametrize("raw", [date(1949, 9, 30), datetime(2100, 1, 1)])
def test_xlsx_date_cells_outside_the_range_are_rejected(raw):
    with pytest.raises(DateInvalid):
        dates.parse_date(raw)


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (61, date(1900, 3, 1)),
        (46000, date(2025, 12, 9)),
        (46000.99, date(2025, 12, 9)),
        (Decimal(46000), date(2025, 12, 9)),
        (45658, date(2025, 1, 1)),
    ],
)
def test_excel_serials_count_from_1899_12_30(serial, expected):
    assert dates.excel_serial_to_date(serial) == expected


@pytest.mark.parametrize("serial", [60, 1, 0, -5, 60.9, float("nan"), float("inf"), 1e300])
def test_excel_serials_before_61_or_not_finite_are_rejected(serial):
    with pytest.raises(DateInvalid):
        dates.excel_serial_to_date(serial)


@pytest.mark.parametrize(
    ("serial", "expected"),
    [(46000, date(2025, 12, 9)), (46091.5, date(2026, 3, 10)), (18172, date(1949, 10, 1))],
)
def test_numeric_cells_are_read_as_excel_serials(serial, expected):
    assert dates.parse_date(serial) == expected


@pytest.mark.parametrize("serial", [60, 61, 18171, True])
def test_numeric_cells_before_the_range_or_booleans_are_rejected(serial):
    # 61 is 1900-03-01, a real serial date but before 1949-10-01.
    with pytest.raises(DateInvalid):
        dates.parse_date(serial)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 3, date(2026, 4, 30)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 1, 31), 12, date(2027, 1, 31)),
        (date(2026, 3, 10), 36, date(2029, 3, 10)),
        (date(2026, 5, 5), 12, date(2027, 5, 5)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 3, 10), 0, date(2026, 3, 10)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_last_of_the_month(start, months, expected):
    assert dates.add_months(start, months) == expected


def test_add_years_is_twelve_months():
    assert dates.add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert dates.add_years(date(2026, 3, 10), 3) == date(2029, 3, 10)
