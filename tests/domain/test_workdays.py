"""Working days with 调休, estimates for unpublished years, and overrides (DOMAIN §15)."""

from datetime import date

import pytest

from portal.domain.errors import DomainError, InvalidValue
from portal.domain.workdays import DayInfo, WorkCalendar

CAL = WorkCalendar()


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # DOMAIN §15 worked examples (2025 notice).
        (date(2025, 1, 24), 7, date(2025, 2, 10)),
        (date(2025, 9, 26), 15, date(2025, 10, 23)),
        # 2026 春节: 02-15…02-23 off, Sat 02-14 and Sat 02-28 are 调休 working days.
        (date(2026, 2, 13), 1, date(2026, 2, 14)),
        (date(2026, 2, 13), 2, date(2026, 2, 24)),
        (date(2026, 2, 13), 6, date(2026, 2, 28)),
        (date(2026, 2, 13), 7, date(2026, 3, 2)),
        # 2026 国庆: 10-01…10-07 off, Sun 09-20 and Sat 10-10 are 调休 working days; 09-25 is 中秋.
        (date(2026, 9, 18), 1, date(2026, 9, 20)),
        (date(2026, 9, 24), 1, date(2026, 9, 28)),
        (date(2026, 9, 30), 1, date(2026, 10, 8)),
        (date(2026, 9, 30), 3, date(2026, 10, 10)),
        (date(2026, 9, 30), 4, date(2026, 10, 12)),
        # n == 0 is the start itself, even on a holiday.
        (date(2026, 10, 1), 0, date(2026, 10, 1)),
        # a start on a holiday: the first working day after it is day 1.
        (date(2026, 10, 1), 1, date(2026, 10, 8)),
    ],
)
def test_working_days_follow_the_official_calendar(start, n, expected):
    assert CAL.add_workdays(start, n) == expected
    assert CAL.add_workdays_estimated(start, n) == (expected, False)


@pytest.mark.parametrize(
    ("d", "is_workday", "name"),
    [
        (date(2026, 2, 14), True, "春节调休上班"),
        (date(2026, 2, 15), False, "春节"),
        (date(2026, 2, 23), False, "春节"),
        (date(2026, 2, 28), True, "春节调休上班"),
        (date(2026, 9, 20), True, "国庆节调休上班"),
        (date(2026, 10, 1), False, "国庆节"),
        (date(2026, 10, 7), False, "国庆节"),
        (date(2026, 10, 10), True, "国庆节调休上班"),
        (date(2026, 3, 7), False, None),  # an ordinary Saturday
        (date(2026, 3, 9), True, None),
    ],
)
def test_2026_days_match_the_official_notice(d, is_workday, name):
    assert CAL.day(d) == DayInfo(is_workday=is_workday, is_estimated=False, name=name)


def test_2025_adjusted_working_days_count():
    assert all(
        CAL.is_workday(d)
        for d in (date(2025, 1, 26), date(2025, 2, 8), date(2025, 9, 28), date(2025, 10, 11))
    )
    assert not any(CAL.is_workday(date(2025, 10, d)) for d in range(1, 9))


def test_years_without_an_official_notice_are_estimated():
    spring = CAL.day(date(2027, 2, 8))
    assert spring.is_estimated
    assert not spring.is_workday
    assert spring.name == "春节"
    assert CAL.day(date(2027, 3, 8)) == DayInfo(is_workday=True, is_estimated=True, name=None)
    assert CAL.day(date(2027, 3, 6)) == DayInfo(is_workday=False, is_estimated=True, name=None)


def test_a_deadline_reaching_into_an_estimated_year_says_so():
    # 2027-01-01 (Fri) is 元旦, then a weekend.
    assert CAL.add_workdays_estimated(date(2026, 12, 31), 1) == (date(2027, 1, 4), True)
    assert CAL.add_workdays_estimated(date(2026, 12, 30), 1) == (date(2026, 12, 31), False)
    assert CAL.add_workdays_estimated(date(2027, 2, 4), 1) == (date(2027, 2, 11), True)


def test_years_before_the_library_are_estimated_too():
    assert CAL.day(date(2003, 5, 6)).is_estimated


def test_overrides_win_and_are_not_estimates():
    cal = WorkCalendar({date(2027, 2, 11): False, date(2027, 2, 20): True, date(2026, 10, 10): False})
    assert cal.day(date(2027, 2, 11)) == DayInfo(is_workday=False, is_estimated=False, name=None)
    assert cal.day(date(2027, 2, 20)) == DayInfo(is_workday=True, is_estimated=False, name=None)
    assert cal.add_workdays(date(2027, 2, 4), 1) == date(2027, 2, 12)
    assert cal.add_workdays(date(2026, 9, 30), 3) == date(2026, 10, 12)
    assert CAL.add_workdays(date(2026, 9, 30), 3) == date(2026, 10, 10)  # the shared calendar is untouched


def test_an_override_agreeing_with_the_calendar_keeps_the_holiday_name():
    assert WorkCalendar({date(2026, 10, 1): False}).day(date(2026, 10, 1)).name == "国庆节"


def test_an_override_table_without_working_days_is_an_error_not_a_hang():
    start = date(2026, 1, 1)
    cal = WorkCalendar({date.fromordinal(start.toordinal() + i): False for i in range(1, 400)})
    with pytest.raises(DomainError, match="没有工作日"):
        cal.add_workdays(start, 1)


def test_negative_working_days_are_refused():
    with pytest.raises(InvalidValue):
        CAL.add_workdays(date(2026, 1, 5), -1)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2025, 1, 24), date(2025, 2, 10), 7),
        (date(2025, 9, 26), date(2025, 10, 23), 15),
        (date(2026, 2, 13), date(2026, 2, 23), 1),
        (date(2026, 3, 9), date(2026, 3, 9), 0),
        (date(2026, 3, 6), date(2026, 3, 9), 1),  # (Fri, Mon]
        (date(2025, 2, 10), date(2025, 1, 24), -7),
    ],
)
def test_working_days_between_count_the_end_but_not_the_start(start, end, expected):
    assert CAL.workdays_between(start, end) == expected
