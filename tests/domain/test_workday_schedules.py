"""Official schedules entered by staff (issue 15): parsing, precedence, and deadlines across 2026/2027.

FICTIONAL_2027 is invented for these tests: it is not the State Council's 2027 notice, which was not published
when this was written. Its days were chosen only to differ from the estimate."""

from __future__ import annotations

from datetime import date

import pytest

from portal.domain.workdays import Schedule, ScheduleInvalid, WorkCalendar, parse_schedule

FICTIONAL_2027 = """date,kind,name
2027-01-01,holiday,元旦
2027-01-04,holiday,test-only
2027-01-05,holiday,test-only
2027-01-09,workday,test-only
"""
START = date(2026, 12, 20)  # a Sunday: 9 working days remain in December 2026 (chinesecalendar)


def _schedule(text: str) -> Schedule:
    years = parse_schedule(text.splitlines())
    return Schedule(frozenset(years), {d: entry for days in years.values() for d, entry in days.items()})


def test_a_deadline_into_2027_is_estimated_without_a_schedule() -> None:
    calendar = WorkCalendar()
    assert calendar.is_estimated_year(2027)
    assert not calendar.is_estimated_year(2026)
    # Dec 21-25, 28-31 (9); 2027-01-01 estimated 元旦; Jan 4-8 (14); Jan 11 (15).
    assert calendar.add_workdays_estimated(START, 15) == (date(2027, 1, 11), True)
    assert calendar.add_workdays_estimated(START, 9) == (date(2026, 12, 31), False)


def test_a_deadline_into_2027_follows_an_entered_schedule_and_is_not_estimated() -> None:
    calendar = WorkCalendar(schedule=_schedule(FICTIONAL_2027))
    assert not calendar.is_estimated_year(2027)
    # 9 in 2026; Jan 1, 4, 5 off; Jan 6, 7, 8 (12); Sat Jan 9 worked (13); Jan 11 (14); Jan 12 (15).
    assert calendar.add_workdays_estimated(START, 15) == (date(2027, 1, 12), False)
    assert calendar.day(date(2027, 1, 9)).is_workday
    assert calendar.day(date(2027, 1, 9)).name == "test-only"
    unlisted_saturday = calendar.day(date(2027, 3, 6))
    assert (unlisted_saturday.is_workday, unlisted_saturday.is_estimated) == (False, False)
    unlisted_monday = calendar.day(date(2027, 3, 8))
    assert (unlisted_monday.is_workday, unlisted_monday.is_estimated) == (True, False)


def test_overrides_win_over_a_schedule_which_wins_over_chinesecalendar() -> None:
    schedule = _schedule("date,kind\n2026-10-08,workday\n2026-10-01,holiday\n")  # 10-08 is off in 2026's notice
    calendar = WorkCalendar(schedule=schedule)
    assert calendar.is_workday(date(2026, 10, 8))
    assert not WorkCalendar({date(2027, 1, 9): False}, _schedule(FICTIONAL_2027)).is_workday(date(2027, 1, 9))


def test_the_year_column_files_a_day_under_its_notice() -> None:
    years = parse_schedule(["date,kind,year", "2026-12-31,holiday,2027", "2027-01-01,holiday,2027"])
    assert set(years) == {2027}
    assert set(years[2027]) == {date(2026, 12, 31), date(2027, 1, 1)}


def test_a_bom_chinese_kinds_and_blank_lines_are_accepted() -> None:
    years = parse_schedule(["\ufeffdate,kind", "2027-01-01,休", "", "2027-01-09,班"])
    assert [d.is_workday for d in years[2027].values()] == [False, True]


@pytest.mark.parametrize(
    ("text", "problem", "line"),
    [
        ("day,type\n2027-01-01,holiday\n", "header", 1),
        ("date,kind\n2027-13-01,holiday\n", "date", 2),
        ("date,kind\n2027-01-01,holiday\n2027-01-02,vacation\n", "kind", 3),
        ("date,kind,year\n2027-01-01,holiday,27\n", "year", 2),
        ("date,kind,year\n2027-03-01,holiday,2026\n", "outside_year", 2),
        ("date,kind\n2027-01-01,holiday\n2027-01-01,workday\n", "conflict", 3),
        ("date,kind\n2027-01-09,workday\n", "no_holiday", 0),
        ("date,kind\n", "no_holiday", 0),
    ],
)
def test_a_broken_schedule_names_the_problem_and_line(text: str, problem: str, line: int) -> None:
    with pytest.raises(ScheduleInvalid) as refused:
        parse_schedule(text.splitlines())
    assert (refused.value.problem, refused.value.line) == (problem, line)
